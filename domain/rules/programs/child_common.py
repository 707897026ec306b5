"""What the four 영유아·아동 programs share: each is paid per child, with no income test, and applies to
a household only through the children who qualify (pension-child-outreach-privacy-2026.md §C)."""

from __future__ import annotations

from collections.abc import Sequence

from domain.rules.programs.common import MemberResult, Program, ProgramResult, Status
from domain.rules.trace import Trace


def not_applicable(program: Program, trace: Trace) -> ProgramResult:
    """No member qualifies by age or by the care used: the contract's `not_applicable`, amount 0."""
    return ProgramResult(program, Status.NOT_APPLICABLE, 0, None, None, (), trace.freeze())


def per_child_result(
    program: Program, members: Sequence[MemberResult], trace: Trace, reference: str
) -> ProgramResult:
    """The household's amount is the sum of its children's (contract: `monthly_amount` = total)."""
    total = sum(m.monthly_amount or 0 for m in members)
    trace.step("가구 합계 (월)", total, reference)
    return ProgramResult(program, Status.ELIGIBLE, total, None, None, tuple(members), trace.freeze())
