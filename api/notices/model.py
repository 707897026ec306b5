"""What a 결정통지서 says, already decided and formatted by the caller: the renderer only lays it out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A resident registration number with its back six digits visible: must never reach a printed notice.
_FULL_RRN = re.compile(r"\d{6}-?\d{7}")


@dataclass(frozen=True, slots=True)
class NoticeLine:
    label: str  # e.g. "소득평가액"
    value: str  # e.g. "312,000원" (already formatted by the caller)


@dataclass(frozen=True, slots=True)
class ProgramNotice:
    program_label: str  # "생계급여", "기초연금" …
    outcome_label: str  # "선정(지급)" or "부적합(기각)"
    approved: bool
    monthly_amount: int | None  # won; None when rejected
    start_date: date | None  # 급여 개시일; None when rejected
    reasons: tuple[str, ...]  # plain-Korean reasons (rejection reasons, adjustments, 중복지원 notes)
    basis: tuple[NoticeLine, ...]  # 산정 근거: the calculation basis lines, in order
    appeal: str  # 이의신청 guidance text for this program (deadline, where, legal basis)


@dataclass(frozen=True, slots=True)
class DecisionNotice:
    document_number: str  # e.g. "종로구-2026-결정-000123"
    issuer: str  # "서울특별시 종로구청장"
    department: str  # "복지정책과 통합조사팀"
    contact: str  # "02-2148-0000"
    recipient_name: str
    recipient_address: str
    rrn_masked: str  # "580302-1******"
    applied_on: date
    decided_on: date
    programs: tuple[ProgramNotice, ...]
    preview: bool = False  # True: draw a clear "미리보기 (효력 없음)" watermark/banner

    def __post_init__(self) -> None:
        if _FULL_RRN.search(self.rrn_masked):
            raise ValueError("rrn_masked must be masked (e.g. 580302-1******), not a full number")
