"""교육급여: 교육활동지원비 per pupil (국민기초생활 보장법 제12조, 제12조의2; 시행령 제16조)."""

from __future__ import annotations

from domain.rules.household import School
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.programs.median import selection_line
from domain.rules.programs.recognized_income import recognized_income
from domain.rules.trace import Trace

ART = "국민기초생활 보장법 제12조; 교육부 교육급여 운영 방안"
SCHOOL_LABEL = {School.ELEMENTARY: "초등학교", School.MIDDLE: "중학교", School.HIGH: "고등학교"}


def assess_education(ctx: Context) -> ProgramResult:
    """소득인정액 ≤ 기준 중위소득 50% and a member at school; no 부양의무자 기준 (법 제12조의2).
    The benefit is yearly: `monthly_amount` is 0 and `annual_amount` is the household's total.
    고등학생 also get 입학금·수업료·교과서대, paid to the school at the amount it sets."""
    trace = Trace()
    pupils = [m for m in ctx.household.members if m.school is not School.NONE]
    if not pupils:
        trace.step("학교에 다니는 가구원 없음", 0, ART)
        return ProgramResult(Program.EDUCATION, Status.NOT_APPLICABLE, 0, None, None, (), trace.freeze())
    income = recognized_income(ctx)
    trace.steps.extend(income.steps)
    line = selection_line(ctx, "education.selection_rate", ctx.household.size, "교육급여", trace)
    eligible = income.total <= line
    members: list[MemberResult] = []
    if eligible:
        for pupil in pupils:
            amount: int = use(trace, ctx, "education.activity_support", pupil.school.value)
            trace.step(f"{pupil.id} 교육활동지원비 ({SCHOOL_LABEL[pupil.school]})", amount, ART)
            note = "입학금·수업료·교과서대는 학교로 별도 지원" if pupil.school is School.HIGH else None
            members.append(MemberResult(pupil.id, Status.ELIGIBLE, annual_amount=amount, note=note))
    else:
        trace.step("교육급여 선정기준 미충족", income.total, "국민기초생활 보장법 제12조③")
        members = [MemberResult(p.id, Status.INELIGIBLE, annual_amount=0) for p in pupils]
    total = sum(m.annual_amount or 0 for m in members)
    return ProgramResult(
        Program.EDUCATION,
        Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        0,
        income.total,
        line,
        tuple(members),
        trace.freeze(),
        annual_amount=total,
    )
