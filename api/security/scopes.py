"""Duties (업무 roles) and the scopes they grant: least privilege by role (안전성 확보조치 기준
제5조①). Jurisdiction is separate: it lives on the account and binds every registry query."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    REGISTRY_READ = "registry:read"
    REGISTRY_WRITE = "registry:write"
    REGISTRY_RRN = "registry:rrn"  # see a full 주민등록번호, with a stated reason
    APPLICATIONS_READ = "applications:read"
    APPLICATIONS_WRITE = "applications:write"
    INVESTIGATIONS_READ = "investigations:read"
    INVESTIGATIONS_WRITE = "investigations:write"
    DECISIONS_READ = "decisions:read"
    DECISIONS_WRITE = "decisions:write"
    PAYMENTS_READ = "payments:read"
    PAYMENTS_WRITE = "payments:write"
    CERTIFICATES_READ = "certificates:read"
    CERTIFICATES_WRITE = "certificates:write"
    AUDIT_READ = "audit:read"
    ADMIN = "admin"
    REFERENCE_READ = "reference:read"
    # Service clients act only for the citizen they authenticated.
    CITIZEN_APPLICATIONS = "citizen:applications"
    CITIZEN_CERTIFICATES = "citizen:certificates"


class Role(StrEnum):
    INTAKE = "intake"  # 읍면동 접수·상담
    INVESTIGATOR = "investigator"  # 시군구 통합조사
    DECISION_MAKER = "decision_maker"  # 보장 결정
    PAYMENT_OFFICER = "payment_officer"  # 급여 지급·환수
    PRIVACY_OFFICER = "privacy_officer"  # 개인정보보호책임자·분임책임자
    ADMIN = "admin"  # 시스템·계정 관리


S = Scope
ROLE_SCOPES: dict[Role, frozenset[Scope]] = {
    Role.INTAKE: frozenset(
        {
            S.REGISTRY_READ,
            S.REGISTRY_WRITE,
            S.APPLICATIONS_READ,
            S.APPLICATIONS_WRITE,
            S.CERTIFICATES_READ,
            S.CERTIFICATES_WRITE,
        }
    ),
    Role.INVESTIGATOR: frozenset(
        {
            S.REGISTRY_READ,
            S.REGISTRY_WRITE,
            S.REGISTRY_RRN,
            S.APPLICATIONS_READ,
            S.INVESTIGATIONS_READ,
            S.INVESTIGATIONS_WRITE,
        }
    ),
    Role.DECISION_MAKER: frozenset(
        {
            S.REGISTRY_READ,
            S.REGISTRY_RRN,
            S.APPLICATIONS_READ,
            S.INVESTIGATIONS_READ,
            S.DECISIONS_READ,
            S.DECISIONS_WRITE,
        }
    ),
    Role.PAYMENT_OFFICER: frozenset({S.REGISTRY_READ, S.DECISIONS_READ, S.PAYMENTS_READ, S.PAYMENTS_WRITE}),
    Role.PRIVACY_OFFICER: frozenset({S.AUDIT_READ}),
    Role.ADMIN: frozenset({S.ADMIN}),
}
# Every official may read reference data (시군구 codes and names).
OFFICIAL_BASE = frozenset({S.REFERENCE_READ})


class ClientKind(StrEnum):
    PORTAL = "portal"  # 복지로·정부24-style citizen portal
    KIOSK = "kiosk"  # 무인민원발급기


CLIENT_SCOPES: dict[ClientKind, frozenset[Scope]] = {
    ClientKind.PORTAL: frozenset({S.CITIZEN_APPLICATIONS, S.CITIZEN_CERTIFICATES}),
    ClientKind.KIOSK: frozenset({S.CITIZEN_CERTIFICATES}),
}

PROGRAMS = (
    "livelihood",
    "medical",
    "housing",
    "education",
    "basic_pension",
    "disability_pension",
    "parent_benefit",
    "child_allowance",
    "childcare_fee",
    "home_care_allowance",
    "emergency",
)


def scopes_for_roles(roles: list[str] | tuple[str, ...]) -> frozenset[Scope]:
    granted: set[Scope] = set(OFFICIAL_BASE)
    for name in roles:
        granted |= ROLE_SCOPES[Role(name)]
    return frozenset(granted)
