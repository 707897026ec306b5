"""ORM tables. Relationships are `lazy="raise"`: every load is explicit in a repository."""

from api.models.audit import AccessLog, AuditChainHead
from api.models.base import Base
from api.models.cases import (
    Application,
    ApplicationProgram,
    CaseEventRow,
    Decision,
    Evidence,
    FinancialConsentRow,
    Investigation,
)
from api.models.certificates import CertificateEntitlement, CertificateRow, CertificateSerial
from api.models.entitlements import (
    AppealRow,
    ChangeProposal,
    EntitlementAmount,
    EntitlementEvent,
    EntitlementMember,
    EntitlementRow,
    IdempotencyRecord,
    SigunguSetting,
)
from api.models.officials import Official, OfficialGrantEvent, RefreshToken, ServiceClient
from api.models.reference import Sigungu
from api.models.registry import FamilyRelation, Household, HouseholdMember, Person

__all__ = [
    "AccessLog",
    "AppealRow",
    "Application",
    "ApplicationProgram",
    "AuditChainHead",
    "Base",
    "CaseEventRow",
    "CertificateEntitlement",
    "CertificateRow",
    "CertificateSerial",
    "ChangeProposal",
    "Decision",
    "EntitlementAmount",
    "EntitlementEvent",
    "EntitlementMember",
    "EntitlementRow",
    "Evidence",
    "FamilyRelation",
    "FinancialConsentRow",
    "Household",
    "HouseholdMember",
    "IdempotencyRecord",
    "Investigation",
    "Official",
    "OfficialGrantEvent",
    "Person",
    "RefreshToken",
    "ServiceClient",
    "Sigungu",
    "SigunguSetting",
]
