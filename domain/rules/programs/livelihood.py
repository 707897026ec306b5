"""생계급여 and 의료급여 (국민기초생활 보장법 제8조, 제12조의3; 의료급여법 시행령 제3조)."""

from __future__ import annotations

from domain.rules.household import Disability
from domain.rules.programs.common import Context, Program, ProgramResult, Status, use
from domain.rules.programs.median import selection_line
from domain.rules.programs.recognized_income import recognized_income
from domain.rules.trace import Trace

ART_LIVELIHOOD = "국민기초생활 보장법 제8조②③"
ART_MEDICAL_GRADE = "의료급여법 시행령 제3조"


def obligor_over_line(ctx: Context, trace: Trace) -> bool:
    """부양의무자 기준 (법 제8조②, 제8조의2): since 2021-10 it applies to 생계급여 only when a 부양의무자
    household has a very high income or 일반재산 (basic-livelihood-emergency-2026.md §8)."""
    obligors = ctx.household.obligors
    if not obligors:
        trace.step("부양의무자 없음", 0, "국민기초생활 보장법 제8조②")
        return False
    income_line = use(trace, ctx, "livelihood.obligor_income_line")
    property_line = use(trace, ctx, "livelihood.obligor_property_line")
    for index, obligor in enumerate(obligors, start=1):
        if obligor.annual_income > income_line or obligor.general_property > property_line:
            trace.step(
                f"부양의무자 {index}: 고소득·고재산 기준 초과 — 부양의무자 기준 적용",
                obligor.annual_income,
                "국민기초생활 보장법 제8조②, 제8조의2",
            )
            return True
    trace.step("부양의무자 고소득·고재산 기준 초과 없음", len(obligors), "국민기초생활 보장법 제8조②")
    return False


def assess_livelihood(ctx: Context) -> ProgramResult:
    """생계급여: 소득인정액 ≤ 기준 중위소득 32% and no 부양의무자 over the exclusion line; amount =
    선정기준액 − 소득인정액 (법 제8조③: 생계급여 + 소득인정액 ≥ 선정기준)."""
    trace = Trace()
    income = recognized_income(ctx)
    trace.steps.extend(income.steps)
    line = selection_line(ctx, "livelihood.selection_rate", ctx.household.size, "생계급여", trace)
    excluded = obligor_over_line(ctx, trace)
    eligible = income.total <= line and not excluded
    amount = line - income.total if eligible else 0
    trace.step(
        "생계급여액 (선정기준액 − 소득인정액)" if eligible else "생계급여 선정기준 미충족",
        amount,
        ART_LIVELIHOOD,
    )
    return ProgramResult(
        Program.LIVELIHOOD,
        Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        amount,
        income.total,
        line,
        (),
        trace.freeze(),
    )


def medical_grade(ctx: Context, trace: Trace) -> int:
    """1종 when every member is unable to work by status: under 18, 65 or over, or 중증장애인 (의료급여법
    시행령 제3조); else 2종. Other 1종 grounds (희귀난치, 보장시설…) are not simulation inputs."""
    unable = all(
        ctx.age(m) < 18 or ctx.age(m) >= 65 or m.disability is Disability.SEVERE
        for m in ctx.household.members
    )
    grade = 1 if unable else 2
    reason = "모든 가구원이 18세 미만·65세 이상·중증장애인" if unable else "근로능력이 있는 가구원이 있음"
    trace.step(f"의료급여 {grade}종", grade, ART_MEDICAL_GRADE, reason)
    return grade


def assess_medical(ctx: Context) -> ProgramResult:
    """의료급여: 소득인정액 ≤ 기준 중위소득 40% and the 부양의무자 test (법 제12조의3②)."""
    trace = Trace()
    income = recognized_income(ctx)
    trace.steps.extend(income.steps)
    line = selection_line(ctx, "medical.selection_rate", ctx.household.size, "의료급여", trace)
    excluded = False
    if ctx.at("medical.obligor_lines_apply").value:
        use(trace, ctx, "medical.obligor_lines_apply")
        excluded = obligor_over_line(ctx, trace)
    eligible = income.total <= line and not excluded
    grade = medical_grade(ctx, trace) if eligible else None
    if not eligible:
        trace.step("의료급여 선정기준 미충족", income.total, "국민기초생활 보장법 제12조의3②")
    return ProgramResult(
        Program.MEDICAL,
        Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        None,
        income.total,
        line,
        (),
        trace.freeze(),
        grade=grade,
    )
