"""The bulk 생계급여 (domain/rules/bulk/livelihood.py) equals the single path household by household:
status, amount, 소득인정액 and 선정기준액, on 10,000 generated households per date. The generator
aims at the edges where a rounding or an order would show: incomes at the line ± a few won, ages on
the day a band starts or ends, property at 기본재산액/한도 ± 1, 금융재산 at the 생활준비금, cars at the cc
and value limits and several of one exempt kind, obligors at their lines."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from domain.rules.bulk.livelihood import (
    STATUSES,
    Cohort,
    cohort_from_households,
    households_from_cohort,
    livelihood_amounts,
    synthetic_cohort,
)
from domain.rules.household import Household
from domain.rules.household_codec import household_from_mapping
from domain.rules.parameter_book import ParameterUnavailable, load_book
from domain.rules.programs.common import Program
from domain.rules.simulate import assess
from tests.rules.regions import region_of

HOUSEHOLDS = 10_000
DATES = (date(2025, 6, 1), date(2026, 5, 1), date(2027, 3, 1))
# 서울 종로, 수원 (경기), 인천 미추홀 (class is a setting), 부산 중구, 세종, 창원 의창구 (일반구), 괴산군
SIGUNGU = ("11110", "41110", "28200", "26110", "36110", "48121", "43760")
BAND_AGES = (0, 17, 18, 19, 20, 29, 30, 34, 35, 40, 64, 65, 66, 90)
USES = ("ordinary", "livelihood", "disabled", "cargo")
Row = tuple[str, int, int, int]


def _largest_size(as_of: date) -> int:
    return 6 if as_of.year == 2027 else 10  # 2027 has no 7인 기준 중위소득 (tested apart below)


def _near(rng: random.Random, pivot: int, spread: int = 3) -> int:
    return max(0, pivot + rng.randint(-spread, spread))


def _birth(rng: random.Random, as_of: date) -> str:
    age = rng.choice(BAND_AGES) if rng.random() < 0.7 else rng.randint(0, 100)
    if rng.random() < 0.05:  # 29 February: the 만 나이 completes on 1 March in common years
        return date(2000 - 4 * rng.randint(0, 20), 2, 29).isoformat()
    try:
        birthday = as_of.replace(year=as_of.year - age)
    except ValueError:
        birthday = date(as_of.year - age, 2, 28)
    # on the birthday (the age just completed) or a day either side
    shifted = birthday + timedelta(days=rng.choice((-1, 0, 0, 1, rng.randint(-200, 200))))
    return min(shifted, as_of).isoformat()


def _income(rng: random.Random, line: int, size: int) -> dict[str, int]:
    share = line // size
    pick = rng.random()
    if pick < 0.3:
        return {}
    if pick < 0.5:  # other income at the member's share of the line, to the won
        return {rng.choice(("property", "public_transfer", "private_transfer")): _near(rng, share)}
    if pick < 0.85:  # work income whose 70% lands near the share, after one of the 선공제
        pre = rng.choice((0, 200_000, 400_000, 600_000))
        return {rng.choice(("earned", "business")): _near(rng, share * 10 // 7 + pre, 5)}
    pension = rng.randint(0, 900_000)
    return {
        "earned": rng.randint(0, 2_500_000),
        "business": rng.choice((0, rng.randint(0, 1_500_000))),
        "national_pension": pension,
        "national_pension_a": rng.randint(0, pension),
        "public_transfer": rng.choice((0, rng.randint(0, 800_000))),
    }


def _vehicle(rng: random.Random) -> dict[str, Any]:
    return {
        "value": rng.choice((_near(rng, 5_000_000, 1), rng.randint(0, 40_000_000), 0)),
        "cc": rng.choice((1999, 2000, 2001, rng.randint(0, 4000))),
        "age_years": rng.randint(0, 20),
        "use": rng.choice(USES),
    }


def _assets(rng: random.Random) -> dict[str, Any]:
    # 기본재산액 5,300만–9,900만 and 주거용 한도 1억1,200만–1억7,200만 by region: aim at every one
    pivots = (53_000_000, 77_000_000, 80_000_000, 99_000_000, 112_000_000, 146_000_000, 151_000_000)
    housing_pivots = (*pivots, 172_000_000)
    assets: dict[str, Any] = {}
    if rng.random() < 0.45:  # within 기본재산액 and 생활준비금, so that the income decides
        return {"housing": rng.randint(0, 50_000_000), "financial": rng.randint(0, 5_000_000)}
    if rng.random() < 0.6:
        assets["housing"] = rng.choice((_near(rng, rng.choice(housing_pivots)), rng.randint(0, 300_000_000)))
    if rng.random() < 0.35:
        assets["general"] = rng.choice((_near(rng, rng.choice(pivots)), rng.randint(0, 120_000_000)))
    if rng.random() < 0.6:
        assets["financial"] = rng.choice((_near(rng, 5_000_000), rng.randint(0, 40_000_000)))
    if rng.random() < 0.3:
        assets["debts"] = rng.choice((_near(rng, 20_000_000), rng.randint(0, 150_000_000)))
    if rng.random() < 0.4:
        assets["vehicles"] = [_vehicle(rng) for _ in range(rng.choice((1, 1, 2, 3, 4)))]
    return assets


def _obligors(rng: random.Random) -> list[dict[str, int]]:
    found = []
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        found.append(
            {
                "annual_income": rng.choice((_near(rng, 130_000_000, 1), rng.randint(0, 140_000_000))),
                "general_property": rng.choice((_near(rng, 1_200_000_000, 1), rng.randint(0, 1_300_000_000))),
            }
        )
    return found


def generate(seed: int, as_of: date, count: int) -> list[Household]:
    rng = random.Random(seed)
    medians: dict[int, int] = load_book().at("standard_median_income", as_of).value
    found = []
    for _ in range(count):
        size = rng.randint(1, _largest_size(as_of))
        line = medians[min(size, max(medians))] * 32 // 100  # near the 선정기준액: a target, not an oracle
        members = [
            {
                "id": f"m{k}",
                "relation": "head" if k == 0 else rng.choice(("spouse", "child", "parent", "other")),
                "birth_date": _birth(rng, as_of),
                "disability": rng.choice(("none", "none", "none", "mild", "severe")),
                "income": _income(rng, line, size),
            }
            for k in range(size)
        ]
        if sum(1 for m in members if m["relation"] == "spouse") > 1:
            for m in members[1:]:
                m["relation"] = "child" if m["relation"] == "spouse" else m["relation"]
        mapping = {
            "as_of": as_of.isoformat(),
            "sigungu_code": rng.choice(SIGUNGU),
            "members": members,
            "assets": _assets(rng),
            "obligors": _obligors(rng),
        }
        found.append(household_from_mapping(mapping, region_of))
    return found


def single_rows(households: list[Household]) -> list[Row]:
    book = load_book()
    rows = []
    for household in households:
        result = assess(Program.LIVELIHOOD, household, book)
        assert result.monthly_amount is not None and result.recognized_income is not None
        assert result.threshold is not None
        rows.append((result.status.value, result.monthly_amount, result.recognized_income, result.threshold))
    return rows


def bulk_rows(cohort: Cohort) -> list[Row]:
    status, amount, recognized, threshold = livelihood_amounts(cohort, load_book())
    return [
        (STATUSES[s].value, a, r, t)
        for s, a, r, t in zip(
            status.tolist(), amount.tolist(), recognized.tolist(), threshold.tolist(), strict=True
        )
    ]


def _differences(single: list[Row], bulk: list[Row]) -> list[str]:
    return [f"#{i}: single {s} bulk {b}" for i, (s, b) in enumerate(zip(single, bulk, strict=True)) if s != b]


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_bulk_equals_single_on_generated_households(as_of: date) -> None:
    households = generate(as_of.toordinal(), as_of, HOUSEHOLDS)
    single = single_rows(households)
    bulk = bulk_rows(cohort_from_households(households))
    assert _differences(single, bulk)[:5] == []
    # The generator must have reached the cases it is for, or equality would prove little.
    statuses = {row[0] for row in single}
    assert statuses == {"eligible", "ineligible"}
    assert any(row[0] == "eligible" and row[1] == 0 for row in single), "no household exactly at the line"
    assert any(row[0] == "ineligible" and row[2] <= row[3] for row in single), "no obligor exclusion"
    assert {h.size for h in households} == set(range(1, _largest_size(as_of) + 1))
    assert {h.region.unit.code for h in households} >= {"11110", "41110", "28200", "26110", "36110", "48120"}


@pytest.mark.parametrize("size", [7, 10])
def test_2027_large_households_are_an_error_on_both_paths(size: int) -> None:
    as_of = date(2027, 3, 1)
    members = [
        {"id": f"m{k}", "relation": "head" if k == 0 else "child", "birth_date": "1990-01-01"}
        for k in range(size)
    ]
    large = household_from_mapping(
        {"as_of": as_of.isoformat(), "sigungu_code": "11110", "members": members}, region_of
    )
    small = generate(1, as_of, 20)
    with pytest.raises(ParameterUnavailable):
        assess(Program.LIVELIHOOD, large, load_book())
    with pytest.raises(ParameterUnavailable):
        livelihood_amounts(cohort_from_households([*small, large]), load_book())


def test_synthetic_cohort_rebuilt_as_households_gives_the_same_results() -> None:
    """The benchmark checks its synthetic cohort against the single path through
    `households_from_cohort`; that rebuild must describe the same households."""
    cohort = synthetic_cohort(3_000, date(2026, 5, 1), [r for c in SIGUNGU if (r := region_of(c))], seed=7)
    households = households_from_cohort(cohort, range(len(cohort)))
    assert _differences(single_rows(households), bulk_rows(cohort)) == []
    assert bulk_rows(cohort_from_households(households)) == bulk_rows(cohort)


def test_a_cohort_has_one_date_and_a_checked_layout() -> None:
    first, second = generate(3, DATES[0], 3), generate(3, DATES[1], 3)
    with pytest.raises(ValueError, match="one as_of"):
        cohort_from_households([*first, *second])
    cohort = cohort_from_households(first)
    shuffled = Cohort(**{**_fields(cohort), "member_household": cohort.member_household[::-1].copy()})
    with pytest.raises(ValueError, match="grouped by household"):
        livelihood_amounts(shuffled, load_book())
    negative = Cohort(**{**_fields(cohort), "debts": cohort.debts - 10**6})
    with pytest.raises(ValueError, match="between 0"):
        livelihood_amounts(negative, load_book())


def test_an_empty_cohort_gives_empty_arrays() -> None:
    result = livelihood_amounts(cohort_from_households([]), load_book())
    assert all(column.shape == (0,) for column in result)


def _fields(cohort: Cohort) -> dict[str, Any]:
    return {name: getattr(cohort, name) for name in Cohort.__slots__}
