"""주거급여: 임차급여 for renters, 수선유지급여 for owner-occupiers (주거급여법 제5조, 제7조, 제8조;
basic-livelihood-emergency-2026.md §5)."""

from __future__ import annotations

from fractions import Fraction

from domain.rules.household import Tenure
from domain.rules.money import ceil_to_10, floor_won
from domain.rules.programs.common import (
    Context,
    Program,
    ProgramResult,
    RepairInfo,
    RepairLevel,
    Status,
    use,
)
from domain.rules.programs.median import median_income, selection_line
from domain.rules.programs.recognized_income import recognized_income
from domain.rules.regions import housing_grade
from domain.rules.trace import Trace

ART_RENT = "주거급여법 제7조; 국토교통부 고시 (주거급여 선정기준 및 최저보장수준)"
ART_REPAIR = "주거급여법 제8조; 국토교통부 고시 (수선유지급여)"


def reference_rent(ctx: Context, trace: Trace) -> int:
    """기준임대료 by 급지 and size: 7인 takes the 6인 figure, 8인 이상 the 6인 figure + 10%."""
    grade = housing_grade(ctx.household.region, ctx.book, ctx.as_of)
    trace.step("주거급여 급지", f"{grade.value.value}급지", "국토교통부 고시 제2025-506호")
    size = ctx.household.size
    rent: int = use(trace, ctx, "housing.reference_rent", grade.value.value, min(size, 6))
    if size >= 8:
        rate: Fraction = use(trace, ctx, "housing.large_household_rent_rate")
        rent = floor_won(rent * rate)
        trace.step("8인 이상 가구 기준임대료 (6인 기준임대료 + 10%)", rent, ART_RENT)
    return rent


def _rent_benefit(ctx: Context, income: int, trace: Trace) -> int:
    housing = ctx.household.housing
    conversion: Fraction = use(trace, ctx, "housing.deposit_conversion_rate")
    actual = housing.monthly_rent + floor_won(housing.deposit * conversion / 12)
    trace.step("실제임차료 (월차임 + 보증금 × 연 4% ÷ 12)", actual, ART_RENT)
    reference = reference_rent(ctx, trace)
    minimum: int = use(trace, ctx, "housing.minimum_payment")
    multiple = use(trace, ctx, "housing.rent_excess_multiple")
    if actual > reference * multiple:
        trace.step("실제임차료가 기준임대료의 5배 초과 — 최저지급액", minimum, ART_RENT)
        return minimum
    base = min(actual, reference)
    trace.step("지원기준액 (실제임차료와 기준임대료 중 적은 금액)", base, ART_RENT)
    if base == 0:
        return 0
    livelihood_line = selection_line(ctx, "livelihood.selection_rate", ctx.household.size, "생계급여", trace)
    burden = Fraction(0)
    if income > livelihood_line:
        rate: Fraction = use(trace, ctx, "housing.self_burden_rate")
        burden = (income - livelihood_line) * rate
        trace.step("자기부담분 ((소득인정액 − 생계급여 선정기준액) × 30%)", floor_won(burden), ART_RENT)
    amount = ceil_to_10(base - burden)
    if amount < minimum:
        trace.step("최저지급액 적용", minimum, ART_RENT)
        return minimum
    trace.step("임차급여 (지원기준액 − 자기부담분, 10원 단위 올림)", amount, ART_RENT)
    return amount


def _repair(ctx: Context, income: int, trace: Trace) -> RepairInfo:
    rates: dict[str, Fraction] = use(trace, ctx, "housing.repair_support_rate")
    size = ctx.household.size
    livelihood_line = selection_line(ctx, "livelihood.selection_rate", size, "생계급여", trace)
    band_rate: Fraction = use(trace, ctx, "housing.repair_band_rate")
    band_line = floor_won(median_income(ctx, size) * band_rate)
    if income <= livelihood_line:
        rate = rates["up_to_livelihood"]
    elif income <= band_line:
        rate = rates["up_to_40_percent"]
    else:
        rate = rates["up_to_48_percent"]
    percent = int(rate * 100)
    trace.step("수선유지급여 지원비율", f"{percent}%", ART_REPAIR)
    limits: dict[str, int] = use(trace, ctx, "housing.repair_limits")
    cycles: dict[str, int] = use(trace, ctx, "housing.repair_cycle_years")
    levels = tuple(RepairLevel(level, limits[level], cycles[level]) for level in ("light", "medium", "heavy"))
    return RepairInfo(percent, levels)


def assess_housing(ctx: Context) -> ProgramResult:
    """주거급여: 소득인정액 ≤ 기준 중위소득 48%; no 부양의무자 기준 (주거급여법 제5조)."""
    trace = Trace()
    income = recognized_income(ctx)
    trace.steps.extend(income.steps)
    line = selection_line(ctx, "housing.selection_rate", ctx.household.size, "주거급여", trace)
    eligible = income.total <= line
    tenure = ctx.household.housing.tenure
    amount = 0
    repair = None
    if not eligible:
        trace.step("주거급여 선정기준 미충족", income.total, "주거급여법 제5조①")
    elif tenure is Tenure.RENT:
        amount = _rent_benefit(ctx, income.total, trace)
    elif tenure is Tenure.OWN:
        repair = _repair(ctx, income.total, trace)
        trace.step("자가 가구: 수선유지급여 (현금 급여 없음)", 0, ART_REPAIR)
    else:
        trace.step("임차·자가가 아닌 거주 형태: 지급할 주거급여 없음", 0, ART_RENT)
    return ProgramResult(
        Program.HOUSING,
        Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        amount,
        income.total,
        line,
        (),
        trace.freeze(),
        repair=repair,
    )
