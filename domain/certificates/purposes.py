"""용도 (purpose) of a certificate and the items each purpose needs.

개인정보의 안전성 확보조치 기준 제12조: when personal data is printed, displayed or written to a file,
the purpose is specified and only the items that purpose needs are output (출력 항목 최소화). A
certificate prints the intersection of what its form can show and what its purpose needs, plus the
items every certificate carries (`ALWAYS_PRINTED`) and the type's own subject matter (`core_items`).

The per-purpose needs are this system's reading of what each recipient checks; the research note marks
the certificate field list itself as inferred ("The field list is inferred", note F and item 8), so the
table is kept as data here for a privacy officer to review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from domain.certificates.types import ALWAYS_PRINTED, CertificateType, Item
from domain.errors import InvalidInput


class Purpose(StrEnum):
    FINANCIAL_INSTITUTION = "financial_institution"
    SCHOOL = "school"
    PUBLIC_OFFICE = "public_office"
    TELECOM_DISCOUNT = "telecom_discount"
    UTILITY_DISCOUNT = "utility_discount"
    HOUSING_LEASE = "housing_lease"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PURPOSES[self].label

    @property
    def needs(self) -> frozenset[Item]:
        return PURPOSES[self].needs

    @property
    def needs_identity(self) -> bool:
        return PURPOSES[self].needs_identity


@dataclass(frozen=True, slots=True)
class PurposeSpec:
    """`needs` names a 주민등록번호 as `Item.RRN_MASKED`; whether the full number may replace it is
    `needs_identity` (the recipient must match the person to its own records by the full number)."""

    label: str
    needs: frozenset[Item]
    needs_identity: bool = False

    def __post_init__(self) -> None:
        if Item.RRN_FULL in self.needs:
            raise InvalidInput("용도는 주민등록번호 전체가 아니라 needs_identity로 표시합니다.")
        if self.needs_identity and Item.RRN_MASKED not in self.needs:
            raise InvalidInput("본인 확인이 필요한 용도는 주민등록번호 항목이 필요합니다.")


_I = Item
PURPOSES: Mapping[Purpose, PurposeSpec] = MappingProxyType(
    {
        # 금융실명법 실명확인: a bank matches the holder to the account by the full number, which is the
        # one purpose that justifies printing it (and only if the requester asks).
        Purpose.FINANCIAL_INSTITUTION: PurposeSpec(
            "금융기관 제출",
            frozenset({_I.NAME, _I.RRN_MASKED, _I.PROGRAMS, _I.START_DATE}),
            needs_identity=True,
        ),
        # The student is often a household member rather than the named 수급자, so the school needs the
        # members table to see the student belongs to the 수급 household (교육급여, 장학금, 급식비 지원).
        Purpose.SCHOOL: PurposeSpec(
            "학교 제출", frozenset({_I.NAME, _I.PROGRAMS, _I.START_DATE, _I.MEMBERS})
        ),
        # Offices whose own rules ask for the whole household picture (주소, 가구원) — they can confirm
        # identity through 행정정보 공동이용, so the full number is not needed on paper.
        Purpose.PUBLIC_OFFICE: PurposeSpec(
            "관공서 제출",
            frozenset({_I.NAME, _I.RRN_MASKED, _I.ADDRESS, _I.PROGRAMS, _I.START_DATE, _I.MEMBERS}),
        ),
        # The carrier matches its subscriber by name and birth date (the masked number's front half).
        Purpose.TELECOM_DISCOUNT: PurposeSpec(
            "통신요금 감면", frozenset({_I.NAME, _I.RRN_MASKED, _I.PROGRAMS})
        ),
        # The discount attaches to a supply address, so the address is needed; the start date is not.
        Purpose.UTILITY_DISCOUNT: PurposeSpec(
            "전기·가스요금 감면", frozenset({_I.NAME, _I.ADDRESS, _I.PROGRAMS})
        ),
        # 공공임대 입주자격 and 임대료 감면 are judged per household and from a date.
        Purpose.HOUSING_LEASE: PurposeSpec(
            "주택 임대 관련", frozenset({_I.NAME, _I.ADDRESS, _I.PROGRAMS, _I.START_DATE, _I.MEMBERS})
        ),
        # Unknown recipient: the least that still makes the document usable.
        Purpose.OTHER: PurposeSpec("기타", frozenset({_I.NAME, _I.PROGRAMS})),
    }
)
del _I


def parse_purpose(code: str) -> Purpose:
    """The purpose for `code`; InvalidInput naming the field when there is none."""
    try:
        return Purpose(code)
    except ValueError:
        raise InvalidInput("알 수 없는 용도입니다.", fields={"purpose": "unknown"}) from None


def full_rrn_printed(certificate: CertificateType, use: Purpose, *, full_rrn_requested: bool) -> bool:
    """The full 주민등록번호 is printed only when all three hold: the form has the field
    (`full_rrn_allowed`), the requester asked for it, and the purpose needs identity. Anything less
    prints the masked number — 주민등록번호 is the datum 제12조's minimisation matters most for."""
    return certificate.full_rrn_allowed and full_rrn_requested and use.needs_identity


def printed_items(certificate: CertificateType, use: Purpose, *, full_rrn_requested: bool) -> frozenset[Item]:
    """The items this certificate prints for this purpose (안전성 확보조치 기준 제12조).

    (form ∩ purpose needs) ∪ the type's core items ∪ `ALWAYS_PRINTED`, with the 주민등록번호 as
    `RRN_FULL` instead of `RRN_MASKED` exactly when `full_rrn_printed` holds. Purposes never list
    `RRN_FULL` (checked by `PurposeSpec`), so the intersection alone cannot print the full number.
    """
    items = (certificate.form_items & use.needs) | certificate.core_items | ALWAYS_PRINTED
    if Item.RRN_MASKED in items and full_rrn_printed(certificate, use, full_rrn_requested=full_rrn_requested):
        items = (items - {Item.RRN_MASKED}) | {Item.RRN_FULL}
    return items
