"""Synthetic 기초연금 cohorts drawn directly as arrays (benchmarks, differential tests), and the
rebuild of cohort rows as households so the single path can check them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np

from domain.rules.bulk.basic_pension import Cohort, _value, _won
from domain.rules.bulk.columns import VEHICLE_USES, Ints
from domain.rules.bulk.livelihood import _birth_date
from domain.rules.household import (
    Assets,
    Household,
    Income,
    Member,
    Relation,
    Vehicle,
    VehicleUse,
)
from domain.rules.parameter_book import ParameterBook
from domain.rules.regions import Region, city_class


def households_from_cohort(cohort: Cohort, indices: Iterable[int]) -> list[Household]:
    """Households for the single path, one per unit and equivalent for 기초연금 to its row (a synthetic
    cohort has no Household objects behind it): slot 0 as the head, slot 1 as the spouse, the row's
    assets and cars as the household's, and `other` less the 국민연금 as 공적이전소득."""
    if np.any(cohort.other < cohort.national_pension):
        raise ValueError("`other` includes the 국민연금 급여액 and cannot be below it")
    car_starts = np.searchsorted(cohort.car_unit, np.arange(len(cohort) + 1))
    c, found = cohort, []
    for i in indices:
        members = tuple(
            Member(
                id=f"m{slot + 1}",
                relation=(Relation.HEAD, Relation.SPOUSE)[slot],
                birth_date=_birth_date(c.as_of, int(c.age[i, slot])),
                occupational_pension=bool(c.occupational[i, slot]),
                income=Income(
                    earned=int(c.earned[i, slot]),
                    public_transfer=int(c.other[i, slot] - c.national_pension[i, slot]),
                    national_pension=int(c.national_pension[i, slot]),
                    national_pension_a=int(c.national_pension_a[i, slot]),
                ),
            )
            for slot in range(2 if c.couple[i] else 1)
        )
        vehicles = tuple(
            Vehicle(int(c.car_value[k]), age_years=int(c.car_age[k]), use=VEHICLE_USES[int(c.car_use[k])])
            for k in range(int(car_starts[i]), int(car_starts[i + 1]))
        )
        assets = Assets(int(c.housing[i]), int(c.general[i]), int(c.financial[i]), int(c.debts[i]), vehicles)
        found.append(Household(c.as_of, c.regions[int(c.region[i])], members, assets))
    return found


def synthetic_cohort(
    units: int, as_of: date, regions: Sequence[Region], book: ParameterBook, *, seed: int = 0
) -> Cohort:
    """A large cohort drawn directly as arrays (no Python object per unit), for benchmarks: one unit per
    household, a single or a couple, aimed where the rules turn as tests/rules/test_basic_pension_bulk.py
    aims: ages 60–95 (some members under 65); 국민연금 around 150/200/250% of the 기준연금액, A급여
    around 1.5 × it; incomes near the 선정기준액 (소득역전 and its floors); 주거용 재산 around the region's
    기본재산액, 금융재산 around its 공제; cars around the 고급자동차 value and age; occasional 직역연금.
    `book` is read only to aim at the lines in force at `as_of`."""
    rng = np.random.default_rng(seed)
    n, shape, at = units, (units, 2), as_of

    def won(name: str) -> int:
        return _won(book, f"basic_pension.{name}", at)

    b, deduction = won("standard_amount"), won("earned_income_deduction")
    luxury, old = won("luxury_car_value"), won("luxury_car_exempt_age")
    lines = _value(book, "basic_pension.selection_threshold", at)
    table = _value(book, "basic_pension.basic_property", at)
    assert isinstance(lines, dict) and isinstance(table, dict)

    def pick(size: tuple[int, ...], shares: Sequence[float], *options: Ints | int) -> Ints:
        """Per cell, one of `options` (arrays of `size` or constants) with the given shares."""
        draw, edges = rng.random(size), np.cumsum(shares)[:-1]
        found: Ints = np.select([draw < e for e in edges], options[:-1], options[-1]).astype(np.int64)
        return found

    def near(centre: Ints | int, spread: Ints | int, size: tuple[int, ...]) -> Ints:
        found: Ints = np.maximum(centre + rng.integers(np.negative(spread), np.add(spread, 1), size), 0)
        return found

    def upto(high: Ints | int, size: tuple[int, ...]) -> Ints:
        found: Ints = rng.integers(0, np.add(high, 1), size)
        return found

    couple = rng.random(n) < 0.45
    present = np.stack([np.ones(n, dtype=np.bool_), couple], axis=1)
    quiet = ~present | (rng.random(shape) < 0.2)  # no income at all: the full amounts and 부부감액 alone
    turns = np.array([b * 3 // 2, b * 2, b * 5 // 2], dtype=np.int64)[rng.integers(0, 3, shape)]
    around = near(turns, pick(shape, (0.3, 0.2, 0.2, 0.3), 0, 2, 50, 5_000), shape)
    pension = np.where(quiet, 0, pick(shape, (0.35, 0.45, 0.2), 0, around, upto(1_500_000, shape)))
    a_near = np.minimum(pension, near(b * 3 // 2, 5_000, shape))
    a_benefit = pick(shape, (0.25, 0.25, 0.25, 0.25), 0, upto(pension, shape), a_near, pension)
    earned = np.where(
        quiet, 0, pick(shape, (0.7, 0.1, 0.2), 0, near(deduction, 30, shape), upto(3_000_000, shape))
    )
    other = np.where(quiet, 0, pick(shape, (0.7, 0.3), 0, upto(500_000, shape)))
    # A third of the units are brought just under or over their 선정기준액 by the head's 이전소득.
    line = np.where(couple, int(lines["couple"]), int(lines["single"]))
    toward = near(line - pension.sum(axis=1) - upto(600_000, (n,)), 80_000, (n,))
    other[:, 0] += np.where(quiet[:, 0], 0, pick((n,), (0.35, 0.2, 0.45), toward, upto(1_500_000, (n,)), 0))

    region = rng.integers(0, len(regions), n)
    basic = np.array([table[city_class(r, book, at).value.value] for r in regions], dtype=np.int64)[region]
    owns = rng.random(n) >= 0.3

    def owned(shares: Sequence[float], *options: Ints | int) -> Ints:
        found: Ints = np.where(owns, pick((n,), shares, *options), 0)
        return found

    financial = near(won("financial_deduction"), 300_000, (n,))
    cars = np.where(owns, rng.choice(4, n, p=[0.55, 0.33, 0.09, 0.03]), 0)
    c = int(cars.sum())
    use_share = [0.7 if use is VehicleUse.ORDINARY else 0.1 for use in VEHICLE_USES]
    return Cohort(
        as_of=at,
        regions=tuple(regions),
        couple=couple,
        age=np.where(present, rng.integers(60, 96, shape), 0),
        earned=earned,
        other=other + pension,
        national_pension=pension,
        national_pension_a=a_benefit,
        occupational=present & (rng.random(shape) < 0.03),
        region=region,
        housing=owned((0.4, 0.6), 0, near(basic, 2_000_000, (n,))),
        general=owned((0.65, 0.35), 0, upto(150_000_000, (n,))),
        financial=owned((0.35, 0.3, 0.35), 0, financial, upto(80_000_000, (n,))),
        debts=owned((0.65, 0.35), 0, upto(120_000_000, (n,))),
        car_unit=np.repeat(np.arange(n, dtype=np.int64), cars),
        car_value=pick((c,), (0.08, 0.04, 0.88), near(luxury, 2, (c,)), luxury, upto(50_000_000, (c,))),
        car_age=pick((c,), (0.15, 0.15, 0.7), old - 1, old, upto(20, (c,))),
        car_use=rng.choice(len(VEHICLE_USES), c, p=use_share),
    )
