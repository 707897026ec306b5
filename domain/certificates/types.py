"""Certificate types (증명서 종류) and the items a certificate can print.

Each type is one entry in `CERTIFICATE_TYPES`; adding a certificate is adding an entry. The legal facts
come from shared/rules/pension-child-outreach-privacy-2026.md, section F:

- 수급자증명서: 국민기초생활보장법 시행규칙 제40조, 별지 제3호서식 [1차 source].
- 기초연금·장애인연금 수급자 확인서 and the like: "Exact form names and legal bases not verified"
  [2차]; those entries carry that caveat in `uncertain` so documents and reviews can flag them.

Items (출력 항목) exist because 개인정보의 안전성 확보조치 기준 제12조 requires that printing, screen
display and file output specify the purpose and output only the items the purpose needs; each `Item`
is one unit the renderer either prints or leaves out (see `purposes.printed_items`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from domain.errors import InvalidInput
from domain.rules.programs.common import Program


class Item(StrEnum):
    NAME = "name"  # 성명
    RRN_MASKED = "rrn_masked"  # 주민등록번호, 뒷자리 가림 (900101-1******)
    RRN_FULL = "rrn_full"  # 주민등록번호 전체: only where the form requires it (see purposes.py)
    ADDRESS = "address"  # 주소
    PROGRAMS = "programs"  # 수급(보장) 구분: 생계·의료·주거·교육, 기초연금…
    START_DATE = "start_date"  # 책정(선정)일
    RECEIPT_PERIOD = "receipt_period"  # 수급 기간 (past-receipt certificates)
    MEMBERS = "members"  # 가구원
    PURPOSE = "purpose"  # 용도
    ISSUER = "issuer"  # 발급기관 (시장·군수·구청장 / 읍면동장)
    ISSUE_DATE = "issue_date"  # 발급일
    DOCUMENT_NUMBER = "document_number"  # 문서번호·문서확인번호 (진위확인)

    @property
    def label(self) -> str:
        return _ITEM_LABELS[self]


_ITEM_LABELS: dict[Item, str] = {
    Item.NAME: "성명",
    Item.RRN_MASKED: "주민등록번호(뒷자리 가림)",
    Item.RRN_FULL: "주민등록번호",
    Item.ADDRESS: "주소",
    Item.PROGRAMS: "수급 구분",
    Item.START_DATE: "책정일",
    Item.RECEIPT_PERIOD: "수급 기간",
    Item.MEMBERS: "가구원",
    Item.PURPOSE: "용도",
    Item.ISSUER: "발급기관",
    Item.ISSUE_DATE: "발급일",
    Item.DOCUMENT_NUMBER: "문서번호·문서확인번호",
}

# Printed whatever the purpose: without them the recipient cannot tell who vouched for what and when,
# nor check the document (진위확인); 제12조 itself asks that the purpose be stated.
ALWAYS_PRINTED: frozenset[Item] = frozenset(
    {Item.PURPOSE, Item.ISSUER, Item.ISSUE_DATE, Item.DOCUMENT_NUMBER}
)


class CertificateCode(StrEnum):
    BASIC_LIVELIHOOD = "basic_livelihood"
    RECEIPT_HISTORY = "receipt_history"
    BASIC_PENSION = "basic_pension"
    DISABILITY_PENSION = "disability_pension"
    CHILD = "child"


@dataclass(frozen=True, slots=True)
class CertificateType:
    """One kind of certificate: what it certifies and what its form can show.

    `past_receipt_allowed`: False certifies status on the issue date only; True certifies receipt
    during a requested past period. `full_rrn_allowed`: the form has a full 주민등록번호 field (it is
    still printed only when the purpose and the requester call for it). `uncertain` quotes the research
    note's caveat where the name or legal basis is not confirmed from a primary source.
    """

    code: CertificateCode
    title: str
    legal_basis: str
    programs: frozenset[Program]
    past_receipt_allowed: bool = False
    shows_members: bool = False
    full_rrn_allowed: bool = False
    uncertain: str | None = None

    def __post_init__(self) -> None:
        if not self.programs:
            raise InvalidInput(f"증명서 '{self.title}'이(가) 증명하는 급여가 없습니다.")

    @property
    def printed_basis(self) -> str:
        """The legal basis line printed at the foot of the certificate. Where the form and article are
        not confirmed (`uncertain`), only the law is named: the caveat belongs in the review record
        (this type's `uncertain`, the API's type list), not on a document handed to a bank."""
        return self.legal_basis.split(" (", 1)[0] if self.uncertain else self.legal_basis

    @property
    def form_items(self) -> frozenset[Item]:
        """Every item the form has a place for. Derived from the flags so a new type cannot claim a
        members table or a full 주민등록번호 field its flags deny."""
        items = {Item.NAME, Item.RRN_MASKED, Item.ADDRESS, Item.PROGRAMS, *ALWAYS_PRINTED}
        items.add(Item.RECEIPT_PERIOD if self.past_receipt_allowed else Item.START_DATE)
        if self.shows_members:
            items.add(Item.MEMBERS)
        if self.full_rrn_allowed:
            items.add(Item.RRN_FULL)
        return frozenset(items)

    @property
    def core_items(self) -> frozenset[Item]:
        """Printed for every purpose: the certificate means nothing without whom and what it certifies
        (and, for a past-receipt type, when)."""
        core = {Item.NAME, Item.PROGRAMS}
        if self.past_receipt_allowed:
            core.add(Item.RECEIPT_PERIOD)
        return frozenset(core)


BASIC_LIVELIHOOD_PROGRAMS = frozenset(
    {Program.LIVELIHOOD, Program.MEDICAL, Program.HOUSING, Program.EDUCATION}
)

_NOT_VERIFIED = "Exact form names and legal bases not verified (research note F, [2차])"

CERTIFICATE_TYPES: Mapping[CertificateCode, CertificateType] = MappingProxyType(
    {
        t.code: t
        for t in (
            CertificateType(
                code=CertificateCode.BASIC_LIVELIHOOD,
                title="수급자증명서",
                legal_basis="국민기초생활보장법 시행규칙 제40조, 별지 제3호서식",
                programs=BASIC_LIVELIHOOD_PROGRAMS,
                # 기초생활보장 급여 are granted to the household (수급자 = every member), so the form
                # lists the 가구원; it also has the full 주민등록번호 field some recipients require.
                shows_members=True,
                full_rrn_allowed=True,
            ),
            CertificateType(
                code=CertificateCode.RECEIPT_HISTORY,
                title="급여 수급 사실 확인서",
                legal_basis="국민기초생활보장법 (수급 사실 확인; 서식·조문 미확인)",
                programs=BASIC_LIVELIHOOD_PROGRAMS,
                # A 수급자증명서 speaks only of the issue date, yet former recipients are asked to prove
                # receipt during a past period (e.g. 대학 기회균형선발, 공공임대 입주자격, 장학금 심사 look
                # back over years). Without this type the only answer would be an official's free-text
                # letter, which cannot be verified or minimised. It shows no members: it speaks of the
                # person's own receipt, and a past household's other members are none of the reader's
                # business.
                past_receipt_allowed=True,
                uncertain=_NOT_VERIFIED,
            ),
            CertificateType(
                code=CertificateCode.BASIC_PENSION,
                title="기초연금 수급자 확인서",
                legal_basis="기초연금법 (확인서 서식·근거 조문 미확인)",
                programs=frozenset({Program.BASIC_PENSION}),
                uncertain=_NOT_VERIFIED,
            ),
            CertificateType(
                code=CertificateCode.DISABILITY_PENSION,
                title="장애인연금 수급자 확인서",
                legal_basis="장애인연금법 (확인서 서식·근거 조문 미확인)",
                programs=frozenset({Program.DISABILITY_PENSION}),
                uncertain=_NOT_VERIFIED,
            ),
            CertificateType(
                code=CertificateCode.CHILD,
                title="영유아 수급 확인서 (부모급여·아동수당)",
                legal_basis="아동수당법 (부모급여: 제4조⑤; 확인서 서식·근거 조문 미확인)",
                programs=frozenset({Program.PARENT_BENEFIT, Program.CHILD_ALLOWANCE}),
                uncertain=_NOT_VERIFIED,
            ),
        )
    }
)


def certificate_type(code: str) -> CertificateType:
    """The registered type for `code`; InvalidInput naming the field when there is none."""
    try:
        return CERTIFICATE_TYPES[CertificateCode(code)]
    except ValueError:
        raise InvalidInput("알 수 없는 증명서 종류입니다.", fields={"certificate_type": "unknown"}) from None
