"""ORM tables. Relationships are `lazy="raise"`: every load is explicit in a repository."""

from api.models.audit import AccessLog, AuditChainHead
from api.models.base import Base
from api.models.officials import Official, OfficialGrantEvent, RefreshToken, ServiceClient
from api.models.reference import Sigungu
from api.models.registry import FamilyRelation, Household, HouseholdMember, Person

__all__ = [
    "AccessLog",
    "AuditChainHead",
    "Base",
    "FamilyRelation",
    "Household",
    "HouseholdMember",
    "Official",
    "OfficialGrantEvent",
    "Person",
    "RefreshToken",
    "ServiceClient",
    "Sigungu",
]
