"""What a 증명서 states, already chosen and formatted by the caller: the renderer only lays it out.

The caller applies item minimisation (which facts, whether the address appears, masked or full
resident number) according to the form and the purpose; this model prints exactly what it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A resident registration number with its back seven digits visible.
_FULL_RRN = re.compile(r"\d{6}-?\d{7}")


@dataclass(frozen=True, slots=True)
class CertificateLine:
    """One printed fact, e.g. ("수급(보장) 구분", "생계급여 · 의료급여(1종)")."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class MemberLine:
    """A household member, on the forms that list them."""

    relation: str  # "본인", "배우자", "자녀" …
    name: str
    rrn_masked: str  # "650315-2******"
    birth_date: date | None = None  # printed as a column only when some member has one

    def __post_init__(self) -> None:
        # Unlike the holder's, no form needs a member's full number: refuse it outright.
        if _FULL_RRN.search(self.rrn_masked):
            raise ValueError("a member's rrn_masked must be masked (e.g. 650315-2******)")


@dataclass(frozen=True, slots=True)
class CertificateDocument:
    title: str  # "수급자 증명서"
    legal_basis: str  # "국민기초생활보장법 시행규칙 제40조 (별지 제3호서식)"
    document_number: str  # "2026-11110-00000123"
    verification_code: str  # "7K3M-9QXT-2HZP-4W8C"
    verification_url: str  # "https://ieum.example.go.kr/verify?number=…&code=…" (encoded in the QR)
    holder_name: str
    # Masked, or full only where the form requires it (the caller decides); None: not printed, for a
    # purpose that does not need it.
    holder_rrn: str | None
    holder_address: str | None  # None: not printed (item minimisation)
    facts: tuple[CertificateLine, ...]  # only the items the purpose needs, in print order
    members: tuple[MemberLine, ...]  # empty: no member table
    purpose: str  # 용도, e.g. "금융기관 제출용"
    issued_on: date
    issuer: str  # "서울특별시 종로구청장" or "서울특별시 종로구 청운효자동장"
    channel_note: str | None = None  # e.g. "무인민원발급기 발급" / "인터넷 발급(복지로)"
    preview: bool = False  # True: "미리보기 (효력 없음)" banner and watermark

    def __post_init__(self) -> None:
        # A certificate without these cannot be checked by whoever it is handed to.
        for name in ("title", "document_number", "verification_code", "verification_url", "issuer"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} must not be empty")
