"""The benchmark's 기초연금 cohort (`synthetic_cohort` in domain/rules/bulk/basic_pension_synthetic.py),
rebuilt as households by `households_from_cohort`, gives every member the same result on the single
path as the bulk path gives its row: bench/rules_throughput.py claims exactly this on its first
units, so the claim is tested here on its own generator, and the generator is held to the spread it
promises."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest

from domain.rules.bulk.basic_pension import basic_pension_amounts, cohort_from_households
from domain.rules.bulk.basic_pension_synthetic import households_from_cohort, synthetic_cohort
from domain.rules.parameter_book import load_book
from domain.rules.programs.common import Program, Status
from domain.rules.regions import Region
from domain.rules.simulate import assess
from tests.rules.regions import region_of

UNITS = 3_000
SIGUNGU = ("11110", "41110", "28200", "26110", "36110", "48121", "43760")  # the benchmark's 시군구


def _regions() -> list[Region]:
    return [r for code in SIGUNGU if (r := region_of(code)) is not None]


@pytest.mark.parametrize("as_of", [date(2026, 5, 1), date(2025, 12, 31)])
def test_synthetic_units_agree_on_both_paths_for_every_member(as_of: date) -> None:
    book = load_book()
    cohort = synthetic_cohort(UNITS, as_of, _regions(), book, seed=2026)
    bulk = basic_pension_amounts(cohort, book)
    seen: Counter[str] = Counter()
    problems: list[str] = []
    for row, household in enumerate(households_from_cohort(cohort, range(UNITS))):
        single = {m.member_id: m for m in assess(Program.BASIC_PENSION, household, book).members}
        for slot, member in enumerate(household.members):
            got = (bool(bulk.eligible[row, slot]), int(bulk.amount[row, slot]))
            expected = single.get(member.id)
            if expected is None:  # under 65: not assessed, never paid
                seen["under 65"] += 1
                if got != (False, 0):
                    problems.append(f"unit {row} {member.id}: under 65 but bulk {got}")
                continue
            want = (expected.status is Status.ELIGIBLE, expected.monthly_amount)
            unit = (int(bulk.recognized_income[row]), int(bulk.threshold[row]))
            if got != want or unit != (expected.recognized_income, expected.threshold):
                problems.append(f"unit {row} {member.id}: single {want} {expected} bulk {got} {unit}")
            seen[_category(expected.monthly_amount or 0, expected.status, int(bulk.threshold[row]))] += 1
    assert not problems, f"{len(problems)} mismatches, first: " + "\n".join(problems[:10])
    # The spread the benchmark relies on: every branch is reached, none swamps the rest.
    for category in ("under 65", "ineligible", "full", "reduced", "floor"):
        assert seen[category] >= 30, seen
    assert seen["ineligible"] < 0.8 * sum(seen.values()), seen


def _category(amount: int, status: Status, threshold: int) -> str:
    if status is not Status.ELIGIBLE:
        return "ineligible"
    if amount in {349_700, 342_510, 279_760, 274_000}:  # 기준연금액, alone or with the 부부감액
        return "full"
    if amount in {34_970, 34_250}:  # the 소득역전 floor, 10% of the 기준연금액
        return "floor"
    return "reduced"


def test_synthetic_cohort_shape_and_round_trip() -> None:
    """Singles and couples, ages 60–95, luxury cars and 직역연금 present; and the rebuilt households
    turn back into the same columns (so a household is the unit it was drawn as)."""
    book = load_book()
    as_of = date(2026, 5, 1)
    cohort = synthetic_cohort(UNITS, as_of, _regions(), book, seed=7)
    assert 0.3 < cohort.couple.mean() < 0.6
    ages = cohort.age[:, 0]
    assert ages.min() == 60 and ages.max() == 95 and np.all(cohort.age[~cohort.couple, 1] == 0)
    assert cohort.occupational.any() and np.all(cohort.national_pension_a <= cohort.national_pension)
    assert np.count_nonzero(cohort.car_value >= 40_000_000) > 0
    again, rows = cohort_from_households(households_from_cohort(cohort, range(UNITS)))
    assert [r.household for r in rows] == list(range(UNITS))
    people = ("couple", "age", "earned", "other", "national_pension", "national_pension_a", "occupational")
    units = ("housing", "general", "financial", "debts", "car_unit", "car_value", "car_age", "car_use")
    for name in people + units:
        assert np.array_equal(getattr(again, name), getattr(cohort, name)), name
    # Region indices follow first appearance in a rebuilt cohort, so compare the regions themselves.
    assert [again.regions[i] for i in again.region] == [cohort.regions[i] for i in cohort.region]
    assert synthetic_cohort(UNITS, as_of, _regions(), book, seed=7).earned.tolist() == cohort.earned.tolist()
