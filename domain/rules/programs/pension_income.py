"""소득인정액 of 기초연금 for a unit (the member and the spouse): 소득평가액 + 재산의 소득환산액
(pension-child-outreach-privacy-2026.md §A.5; 기초연금법 시행규칙 제4조, 고시 제5조–제11조).

장애인연금 reuses these rules: the notes give none of its own, so `disability_pension.income_rules`
names the program whose parameters apply (`basic_pension`), an inference its YAML marks uncertain.

The unit: the head and the spouse are a couple, so are exactly two members recorded as `parent`; anyone
else is assessed alone. The household's assets (entered once, for the whole household) belong to the
head's unit; any other unit is assessed on its own incomes only — an assumption, stated in the trace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from domain.rules.household import Assets, Household, Member, Relation, Vehicle, VehicleUse
from domain.rules.money import floor_won
from domain.rules.programs.common import Context, use
from domain.rules.regions import CityClass, city_class
from domain.rules.trace import Trace

ART_INCOME = "기초연금 선정기준액 등 고시 제6조 (근로소득 공제)"
ART_PROPERTY = "기초연금법 시행규칙 제4조; 기초연금 선정기준액 등 고시 제8조·제9조"
ART_CAR = "기초연금법 시행규칙 제4조①4호; 기초연금 선정기준액 등 고시 제5조·제11조"
ART_TOTAL = "기초연금법 시행규칙 제4조 (소득인정액 = 소득평가액 + 재산의 소득환산액)"
UNIT_NOTE = (
    "가구의 재산은 가구주 단위(가구주와 배우자)에 귀속하고, 그 밖의 단위는 본인(과 배우자)의 소득만으로 "
    "산정합니다 (가정: 모의계산은 가구 전체의 재산만 입력받음)."
)
PROPERTY_NOTE = (
    "공제 순서는 추정: 기본재산액은 일반재산(주거용·일반·자동차)에서만, 금융재산은 2,000만원 공제 후 "
    "따로, 부채는 두 잔액의 합에서 빼며 남은 기본재산액은 금융재산으로 넘기지 않음"
)
CITY_CLASS_LABEL = {CityClass.BIG_CITY: "대도시", CityClass.MID_CITY: "중소도시", CityClass.RURAL: "농어촌"}
# Cars the 고급자동차 rule leaves out whatever their value (고시 제11조: 화물·특수, 생업용).
_NOT_LUXURY_USES = frozenset({VehicleUse.CARGO, VehicleUse.LIVELIHOOD})


@dataclass(frozen=True, slots=True)
class PensionUnit:
    """The member and the spouse, assessed together (기초연금 부부가구; 장애인연금 likewise)."""

    members: tuple[Member, ...]
    holds_assets: bool  # the head's unit carries the household's assets

    @property
    def is_couple(self) -> bool:
        return len(self.members) == 2


def pension_units(household: Household) -> list[PensionUnit]:
    """Every unit of the household, in the order of its first member: head (+ spouse); the two
    `parent` members when there are exactly two; everyone else alone."""
    members = household.members
    head_unit = tuple(m for m in members if m.relation in {Relation.HEAD, Relation.SPOUSE})
    parents = tuple(m for m in members if m.relation is Relation.PARENT)
    units: list[PensionUnit] = []
    placed: set[str] = set()
    for member in members:
        if member.id in placed:
            continue
        if member.relation in {Relation.HEAD, Relation.SPOUSE}:
            unit = PensionUnit(head_unit, holds_assets=True)
        elif member.relation is Relation.PARENT and len(parents) == 2:
            unit = PensionUnit(parents, holds_assets=False)
        else:
            unit = PensionUnit((member,), holds_assets=False)
        placed.update(m.id for m in unit.members)
        units.append(unit)
    return units


def unit_of(units: Sequence[PensionUnit], member: Member) -> PensionUnit:
    return next(u for u in units if any(m.id == member.id for m in u.members))


@dataclass(frozen=True, slots=True)
class PensionIncome:
    earned: int  # 근로소득 평가액 (공제 후)
    other: int  # 사업·재산·이전소득과 국민연금, in full
    property_income: int  # 재산의 소득환산액
    car_income: int  # 고급자동차 (차량가액 100%)

    @property
    def total(self) -> int:
        return self.earned + self.other + self.property_income + self.car_income


def earned_income(ctx: Context, member: Member, rules: str, trace: Trace) -> int:
    """고시 제6조: 근로소득 − 기본공제액, then a further 30% off, for each spouse separately; floored to
    the won as the 기초생활 평가액 is (the notes give no rounding for this step)."""
    earned = member.income.earned
    if earned == 0:
        return 0
    deduction: int = use(trace, ctx, f"{rules}.earned_income_deduction")
    rate: Fraction = use(trace, ctx, f"{rules}.earned_income_rate")
    evaluated = floor_won(max(0, earned - deduction) * (1 - rate))
    trace.step(
        f"{member.id} 근로소득 평가액",
        evaluated,
        ART_INCOME,
        f"({earned:,} − 기본공제 {deduction:,}) × (1 − 추가공제율), 원 미만 버림",
    )
    return evaluated


def other_income(member: Member) -> int:
    """사업소득, 재산소득, 공적·사적 이전소득 and the 국민연금 급여액 count in full (§A.5 lists no
    deduction a simulation input could carry: the 이자소득 4만원 and 보상금 43만원 exclusions need
    detail the contract does not collect)."""
    income = member.income
    return income.business + income.other_than_work()


@dataclass(frozen=True, slots=True)
class Cars:
    general: int  # counted in 일반재산 at its value
    luxury_income: int  # 고급자동차: counted as monthly income


def classify_cars(ctx: Context, vehicles: tuple[Vehicle, ...], rules: str, trace: Trace) -> Cars:
    """고시 제5조 (one 장애인 사용 car is left out), 제11조 and 시행규칙 제4조①4호 (a car worth 4,000만원
    or more is income at 100% a month, unless 10 years old or more, 화물·특수 or 생업용). Every other
    car is 일반재산 at its value. With several 장애인 cars, the first listed is the one left out."""
    if not vehicles:
        return Cars(0, 0)
    line: int = use(trace, ctx, f"{rules}.luxury_car_value")
    exempt_age: int = use(trace, ctx, f"{rules}.luxury_car_exempt_age")
    rate: Fraction = use(trace, ctx, f"{rules}.luxury_car_rate")
    exempt_count: int = use(trace, ctx, f"{rules}.disabled_car_exempt_count")
    general = luxury = excluded = 0
    for index, car in enumerate(vehicles, start=1):
        if car.use is VehicleUse.DISABLED and excluded < exempt_count:
            excluded += 1
            trace.step(f"자동차 {index}: 장애인 사용 자동차 — 재산 제외", car.value, ART_CAR)
        elif car.value >= line and car.age_years < exempt_age and car.use not in _NOT_LUXURY_USES:
            converted = floor_won(car.value * rate)
            luxury += converted
            trace.step(f"자동차 {index}: 고급자동차 — 차량가액을 월 소득으로", converted, ART_CAR)
        else:
            general += car.value
            trace.step(f"자동차 {index}: 일반재산", car.value, ART_CAR)
    return Cars(general, luxury)


def property_income(ctx: Context, assets: Assets, cars: Cars, rules: str, trace: Trace) -> int:
    """시행규칙 제4조, 고시 제8조·제9조: (일반재산 − 기본재산액) + (금융재산 − 2,000만원) − 부채, each
    part not below 0, × 연 4% ÷ 12, floored to the won. The notes give only (재산 − 기본재산액 − 부채)
    × 4% ÷ 12 and the 금융재산 공제, so the order of the deductions is inferred (PROPERTY_NOTE)."""
    region = city_class(ctx.household.region, ctx.book, ctx.as_of)
    for setting in region.settings:
        shown = setting.value if isinstance(setting.value, str) else ", ".join(sorted(setting.value))
        trace.parameter(setting.label, shown, setting)
    trace.step("기본재산액 지역 구분", CITY_CLASS_LABEL[region.value], "기초연금 선정기준액 등 고시 제8조")
    basic: int = use(trace, ctx, f"{rules}.basic_property", region.value.value)
    financial_deduction: int = use(trace, ctx, f"{rules}.financial_deduction")
    rate: Fraction = use(trace, ctx, f"{rules}.property_conversion_rate")
    general = assets.housing + assets.general + cars.general
    general_left = max(0, general - basic)
    financial_left = max(0, assets.financial - financial_deduction)
    base = max(0, general_left + financial_left - assets.debts)
    trace.step("일반재산 (주거용·일반재산·자동차) − 기본재산액", general_left, ART_PROPERTY)
    trace.step("금융재산 − 금융재산 공제액", financial_left, ART_PROPERTY)
    trace.step("환산 대상 재산 (위 합계 − 부채, 0 미만은 0)", base, ART_PROPERTY, PROPERTY_NOTE)
    converted = floor_won(base * rate / 12)
    trace.step("재산의 소득환산액 (× 연 환산율 ÷ 12, 원 미만 버림)", converted, ART_PROPERTY)
    return converted


def pension_income(ctx: Context, unit: PensionUnit, rules: str, trace: Trace) -> PensionIncome:
    """The unit's 소득인정액 under the parameters `{rules}.*` (basic_pension for both pensions today)."""
    earned = sum(earned_income(ctx, m, rules, trace) for m in unit.members)
    other = sum(other_income(m) for m in unit.members)
    if other:
        trace.step(
            "사업·재산·이전소득, 국민연금 (전액)", other, "기초연금법 시행규칙 제2조 (제외 소득 외 전액)"
        )
    if unit.holds_assets:
        assets = ctx.household.assets
        cars = classify_cars(ctx, assets.vehicles, rules, trace)
        converted = property_income(ctx, assets, cars, rules, trace)
    else:
        cars = Cars(0, 0)
        converted = 0
        trace.step("가구주 단위가 아님 — 재산 0으로 산정", 0, ART_PROPERTY, UNIT_NOTE)
    result = PensionIncome(earned, other, converted, cars.luxury_income)
    trace.step("소득인정액", result.total, ART_TOTAL)
    return result
