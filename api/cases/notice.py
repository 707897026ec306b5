"""The 결정통지서 of a decision: the facts the notice states, put into `api.notices`' model."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from api.notices import DecisionNotice, NoticeLine, ProgramNotice, render_decision_notice
from domain.cases.entitlement import appeal_deadline
from domain.cases.reasons import PROGRAM_LABELS, appeal_guidance, describe
from domain.rules.programs.common import Program

# 보건복지상담센터: the national number a notice can always name.
CONTACT = "보건복지상담센터 국번 없이 129"
DEPARTMENT = "사회보장급여 담당 부서"
_MEMBER_KEY = re.compile(r"\bm\d+\b")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, int):
        # Trace values are won unless they are small counts or grades (가구원수, 1종·2종, 배수).
        return f"{value:,}원" if abs(value) >= 100 or value == 0 else f"{value:,}"
    return "" if value is None else str(value)


def basis_lines(result: dict[str, Any] | None, names: dict[str, str]) -> tuple[NoticeLine, ...]:
    """The trace in plain Korean, member keys (m1…) replaced by the members' names."""
    if result is None:
        return ()

    def named(text: str) -> str:
        return _MEMBER_KEY.sub(lambda m: names.get(m.group(0), m.group(0)), text)

    return tuple(NoticeLine(named(step["step"]), named(_value(step["value"]))) for step in result["trace"])


def program_notice(
    program: Program,
    *,
    approved: bool,
    monthly_amount: int | None,
    start_date: date | None,
    reason_codes: list[str],
    note: str | None,
    extra_reasons: list[str],
    result: dict[str, Any] | None,
    names: dict[str, str],
    decided_on: date,
) -> ProgramNotice:
    reasons = [*describe(reason_codes), *extra_reasons]
    if note:
        reasons.append(note)
    return ProgramNotice(
        program_label=PROGRAM_LABELS[program],
        outcome_label="선정(지급)" if approved else "부적합(기각)",
        approved=approved,
        monthly_amount=monthly_amount if approved else None,
        start_date=start_date if approved else None,
        reasons=tuple(reasons),
        basis=basis_lines(result, names),
        appeal=appeal_guidance(program, appeal_deadline(program, decided_on)),
    )


def render(
    *,
    number: str,
    issuer: str,
    recipient_name: str,
    recipient_address: str,
    rrn_masked: str,
    applied_on: date,
    decided_on: date,
    program: ProgramNotice,
    preview: bool,
) -> bytes:
    return render_decision_notice(
        DecisionNotice(
            document_number=number,
            issuer=issuer,
            department=DEPARTMENT,
            contact=CONTACT,
            recipient_name=recipient_name,
            recipient_address=recipient_address,
            rrn_masked=rrn_masked,
            applied_on=applied_on,
            decided_on=decided_on,
            programs=(program,),
            preview=preview,
        )
    )
