"""긴급복지지원 생계지원 (긴급복지지원법 제2조, 제9조, 제10조; 시행령 제7조):
basic-livelihood-emergency-2026.md §10 and region-classes.md §2.4."""

from __future__ import annotations

from fractions import Fraction

from domain.rules.household import CrisisReason
from domain.rules.money import positive, round_half_up
from domain.rules.programs.common import (
    Context,
    Program,
    ProgramResult,
    Status,
    SupportDuration,
    percent,
    use,
)
from domain.rules.programs.median import median_income, selection_line
from domain.rules.regions import CityClass, emergency_city_class
from domain.rules.trace import Trace

ART_CRISIS = "긴급복지지원법 제2조"
ART_CRITERIA = "긴급복지지원법 시행령 제7조②; 보건복지부 긴급지원 지원기준"
ART_PROPERTY = "긴급복지지원법 시행령 제7조②2호; 보건복지부 고시 (긴급지원 지원금액 및 재산의 합계액 기준)"
ART_AMOUNT = "긴급복지지원법 제9조①1호·②; 보건복지부 고시 (긴급지원 지원금액 및 재산의 합계액 기준)"
ART_DURATION = "긴급복지지원법 제10조"

CRISIS_LABEL = {
    CrisisReason.INCOME_LOSS: "주소득자 소득 상실",
    CrisisReason.ILLNESS: "중한 질병·부상",
    CrisisReason.NEGLECT_ABUSE: "방임·유기·학대",
    CrisisReason.DOMESTIC_VIOLENCE: "가정폭력·성폭력",
    CrisisReason.FIRE_DISASTER: "화재·자연재해",
    CrisisReason.BUSINESS_CLOSURE: "휴업·폐업",
    CrisisReason.UNEMPLOYMENT: "실직",
    CrisisReason.OTHER_NOTIFIED: "조례·고시 위기사유",
}
CITY_CLASS_LABEL = {CityClass.BIG_CITY: "대도시", CityClass.MID_CITY: "중소도시", CityClass.RURAL: "농어촌"}


def actual_income(ctx: Context, trace: Trace) -> int:
    """가구 월 소득: every income of every member, 국민연금 once (its A급여 is part of `national_pension`).
    No deduction is made: the notes give the 75% test on 소득 without any 공제 rule (inferred)."""
    total = sum(m.income.earned_and_business() + m.income.other_than_work() for m in ctx.household.members)
    trace.step(
        "가구 월 소득 (근로·사업·재산·공적이전·사적이전·국민연금, 공제 없음)",
        total,
        ART_CRITERIA,
        "추정: 긴급지원 소득 산정의 공제 규정은 자료에 없어 실제소득 합계로 판정",
    )
    return total


def property_total(ctx: Context, trace: Trace) -> int:
    """재산 합계액: 주거용 재산 + 일반재산 + 자동차 − 부채, not below 0 (시행령 제7조②2호). Which assets
    the 고시 sums and whether debts are deducted is not in the notes (inferred); 금융재산 has its own test."""
    assets = ctx.household.assets
    gross = assets.housing + assets.general + sum(v.value for v in assets.vehicles)
    total = int(positive(gross - assets.debts))
    trace.step(
        "재산 합계액 (주거용 + 일반 + 자동차 − 부채, 0원 미만은 0원)",
        total,
        ART_PROPERTY,
        "추정: 재산 합계의 구성과 부채 공제는 자료에 없음",
    )
    return total


def property_limit(ctx: Context, trace: Trace) -> int:
    """재산 합계액 기준 by 대도시 / 중소도시 / 농어촌 (region-classes.md §2.4: the 기초연금 tiers, with
    특례시 as a per-program setting)."""
    found = emergency_city_class(ctx.household.region, ctx.book, ctx.as_of)
    for setting in found.settings:
        use(trace, ctx, setting.name)
    trace.step("긴급지원 지역 구분", CITY_CLASS_LABEL[found.value], ART_PROPERTY)
    limit: int = use(trace, ctx, "emergency.property_limit", found.value.value)
    return limit


def financial_limit(ctx: Context, trace: Trace) -> int:
    """금융재산 기준: 6,000,000원 after deducting the 가구별 생활준비금, taken as 기준 중위소득 100%
    floored to the 천원 — inferred from the published caps 1인 8,564,000 and 4인 12,494,000 (§10.2)."""
    base: int = use(trace, ctx, "emergency.financial_limit")
    rate: Fraction = use(trace, ctx, "emergency.financial_living_allowance_rate")
    # The 4인 cap 12,494,000 = 6,000,000 + 6,494,000 (median 6,494,738) shows the 천원 are floored. The
    # median itself is already in the trace (the income line).
    allowance = int(median_income(ctx, ctx.household.size) * rate // 1000) * 1000
    trace.step(
        f"생활준비금 (기준 중위소득 × {percent(rate)}, 천원 미만 버림)", allowance, ART_CRITERIA, "추정"
    )
    limit = base + allowance
    trace.step("금융재산 기준 (기준액 + 생활준비금)", limit, ART_CRITERIA)
    return limit


def livelihood_amount(ctx: Context, trace: Trace) -> int:
    """생계지원 by 가구원수 (제9조①1호); 7인 이상 = 6인 + 가산액 × (가구원수 − 6); at most 기준 중위소득 40%
    (제9조②)."""
    size = ctx.household.size
    if size <= 6:
        amount: int = use(trace, ctx, "emergency.livelihood_amount", size)
    else:
        six: int = use(trace, ctx, "emergency.livelihood_amount", 6)
        increment: int = use(trace, ctx, "emergency.livelihood_amount_increment")
        amount = six + increment * (size - 6)
        trace.step(f"{size}인 생계지원 (6인 + 가산액 × {size - 6})", amount, ART_AMOUNT)
    cap_rate: Fraction = use(trace, ctx, "emergency.livelihood_cap_rate")
    # Half-up to the won, like every published percentage of 기준 중위소득 (basic-livelihood §1.3).
    cap = round_half_up(median_income(ctx, size) * cap_rate)
    trace.step(
        f"생계지원 상한 (기준 중위소득 × {percent(cap_rate)}, 원 단위 반올림)", cap, "긴급복지지원법 제9조②"
    )
    if amount > cap:
        trace.step("생계지원 상한 적용", cap, "긴급복지지원법 제9조②")
        return cap
    return amount


def assess_emergency_livelihood(ctx: Context) -> ProgramResult:
    """생계지원: a household with a 위기사유 (제2조) whose 소득 ≤ 기준 중위소득 75%, 재산 합계액 ≤ the
    limit of its region class and 금융재산 ≤ 600만원 + 생활준비금 gets the amount of its size for 3
    months, extendable to 6 (제10조). Without a 위기사유 the program is not assessed (contract)."""
    trace = Trace()
    reasons = ctx.household.crisis_reasons
    if not reasons:
        trace.step("위기사유 없음 — 긴급복지 미판정", 0, ART_CRISIS)
        return ProgramResult(
            Program.EMERGENCY_LIVELIHOOD, Status.NOT_APPLICABLE, 0, None, None, (), trace.freeze()
        )
    trace.step("위기사유", ", ".join(CRISIS_LABEL[r] for r in reasons), ART_CRISIS)
    income = actual_income(ctx, trace)
    line = selection_line(ctx, "emergency.income_rate", ctx.household.size, "긴급지원 소득", trace)
    income_ok = income <= line
    trace.step("소득기준 충족" if income_ok else "소득기준 초과", income, ART_CRITERIA)
    assets_total = property_total(ctx, trace)
    property_ok = assets_total <= property_limit(ctx, trace)
    trace.step("재산기준 충족" if property_ok else "재산기준 초과", assets_total, ART_PROPERTY)
    financial = ctx.household.assets.financial
    financial_ok = financial <= financial_limit(ctx, trace)
    trace.step("금융재산기준 충족" if financial_ok else "금융재산기준 초과", financial, ART_CRITERIA)
    if not (income_ok and property_ok and financial_ok):
        trace.step("긴급 생계지원 선정기준 미충족", 0, ART_CRITERIA)
        return ProgramResult(
            Program.EMERGENCY_LIVELIHOOD, Status.INELIGIBLE, 0, income, line, (), trace.freeze()
        )
    amount = livelihood_amount(ctx, trace)
    trace.step("긴급 생계지원 (월)", amount, ART_AMOUNT)
    period: dict[str, int] = use(trace, ctx, "emergency.livelihood_duration")
    duration = SupportDuration(period["months"], period["max_months"])
    trace.step(
        "지원기간 (기본 개월, 연장 포함 최대)",
        f"{duration.months}개월 / 최대 {duration.max_months}개월",
        ART_DURATION,
    )
    return ProgramResult(
        Program.EMERGENCY_LIVELIHOOD,
        Status.ELIGIBLE,
        amount,
        income,
        line,
        (),
        trace.freeze(),
        duration=duration,
    )
