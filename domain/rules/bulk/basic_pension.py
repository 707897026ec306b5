"""기초연금 for a cohort of units at once (the annual re-calculation when 기준연금액 and 선정기준액 change),
vectorised: the same rules as `programs/basic_pension.assess_basic_pension`, on column arrays.

One row per unit (the member and the spouse, `pension_income.pension_units`): person columns are
(n, 2), slot 0 the unit's first member and slot 1 the spouse (zeros for a single). Every amount is
int64 and every rate an exact numerator/denominator. The 기초연금 amount carries thirds, halves and
fifths of a won until the 10원 절사, so amounts are held in units of 1/`scale` won, `scale` being the
least common multiple of the denominators the parameters bring in (30 with today's rates): each
comparison and each floor is then the single path's, bit for bit (tests/rules/test_basic_pension_bulk.py).

Like the 생계급여 cohort, a cohort is parameter-free (ages at `as_of`, incomes, assets, cars, 시군구):
the 기본재산액 지역 and every line are decided here from the book in force at `as_of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import lcm
from typing import NamedTuple

import numpy as np

from domain.rules.bulk.columns import CARGO_USE as _CARGO
from domain.rules.bulk.columns import DISABLED_USE as _DISABLED
from domain.rules.bulk.columns import LIVELIHOOD_USE as _LIVELIHOOD
from domain.rules.bulk.columns import VEHICLE_USES, Flags, Ints
from domain.rules.household import (
    Household,
    age_in_years,
)
from domain.rules.parameter_book import ParameterBook
from domain.rules.programs.pension_income import pension_units
from domain.rules.regions import Region, city_class

# Bounds that keep every intermediate below 2**63 (checked, never assumed): amounts ≤ 2**52 won (the
# codec allows 10**15) and at most 255 cars on one unit.
MAX_AMOUNT = 2**52
MAX_CARS = 255
INT64_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True, eq=False)
class Cohort:
    """Units (one row each) and the cars of the units that hold the household's assets."""

    as_of: date
    regions: tuple[Region, ...]  # distinct 시군구 rows; `region` indexes into it
    couple: Flags  # (n,) two spouses; slot 1 is empty otherwise
    age: Ints  # (n, 2) 만 나이 at as_of
    earned: Ints  # (n, 2) 근로소득
    other: Ints  # (n, 2) 사업·재산·공적이전·사적이전소득 + 국민연금 급여액
    national_pension: Ints  # (n, 2) 국민연금 급여액 (also inside `other`)
    national_pension_a: Ints  # (n, 2) its A급여
    occupational: Flags  # (n, 2) 직역연금
    region: Ints  # (n,)
    housing: Ints  # (n,) assets: the head's unit carries the household's, other units zeros
    general: Ints
    financial: Ints
    debts: Ints
    car_unit: Ints  # (c,) cars grouped by unit, in the household's order
    car_value: Ints
    car_age: Ints
    car_use: Ints

    def __len__(self) -> int:
        return int(self.couple.shape[0])


class UnitRow(NamedTuple):
    """Which household and members a cohort row is (slot order)."""

    household: int
    member_ids: tuple[str, ...]


class BasicPensionArrays(NamedTuple):
    eligible: Flags  # (n, 2) the member receives 기초연금
    amount: Ints  # (n, 2) monthly amount, 10원 미만 절사 (0 when not paid)
    recognized_income: Ints  # (n,) the unit's 소득인정액
    threshold: Ints  # (n,) its 선정기준액


def _floor_times(amount: Ints, rate: Fraction) -> Ints:
    """floor(amount × rate) for amounts ≥ 0, never forming a product that could overflow int64."""
    n, d = rate.numerator, rate.denominator
    if not amount.size or int(amount.max()) <= INT64_MAX // max(n, 1):
        direct: Ints = amount * n // d
        return direct
    q, r = np.divmod(amount, d)
    result: Ints = q * n + (r * n) // d
    return result


def _scaled(x: Fraction, scale: int) -> int:
    value = x * scale
    if value.denominator != 1:
        raise ValueError(f"{x} is not a whole number of 1/{scale} won")
    return int(value)


def _value(book: ParameterBook, name: str, at: date) -> object:
    return book.at(name, at).value


def _rate(book: ParameterBook, name: str, at: date) -> Fraction:
    value = _value(book, name, at)
    assert isinstance(value, Fraction)
    return value


def _won(book: ParameterBook, name: str, at: date) -> int:
    value = _value(book, name, at)
    assert isinstance(value, int)
    return value


def _per_unit(cohort: Cohort, per_car: Ints) -> Ints:
    total: Ints = np.zeros(len(cohort), dtype=np.int64)
    np.add.at(total, cohort.car_unit, per_car)
    return total


def car_values(cohort: Cohort, book: ParameterBook) -> tuple[Ints, Ints]:
    """Per unit, the cars in 일반재산 and the 고급자동차 income (고시 제5조·제11조): the first
    `disabled_car_exempt_count` 장애인 cars are left out; a car worth the line or more, under the age and
    neither 화물 nor 생업용, is income at its rate; every other car is 일반재산."""
    n = len(cohort)
    if not cohort.car_value.size:
        return np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    at = cohort.as_of
    use, value = cohort.car_use, cohort.car_value
    disabled = use == _DISABLED
    # Cars are grouped by unit in order: a disabled car's rank among its unit's disabled cars is the
    # running count minus the count before the unit's first car.
    running = np.cumsum(disabled)
    starts = np.searchsorted(cohort.car_unit, cohort.car_unit, side="left")
    before = np.where(starts > 0, running[starts - 1], 0)
    exempt = disabled & (running - before <= _won(book, "basic_pension.disabled_car_exempt_count", at))
    luxury = (
        ~exempt
        & (value >= _won(book, "basic_pension.luxury_car_value", at))
        & (cohort.car_age < _won(book, "basic_pension.luxury_car_exempt_age", at))
        & (use != _CARGO)
        & (use != _LIVELIHOOD)
    )
    rate = _rate(book, "basic_pension.luxury_car_rate", at)
    luxury_income = _per_unit(cohort, np.where(luxury, _floor_times(value, rate), 0))
    general = _per_unit(cohort, np.where(~exempt & ~luxury, value, 0))
    return general, luxury_income


def recognized_income(cohort: Cohort, book: ParameterBook) -> Ints:
    """소득인정액 (pension_income.pension_income): 근로소득 (− 기본공제) × 0.7 per person, other income
    in full, (일반재산 − 기본재산액)⁺ + (금융재산 − 공제)⁺ − 부채, not below 0, × 4% ÷ 12, 고급자동차."""
    at = cohort.as_of
    keep = 1 - _rate(book, "basic_pension.earned_income_rate", at)
    deduction = _won(book, "basic_pension.earned_income_deduction", at)
    earned = _floor_times(np.maximum(cohort.earned - deduction, 0), keep).sum(axis=1)
    classes = [city_class(region, book, at).value.value for region in cohort.regions]
    table = _value(book, "basic_pension.basic_property", at)
    assert isinstance(table, dict)
    basic = np.array([table[c] for c in classes], dtype=np.int64)[cohort.region]
    cars_general, cars_income = car_values(cohort, book)
    general_left = np.maximum(cohort.housing + cohort.general + cars_general - basic, 0)
    financial_left = np.maximum(cohort.financial - _won(book, "basic_pension.financial_deduction", at), 0)
    base = np.maximum(general_left + financial_left - cohort.debts, 0)
    monthly = _rate(book, "basic_pension.property_conversion_rate", at) / 12
    result: Ints = earned + cohort.other.sum(axis=1) + _floor_times(base, monthly) + cars_income
    return result


def basic_pension_amounts(cohort: Cohort, book: ParameterBook) -> BasicPensionArrays:
    """기초연금 of every unit member (steps 1–7 of §A.4), its unit's 소득인정액 and 선정기준액."""
    _check(cohort)
    n = len(cohort)
    if not n:  # nothing to look up: an empty cohort's date may have no parameters at all
        empty = np.zeros(0, dtype=np.int64)
        return BasicPensionArrays(
            np.zeros((0, 2), dtype=np.bool_), np.zeros((0, 2), dtype=np.int64), empty, empty
        )
    at = cohort.as_of
    lines = _value(book, "basic_pension.selection_threshold", at)
    link = _value(book, "basic_pension.linkage_rates", at)
    floors = _value(book, "basic_pension.income_reversal_floor_rate", at)
    a_table = _value(book, "basic_pension.a_benefit_rate", at)
    assert isinstance(lines, dict) and isinstance(link, dict) and isinstance(floors, dict)
    assert isinstance(a_table, dict)
    b = _won(book, "basic_pension.standard_amount", at)
    a_rate = Fraction(a_table["numerator"], a_table["denominator"])
    add, keep = (
        _rate(book, "basic_pension.additional_amount_rate", at),
        1 - _rate(book, "basic_pension.couple_reduction_rate", at),
    )
    full, comparison, base = link["full_amount_limit"], link["comparison_limit"], link["reduction_base"]
    pre = lcm(*(r.denominator for r in (a_rate, add, full, comparison, base)))
    scale = lcm(pre * keep.denominator, *(floors[k].denominator for k in ("single", "couple", "couple_each")))

    income = recognized_income(cohort, book)
    single_line, couple_line = int(lines["single"]), int(lines["couple"])
    threshold: Ints = np.where(cohort.couple, couple_line, single_line).astype(np.int64)
    eligible = ~cohort.occupational.any(axis=1) & (income <= threshold)
    present = np.stack([np.ones(n, dtype=np.bool_), cohort.couple], axis=1)
    receives = eligible[:, None] & present & (cohort.age >= _won(book, "basic_pension.age", at))

    # Steps 1–4 in 1/scale won. Pensions past the 200% line and A급여 past B ÷ 2/3 change nothing, so
    # they are clipped first to keep every product small.
    pension = np.minimum(cohort.national_pension, b * comparison.numerator // comparison.denominator + 1)
    a_benefit = np.minimum(cohort.national_pension_a, -(-b * a_rate.denominator // a_rate.numerator))
    b_s = b * scale
    step1 = np.maximum(b_s - a_benefit * _scaled(a_rate, scale), 0) + _scaled(b * add, scale)
    pension_s = pension * scale
    amount = np.where(
        pension_s <= _scaled(b * full, scale),
        b_s,
        np.where(
            pension_s <= _scaled(b * comparison, scale),
            np.maximum(_scaled(b * base, scale) - pension_s, step1),
            step1,
        ),
    )
    amount = np.where(receives, np.minimum(amount, b_s), 0)
    # Step 5: every amount is a multiple of keep's denominator in these units, so this is exact.
    both: Flags = receives[:, 0] & receives[:, 1]
    amount = np.where(both[:, None], amount // keep.denominator * keep.numerator, amount)

    # Step 6, 소득역전: in 1/scale won; an income past the line is clipped (that unit is not paid).
    total = amount.sum(axis=1)
    clipped = np.minimum(income, threshold + 1)
    reversal = eligible & (clipped * scale + total > threshold * scale)
    floor_total = np.where(
        both, _scaled(b * floors["couple"], scale), _scaled(b * floors["single"], scale)
    ).astype(np.int64)
    target = np.minimum(total, np.maximum((threshold - clipped) * scale, floor_total))
    tens = 10 * scale
    paid = amount // tens * 10  # step 7 without 소득역전
    alone = reversal & ~both
    paid = np.where(alone[:, None] & receives, (target // tens * 10)[:, None], paid)

    two = reversal & both
    low = np.where(amount[:, 0] <= amount[:, 1], 0, 1)
    rows = np.arange(n)
    low_amount = amount[rows, low]
    divisor = np.where(total > 0, total, 1)
    each = _scaled(b * floors["couple_each"], scale)
    split = (target[:, None] * amount) // (divisor[:, None] * tens) * 10
    raised = two & (target * low_amount < each * divisor)
    raised_pair = np.zeros((n, 2), dtype=np.int64)
    raised_pair[rows, low] = each // tens * 10
    raised_pair[rows, 1 - low] = (target - each) // tens * 10
    paid = np.where(raised[:, None], raised_pair, np.where(two[:, None], split, paid))
    return BasicPensionArrays(receives, paid.astype(np.int64), income, threshold)


def _check(cohort: Cohort) -> None:
    """The layout the arithmetic relies on; a wrong cohort is a ValueError, never a wrong amount."""
    n, c = len(cohort), int(cohort.car_unit.shape[0])
    people = (cohort.age, cohort.earned, cohort.other, cohort.national_pension, cohort.national_pension_a)
    units = (cohort.region, cohort.housing, cohort.general, cohort.financial, cohort.debts)
    cars = (cohort.car_unit, cohort.car_value, cohort.car_age, cohort.car_use)
    for group, shape in ((people, (n, 2)), (units, (n,)), (cars, (c,))):
        for column in group:
            if column.dtype != np.int64 or column.shape != shape:
                raise ValueError(f"every column must be int64 of shape {shape}")
            if column.size and (int(column.min()) < 0 or int(column.max()) > MAX_AMOUNT):
                raise ValueError(f"values must be between 0 and {MAX_AMOUNT}")
    for flags, shape in ((cohort.couple, (n,)), (cohort.occupational, (n, 2))):
        if flags.dtype != np.bool_ or flags.shape != shape:
            raise ValueError(f"couple and occupational must be boolean of shape {shape}")
    if np.any(cohort.national_pension_a > cohort.national_pension):
        raise ValueError("the A급여 is part of the 국민연금 급여액 and cannot exceed it")
    if n and int(cohort.region.max()) >= len(cohort.regions):
        raise ValueError("a region index points past `regions`")
    if c:
        if np.any(np.diff(cohort.car_unit) < 0) or int(cohort.car_unit.max()) >= n:
            raise ValueError("cars must be grouped by unit, in unit order")
        if int(np.bincount(cohort.car_unit).max()) > MAX_CARS:
            raise ValueError(f"at most {MAX_CARS} cars per unit")
        if int(cohort.car_use.max()) >= len(VEHICLE_USES):
            raise ValueError("a car use index points past VEHICLE_USES")


def _ints(values: Iterable[int]) -> Ints:
    return np.fromiter(values, dtype=np.int64)


def cohort_from_households(households: Sequence[Household]) -> tuple[Cohort, list[UnitRow]]:
    """The column form of households that share one `as_of` (for tests and small cohorts): one row per
    unit of every household, with the household and member ids of each row."""
    dates = {h.as_of for h in households}
    if len(dates) > 1:
        raise ValueError("a cohort has one as_of; got " + ", ".join(sorted(d.isoformat() for d in dates)))
    as_of = dates.pop() if dates else date.min
    region_index: dict[Region, int] = {}
    rows: list[UnitRow] = []
    couple: list[bool] = []
    people: list[list[tuple[int, int, int, int, int, int]]] = []  # (age, earned, other, np, npa, occ) × 2
    assets: list[tuple[int, int, int, int]] = []
    regions: list[int] = []
    cars: list[tuple[int, int, int, int]] = []
    use_index = {use: index for index, use in enumerate(VEHICLE_USES)}
    for index, household in enumerate(households):
        region = region_index.setdefault(household.region, len(region_index))
        for unit in pension_units(household):
            row = len(rows)
            rows.append(UnitRow(index, tuple(m.id for m in unit.members)))
            couple.append(unit.is_couple)
            slots = [
                (
                    age_in_years(m.birth_date, as_of),
                    m.income.earned,
                    m.income.business + m.income.other_than_work(),
                    m.income.national_pension,
                    m.income.national_pension_a,
                    int(m.occupational_pension),
                )
                for m in unit.members
            ]
            people.append(slots + [(0, 0, 0, 0, 0, 0)] * (2 - len(slots)))
            regions.append(region)
            a = household.assets
            assets.append((a.housing, a.general, a.financial, a.debts) if unit.holds_assets else (0, 0, 0, 0))
            if unit.holds_assets:
                cars.extend((row, v.value, v.age_years, use_index[v.use]) for v in a.vehicles)
    grid = np.array(people, dtype=np.int64).reshape(len(rows), 2, 6)
    columns = np.array(assets, dtype=np.int64).reshape(len(rows), 4)
    car_table = np.array(cars, dtype=np.int64).reshape(len(cars), 4)
    cohort = Cohort(
        as_of=as_of,
        regions=tuple(region_index),
        couple=np.array(couple, dtype=np.bool_),
        age=grid[:, :, 0].copy(),
        earned=grid[:, :, 1].copy(),
        other=grid[:, :, 2].copy(),
        national_pension=grid[:, :, 3].copy(),
        national_pension_a=grid[:, :, 4].copy(),
        occupational=grid[:, :, 5].astype(np.bool_),
        region=_ints(regions),
        housing=columns[:, 0].copy(),
        general=columns[:, 1].copy(),
        financial=columns[:, 2].copy(),
        debts=columns[:, 3].copy(),
        car_unit=car_table[:, 0].copy(),
        car_value=car_table[:, 1].copy(),
        car_age=car_table[:, 2].copy(),
        car_use=car_table[:, 3].copy(),
    )
    return cohort, rows
