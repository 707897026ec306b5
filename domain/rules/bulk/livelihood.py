"""생계급여 for a cohort, vectorised: the same rules as `programs/livelihood.assess_livelihood`, on
column arrays. Every amount is int64 and every rate an exact numerator/denominator, so each floor and
each comparison is the single path's, bit for bit (tests/rules/test_livelihood_bulk.py).

A cohort is parameter-free: it holds what the households are (ages at `as_of`, incomes, assets, cars
with their use, the largest obligor figures), never a class or a line decided by a parameter. So the
same cohort can be re-computed against another parameter book, and every class (기본재산액 지역, car
classes, thresholds) is decided here from the book in force at `as_of`, by the single path's own
functions where it has one per value (`property_region`, `selection_line`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from domain.rules.bulk.columns import CARGO_USE as _CARGO
from domain.rules.bulk.columns import DISABLED_USE as _DISABLED
from domain.rules.bulk.columns import LIVELIHOOD_USE as _LIVELIHOOD
from domain.rules.bulk.columns import VEHICLE_USES, Flags, Ints
from domain.rules.household import (
    Assets,
    Disability,
    Household,
    Income,
    Member,
    Obligor,
    Relation,
    Vehicle,
    VehicleUse,
    age_in_years,
)
from domain.rules.parameter_book import ParameterBook
from domain.rules.programs.common import Context, Status
from domain.rules.programs.median import selection_line
from domain.rules.regions import Region, property_region
from domain.rules.trace import Trace

STATUSES: tuple[Status, ...] = (Status.INELIGIBLE, Status.ELIGIBLE)  # `status` holds an index into this

# Bounds that keep every intermediate sum below 2**63 (checked, never assumed): an amount column
# ≤ 2**52 won (the codec allows 10**15), and at most 255 members or cars in one household.
MAX_AMOUNT = 2**52
MAX_PER_HOUSEHOLD = 255
INT64_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True, eq=False)
class Cohort:
    """Households (one row each) and their members and cars (grouped by household, in household
    order and, within one, in the household's own order: the first 장애인 car takes the exemption)."""

    as_of: date
    regions: tuple[Region, ...]  # distinct 시군구 rows; `region` indexes into it
    # households
    size: Ints
    region: Ints
    housing: Ints
    general: Ints
    financial: Ints
    debts: Ints
    has_obligor: Flags
    obligor_income: Ints  # the largest annual income among the household's 부양의무자 (0: none)
    obligor_property: Ints  # the largest 일반재산 among them: "any obligor over a line" needs no more
    # members
    member_household: Ints
    age: Ints  # 만 나이 at as_of
    disabled: Flags
    work_income: Ints  # 근로 + 사업소득
    other_income: Ints  # 재산소득 + 공적·사적이전 + 국민연금
    # cars
    car_household: Ints
    car_value: Ints
    car_cc: Ints
    car_use: Ints

    def __len__(self) -> int:
        return int(self.size.shape[0])


class LivelihoodArrays(NamedTuple):
    status: NDArray[np.int8]  # index into STATUSES
    amount: Ints
    recognized_income: Ints
    threshold: Ints


def livelihood_amounts(cohort: Cohort, book: ParameterBook) -> LivelihoodArrays:
    """생계급여 of every household: (status, amount, 소득인정액, 선정기준액). A parameter not in force
    at `as_of` for any household (e.g. the 2027 7인 기준 중위소득) raises ParameterUnavailable for the
    whole cohort, as the single path does for that household: an error, never a zero."""
    _check(cohort)
    if not len(cohort):  # nothing to look up: an empty cohort's date may have no parameters at all
        empty = np.zeros(0, dtype=np.int64)
        return LivelihoodArrays(np.zeros(0, dtype=np.int8), empty, empty, empty)
    threshold = thresholds(cohort, book)
    recognized = evaluated_income(cohort, book) + property_income(cohort, book)
    eligible = (recognized <= threshold) & ~obligor_over_line(cohort, book)
    amount = np.where(eligible, threshold - recognized, 0)
    return LivelihoodArrays(eligible.astype(np.int8), amount, recognized, threshold)


def thresholds(cohort: Cohort, book: ParameterBook) -> Ints:
    """선정기준액 per household: the single path's `selection_line`, once per distinct size."""
    # selection_line reads only the context's date and book; the household in it is a placeholder.
    ctx = Context(Household(cohort.as_of, cohort.regions[0], ()), book)
    sizes = np.flatnonzero(np.bincount(cohort.size)).tolist()  # the sizes present, without a sort
    table = np.zeros(max(sizes) + 1, dtype=np.int64)
    for size in sizes:
        table[size] = selection_line(ctx, "livelihood.selection_rate", size, "생계급여", Trace())
    return table[cohort.size]


def floor_times(amount: Ints, rate: Fraction) -> Ints:
    """floor(amount × rate) for amounts ≥ 0. When amount × numerator could overflow int64 it is never
    formed: with amount = q·d + r, floor(amount·n/d) = q·n + floor(r·n/d) (twice the work)."""
    n, d = rate.numerator, rate.denominator
    if not amount.size or int(amount.max()) <= INT64_MAX // n:
        direct: Ints = amount * n // d
        return direct
    q, r = np.divmod(amount, d)
    result: Ints = q * n + (r * n) // d
    return result


def evaluated_income(cohort: Cohort, book: ParameterBook) -> Ints:
    """소득평가액: per member (근로·사업소득 − 선공제) × (1 − 30%) floored, plus other income in full."""
    at = cohort.as_of
    keep = 1 - _rate(book, "livelihood.work_income_deduction_rate", at)
    gross = cohort.work_income
    work = np.zeros_like(gross)
    if (gross > 0).any():  # the single path reads the 선공제 settings only for a member with work income
        band = book.at("livelihood.youth_age_band", at).value
        age = cohort.age
        youth = (age >= band["min"]) & (age <= band["max"])
        elderly = (age >= book.at("livelihood.elderly_age", at).value) | cohort.disabled
        pre = np.zeros_like(gross)
        if youth.any():
            pre = np.where(youth, book.at("livelihood.youth_pre_deduction", at).value, 0)
        if elderly.any():
            pre = np.maximum(
                pre, np.where(elderly, book.at("livelihood.elderly_disabled_pre_deduction", at).value, 0)
            )
        work = floor_times(np.maximum(gross - pre, 0), keep)
    return _per_household(cohort, work + cohort.other_income)


def car_values(cohort: Cohort, book: ParameterBook) -> tuple[Ints, Ints]:
    """Per household, the car values at the 일반재산 rate and at 100% (고시 별표1·2): one 장애인 car
    under the cc limit and one 생업용 car are exempt — the first of each kind in the household's order."""
    n = len(cohort)
    general, full = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    if not cohort.car_value.size:
        return general, full
    at = cohort.as_of
    use, cc, value = cohort.car_use, cohort.car_cc, cohort.car_value
    exempt_cc = book.at("livelihood.exempt_car_max_cc", at).value
    small_cc = book.at("livelihood.ordinary_car_general_rate_max_cc", at).value
    small_value = book.at("livelihood.ordinary_car_general_rate_max_value", at).value
    could_be_exempt = np.flatnonzero(((use == _DISABLED) & (cc < exempt_cc)) | (use == _LIVELIHOOD))
    # Cars are in household order, so the first occurrence of (household, use) is the one exempted;
    # np.unique's return_index gives first occurrences.
    key = cohort.car_household[could_be_exempt] * len(VEHICLE_USES) + use[could_be_exempt]
    exempt = np.zeros(value.shape, dtype=np.bool_)
    exempt[could_be_exempt[np.unique(key, return_index=True)[1]]] = True
    cheap = (use == _CARGO) | ((cc < small_cc) & (value < small_value))
    for target, mask in ((general, ~exempt & cheap), (full, ~exempt & ~cheap)):
        np.add.at(target, cohort.car_household[mask], value[mask])
    return general, full


def property_income(cohort: Cohort, book: ParameterBook) -> Ints:
    """재산의 소득환산액: 주거용 above the 한도 moves to 일반; 기본재산액 + 부채 come off 주거용, 일반,
    then 금융 (after the 생활준비금); each remainder × its monthly rate, floored; cars at 100%."""
    at = cohort.as_of
    classes = [property_region(region, book, at).value.value for region in cohort.regions]
    basic_table = book.at("livelihood.basic_property", at).value
    limit_table = book.at("livelihood.housing_property_limit", at).value
    basic = np.array([basic_table[c] for c in classes], dtype=np.int64)[cohort.region]
    limit = np.array([limit_table[c] for c in classes], dtype=np.int64)[cohort.region]
    cars_general, cars_full = car_values(cohort, book)
    has_property = (cohort.housing > 0) | (cohort.general > 0) | (cohort.financial > 0)
    if not (has_property.any() or cohort.car_value.size):
        return np.zeros(len(cohort), dtype=np.int64)  # nor does the single path read the rates then
    housing = np.minimum(cohort.housing, limit)
    general = cohort.general + np.maximum(cohort.housing - limit, 0) + cars_general
    deduction = basic + cohort.debts
    housing_left = np.maximum(housing - deduction, 0)
    deduction = deduction - np.minimum(housing, deduction)
    general_left = np.maximum(general - deduction, 0)
    deduction = deduction - np.minimum(general, deduction)
    allowance = book.at("livelihood.financial_living_allowance", at).value
    financial_left = np.maximum(cohort.financial - allowance - deduction, 0)
    rates: dict[str, Fraction] = book.at("livelihood.conversion_rate", at).value
    return (
        cars_full
        + floor_times(housing_left, rates["housing"])
        + floor_times(general_left, rates["general"])
        + floor_times(financial_left, rates["financial"])
    )


def obligor_over_line(cohort: Cohort, book: ParameterBook) -> Flags:
    """부양의무자 기준: some obligor's income or 일반재산 over its line ⇔ the largest one is."""
    if not cohort.has_obligor.any():
        return np.zeros(len(cohort), dtype=np.bool_)
    income_line = book.at("livelihood.obligor_income_line", cohort.as_of).value
    property_line = book.at("livelihood.obligor_property_line", cohort.as_of).value
    over = (cohort.obligor_income > income_line) | (cohort.obligor_property > property_line)
    result: Flags = cohort.has_obligor & over
    return result


def _rate(book: ParameterBook, name: str, at: date) -> Fraction:
    value = book.at(name, at).value
    assert isinstance(value, Fraction)
    return value


def _per_household(cohort: Cohort, per_member: Ints) -> Ints:
    """Sums member values by household: members are contiguous and every household has one, so
    reduceat over the group starts is exact (int64, unlike bincount's float64 weights)."""
    if not len(cohort):
        return np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(cohort.size)[:-1]))
    result: Ints = np.add.reduceat(per_member, starts)
    return result


def _check(cohort: Cohort) -> None:
    """The layout the arithmetic relies on; a wrong cohort is a ValueError, never a wrong amount."""
    n, m = len(cohort), int(cohort.member_household.shape[0])
    c = cohort
    households = (
        c.size,
        c.region,
        c.housing,
        c.general,
        c.financial,
        c.debts,
        c.obligor_income,
        c.obligor_property,
    )
    members = (c.member_household, c.age, c.work_income, c.other_income)
    cars = (c.car_household, c.car_value, c.car_cc, c.car_use)
    for group, length in ((households, n), (members, m), (cars, int(cohort.car_household.shape[0]))):
        for column in group:
            if column.dtype != np.int64 or column.shape != (length,):
                raise ValueError(f"every column must be int64 of its table's length ({length})")
            if length and (int(column.min()) < 0 or int(column.max()) > MAX_AMOUNT):
                raise ValueError(f"values must be between 0 and {MAX_AMOUNT}")
    flags = ((cohort.has_obligor, n), (cohort.disabled, m))
    if any(column.dtype != np.bool_ or column.shape != (length,) for column, length in flags):
        raise ValueError("has_obligor and disabled must be boolean columns of their table's length")
    if n and (int(cohort.size.min()) < 1 or int(cohort.size.max()) > MAX_PER_HOUSEHOLD):
        raise ValueError(f"every household has 1 to {MAX_PER_HOUSEHOLD} members")
    if not np.array_equal(cohort.member_household, np.repeat(np.arange(n), cohort.size)):
        raise ValueError("members must be grouped by household, in household order, `size` per household")
    if n and int(cohort.region.max()) >= len(cohort.regions):
        raise ValueError("a region index points past `regions`")
    if cohort.car_household.size:
        if np.any(np.diff(cohort.car_household) < 0) or int(cohort.car_household.max()) >= n:
            raise ValueError("cars must be grouped by household, in household order")
        if int(np.bincount(cohort.car_household).max()) > MAX_PER_HOUSEHOLD:
            raise ValueError(f"at most {MAX_PER_HOUSEHOLD} cars per household")
        if int(cohort.car_use.max()) >= len(VEHICLE_USES):
            raise ValueError("a car use index points past VEHICLE_USES")


def _ints(values: Iterable[int]) -> Ints:
    return np.fromiter(values, dtype=np.int64)


def cohort_from_households(households: Sequence[Household]) -> Cohort:
    """The column form of households that share one `as_of` (for tests and small cohorts)."""
    dates = {h.as_of for h in households}
    if len(dates) > 1:
        raise ValueError("a cohort has one as_of; got " + ", ".join(sorted(d.isoformat() for d in dates)))
    as_of = dates.pop() if dates else date.min
    region_index: dict[Region, int] = {}
    for h in households:
        region_index.setdefault(h.region, len(region_index))
    members = [(i, m) for i, h in enumerate(households) for m in h.members]
    cars = [(i, v) for i, h in enumerate(households) for v in h.assets.vehicles]
    use_index = {use: index for index, use in enumerate(VEHICLE_USES)}
    hs = households
    return Cohort(
        as_of=as_of,
        regions=tuple(region_index),
        size=_ints(h.size for h in hs),
        region=_ints(region_index[h.region] for h in hs),
        housing=_ints(h.assets.housing for h in hs),
        general=_ints(h.assets.general for h in hs),
        financial=_ints(h.assets.financial for h in hs),
        debts=_ints(h.assets.debts for h in hs),
        has_obligor=np.array([bool(h.obligors) for h in hs], dtype=np.bool_),
        obligor_income=_ints(max((o.annual_income for o in h.obligors), default=0) for h in hs),
        obligor_property=_ints(max((o.general_property for o in h.obligors), default=0) for h in hs),
        member_household=_ints(i for i, _ in members),
        age=_ints(age_in_years(m.birth_date, as_of) for _, m in members),
        disabled=np.array([m.disability is not Disability.NONE for _, m in members], dtype=np.bool_),
        work_income=_ints(m.income.earned_and_business() for _, m in members),
        other_income=_ints(m.income.other_than_work() for _, m in members),
        car_household=_ints(i for i, _ in cars),
        car_value=_ints(v.value for _, v in cars),
        car_cc=_ints(v.cc for _, v in cars),
        car_use=_ints(use_index[v.use] for _, v in cars),
    )


def _birth_date(as_of: date, age: int) -> date:
    """A birth date whose 만 나이 at `as_of` is `age` (29 February falls back to the 28th)."""
    year = as_of.year - age
    try:
        return as_of.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def households_from_cohort(cohort: Cohort, indices: Iterable[int]) -> list[Household]:
    """Households for the single path, equivalent for 생계급여 to the cohort's rows (a synthetic cohort
    has no Household objects behind it): work income as 근로소득, other income as 공적이전."""
    starts = np.concatenate(([0], np.cumsum(cohort.size)))
    car_starts = np.searchsorted(cohort.car_household, np.arange(len(cohort) + 1))
    found = []
    for i in indices:
        members = tuple(
            Member(
                id=f"m{k - int(starts[i]) + 1}",
                relation=Relation.HEAD if k == starts[i] else Relation.OTHER,
                birth_date=_birth_date(cohort.as_of, int(cohort.age[k])),
                disability=Disability.MILD if cohort.disabled[k] else Disability.NONE,
                income=Income(earned=int(cohort.work_income[k]), public_transfer=int(cohort.other_income[k])),
            )
            for k in range(int(starts[i]), int(starts[i + 1]))
        )
        vehicles = tuple(
            Vehicle(int(cohort.car_value[c]), int(cohort.car_cc[c]), use=VEHICLE_USES[int(cohort.car_use[c])])
            for c in range(int(car_starts[i]), int(car_starts[i + 1]))
        )
        assets = Assets(
            int(cohort.housing[i]),
            int(cohort.general[i]),
            int(cohort.financial[i]),
            int(cohort.debts[i]),
            vehicles,
        )
        obligors = (
            (Obligor(int(cohort.obligor_income[i]), int(cohort.obligor_property[i])),)
            if cohort.has_obligor[i]
            else ()
        )
        region = cohort.regions[int(cohort.region[i])]
        found.append(Household(cohort.as_of, region, members, assets, obligors=obligors))
    return found


def synthetic_cohort(
    households: int, as_of: date, regions: Sequence[Region], *, seed: int = 0, max_size: int = 6
) -> Cohort:
    """A large cohort drawn directly as arrays (no Python object per household), for benchmarks:
    mostly small households, incomes and assets spread across the selection lines."""
    weights = np.array([0.42, 0.24, 0.14, 0.1, 0.05, 0.03, 0.01, 0.005, 0.003, 0.002])
    if not 1 <= max_size <= len(weights):
        raise ValueError(f"max_size is 1 to {len(weights)}")
    rng = np.random.default_rng(seed)
    n = households

    def some(share: float, low: int, high: int, count: int) -> Ints:
        values: Ints = rng.integers(low, high, count, dtype=np.int64)
        result: Ints = np.where(rng.random(count) < share, values, 0)
        return result

    weights = weights[:max_size] / weights[:max_size].sum()
    size = rng.choice(np.arange(1, max_size + 1, dtype=np.int64), n, p=weights)
    m = int(size.sum())
    car_count = rng.choice(np.arange(3, dtype=np.int64), n, p=[0.72, 0.24, 0.04])
    c = int(car_count.sum())
    use_share = {VehicleUse.ORDINARY: 0.6, VehicleUse.LIVELIHOOD: 0.15, VehicleUse.DISABLED: 0.15}
    car_use_share = [use_share.get(use, 0.1) for use in VEHICLE_USES]  # the rest: 화물
    has_obligor = rng.random(n) < 0.3
    return Cohort(
        as_of=as_of,
        regions=tuple(regions),
        size=size,
        region=rng.integers(0, len(regions), n, dtype=np.int64),
        housing=some(0.5, 0, 250_000_000, n),
        general=some(0.25, 0, 80_000_000, n),
        financial=some(0.6, 0, 15_000_000, n),
        debts=some(0.2, 0, 60_000_000, n),
        has_obligor=has_obligor,
        obligor_income=np.where(has_obligor, rng.integers(0, 200_000_000, n, dtype=np.int64), 0),
        obligor_property=np.where(has_obligor, rng.integers(0, 1_500_000_000, n, dtype=np.int64), 0),
        member_household=np.repeat(np.arange(n, dtype=np.int64), size),
        age=rng.integers(0, 96, m, dtype=np.int64),
        disabled=rng.random(m) < 0.08,
        work_income=some(0.35, 0, 3_000_000, m),
        other_income=some(0.3, 0, 1_200_000, m),
        car_household=np.repeat(np.arange(n, dtype=np.int64), car_count),
        car_value=rng.integers(0, 30_000_000, c, dtype=np.int64),
        car_cc=rng.integers(600, 3500, c, dtype=np.int64),
        car_use=rng.choice(np.arange(len(VEHICLE_USES), dtype=np.int64), c, p=car_use_share),
    )
