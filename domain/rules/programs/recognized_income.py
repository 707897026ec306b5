"""소득인정액 of 국민기초생활보장 (생계·의료·주거·교육급여 공통): 소득평가액 + 재산의 소득환산액
(국민기초생활 보장법 제2조제9호, 제6조의3; basic-livelihood-emergency-2026.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from domain.rules.household import Disability, Vehicle, VehicleUse
from domain.rules.money import floor_won
from domain.rules.programs.common import Context, use
from domain.rules.regions import PropertyRegion, property_region
from domain.rules.trace import Trace, TraceStep

ART_EVALUATED = "국민기초생활 보장법 제6조의3①, 시행령 제5조·제5조의2"
ART_PROPERTY = "국민기초생활 보장법 제6조의3②, 시행령 제5조의3·제5조의4"
REGION_LABEL = {
    PropertyRegion.SEOUL: "서울",
    PropertyRegion.GYEONGGI: "경기",
    PropertyRegion.METRO: "광역시·세종·창원",
    PropertyRegion.OTHER: "그 외 지역",
}


@dataclass(frozen=True, slots=True)
class RecognizedIncome:
    evaluated_income: int  # 소득평가액
    property_income: int  # 재산의 소득환산액
    steps: tuple[TraceStep, ...]

    @property
    def total(self) -> int:
        return self.evaluated_income + self.property_income


def recognized_income(ctx: Context) -> RecognizedIncome:
    """Computed once per household and shared by the four 기초생활 programs."""
    cached = ctx.memo.get("livelihood.recognized_income")
    if isinstance(cached, RecognizedIncome):
        return cached
    trace = Trace()
    evaluated = evaluated_income(ctx, trace)
    converted = property_income(ctx, trace)
    trace.step(
        "소득인정액 (소득평가액 + 재산의 소득환산액)", evaluated + converted, "국민기초생활 보장법 제2조제9호"
    )
    result = RecognizedIncome(evaluated, converted, trace.freeze())
    ctx.memo["livelihood.recognized_income"] = result
    return result


def _pre_deduction(ctx: Context, age: int, disabled: bool, trace: Trace) -> int:
    """The fixed amount taken off a member's 근로·사업소득 before the 30% (the larger one when a member
    belongs to two groups). From the 사업안내, not the decree: flagged uncertain in the parameters."""
    band = ctx.at("livelihood.youth_age_band").value
    candidates = [0]
    if band["min"] <= age <= band["max"]:
        candidates.append(use(trace, ctx, "livelihood.youth_pre_deduction"))
    if age >= ctx.at("livelihood.elderly_age").value or disabled:
        candidates.append(use(trace, ctx, "livelihood.elderly_disabled_pre_deduction"))
    return max(candidates)


def evaluated_income(ctx: Context, trace: Trace) -> int:
    """소득평가액 = 근로·사업소득 (선공제 후 30% 공제) + 재산소득 + 이전소득 (국민연금 포함)."""
    rate: Fraction = use(trace, ctx, "livelihood.work_income_deduction_rate")
    work_total = 0
    other_total = 0
    for member in ctx.household.members:
        income = member.income
        other_total += income.other_than_work()
        gross = income.earned_and_business()
        if gross == 0:
            continue
        pre = _pre_deduction(ctx, ctx.age(member), member.disability is not Disability.NONE, trace)
        evaluated = floor_won(max(0, gross - pre) * (1 - rate))
        trace.step(
            f"{member.id} 근로·사업소득 평가액",
            evaluated,
            ART_EVALUATED,
            f"({gross:,} − 선공제 {pre:,}) × (1 − 근로소득공제), 원 미만 버림",
        )
        work_total += evaluated
    if other_total:
        trace.step(
            "재산소득·이전소득 (공적이전·사적이전·국민연금)", other_total, "국민기초생활 보장법 시행령 제5조①"
        )
    total = work_total + other_total
    trace.step("소득평가액", total, ART_EVALUATED)
    return total


@dataclass(frozen=True, slots=True)
class _Cars:
    general_rate: int  # converted at the 일반재산 rate (별표2)
    full_rate: int  # converted at 100% a month


def _classify_cars(ctx: Context, vehicles: tuple[Vehicle, ...], trace: Trace) -> _Cars:
    """고시 제2025-204호 별표1 (one 장애인 car under 2,000cc and one 생업용 car are not property),
    별표2 (화물 and small cheap cars at the 일반재산 rate); any other car counts in full."""
    if not vehicles:
        return _Cars(0, 0)
    exempt_cc = use(trace, ctx, "livelihood.exempt_car_max_cc")
    small_cc = use(trace, ctx, "livelihood.ordinary_car_general_rate_max_cc")
    small_value = use(trace, ctx, "livelihood.ordinary_car_general_rate_max_value")
    general = full = 0
    used_exemptions: set[VehicleUse] = set()
    for index, car in enumerate(vehicles, start=1):
        exempt = (car.use is VehicleUse.DISABLED and car.cc < exempt_cc) or car.use is VehicleUse.LIVELIHOOD
        if exempt and car.use not in used_exemptions:
            used_exemptions.add(car.use)
            trace.step(f"자동차 {index}: 재산 제외", car.value, "보건복지부고시 제2025-204호 별표1")
        elif car.use is VehicleUse.CARGO or (car.cc < small_cc and car.value < small_value):
            general += car.value
            trace.step(
                f"자동차 {index}: 일반재산 환산율 적용", car.value, "보건복지부고시 제2025-204호 별표2"
            )
        else:
            full += car.value
            trace.step(f"자동차 {index}: 차량가액 100% 월 소득환산", car.value, "보건복지부고시 제2025-204호")
    return _Cars(general, full)


def property_income(ctx: Context, trace: Trace) -> int:
    """재산의 소득환산액 (basic-livelihood-emergency-2026.md §3.7, §3.9): the 주거용재산 above the 한도
    moves to 일반재산; 기본재산액 + 부채 come off 주거용, then 일반, then 금융 (after the 생활준비금);
    each remainder × its monthly rate, floored to the won; cars outside the exemptions at 100%."""
    household = ctx.household
    assets = household.assets
    region = property_region(household.region, ctx.book, ctx.as_of)
    for setting in region.settings:
        trace.parameter(setting.label, str(setting.value), setting)
    trace.step("기본재산액 지역", REGION_LABEL[region.value], "보건복지부고시 제2025-204호 별표3")
    basic = use(trace, ctx, "livelihood.basic_property", region.value.value)
    limit = use(trace, ctx, "livelihood.housing_property_limit", region.value.value)
    if not any((assets.housing, assets.general, assets.financial, assets.vehicles)):
        trace.step("재산의 소득환산액 (재산 없음)", 0, ART_PROPERTY)
        return 0
    cars = _classify_cars(ctx, assets.vehicles, trace)
    housing = min(assets.housing, limit)
    general = assets.general + max(0, assets.housing - limit) + cars.general_rate
    deduction = basic + assets.debts
    trace.step("공제액 (기본재산액 + 부채)", deduction, ART_PROPERTY)
    housing_left = max(0, housing - deduction)
    deduction -= min(housing, deduction)
    general_left = max(0, general - deduction)
    deduction -= min(general, deduction)
    allowance = use(trace, ctx, "livelihood.financial_living_allowance")
    financial_left = max(0, assets.financial - allowance - deduction)
    rates: dict[str, Fraction] = use(trace, ctx, "livelihood.conversion_rate")
    parts = (
        ("주거용재산", housing_left, rates["housing"]),
        ("일반재산", general_left, rates["general"]),
        ("금융재산", financial_left, rates["financial"]),
    )
    total = cars.full_rate
    for label, base, rate in parts:
        converted = floor_won(base * rate)
        if base:
            trace.step(
                f"{label} 소득환산액",
                converted,
                ART_PROPERTY,
                f"공제 후 {base:,}원 × 월 환산율, 원 미만 버림",
            )
        total += converted
    if cars.full_rate:
        trace.step("자동차 소득환산액 (100%)", cars.full_rate, "보건복지부고시 제2025-204호")
    trace.step("재산의 소득환산액", total, ART_PROPERTY)
    return total
