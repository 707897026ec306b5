"""Differential test: the vectorised 기초연금 (domain/rules/bulk/basic_pension.py) equals the single path
(`assess(Program.BASIC_PENSION, …)`) for every member of 10,000 generated households, exactly.

The generator aims at the places the rules turn: singles, couples, a spouse under 65, two `parent`
members; 국민연금 around 150/200/250% of the 기준연금액 with A급여 around 1.5 × 기준연금액; incomes near
the 선정기준액 (so 소득역전 and its floors bite); assets around the 기본재산액 and the 금융재산 공제;
cars around 4,000만원 and 10 years; 직역연금; three dates (2025 values, 2026, carried into 2027)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import numpy as np
import pytest

from domain.rules.bulk.basic_pension import basic_pension_amounts, cohort_from_households
from domain.rules.household import Assets, Household, Income, Member, Relation, Vehicle, VehicleUse
from domain.rules.parameter_book import load_book
from domain.rules.programs.common import Program, Status
from domain.rules.simulate import assess
from tests.rules.regions import regions

SEED = 20260501
HOUSEHOLDS = 10_000
DATES = (date(2025, 12, 31), date(2026, 5, 1), date(2027, 1, 1))
REGION_CODES = ("11110", "26710", "36110", "41111", "41190", "43720", "28710", "48120")


class Generator:
    def __init__(self, rng: random.Random, as_of: date) -> None:
        book = load_book()
        self.rng = rng
        self.as_of = as_of
        self.b = book.at("basic_pension.standard_amount", as_of).value
        self.lines = book.at("basic_pension.selection_threshold", as_of).value
        self.deduction = book.at("basic_pension.earned_income_deduction", as_of).value
        self.serial = 0

    def near(self, centre: int, spread: int) -> int:
        return max(0, centre + self.rng.randint(-spread, spread))

    def pension(self) -> tuple[int, int]:
        r, b = self.rng, self.b
        kind = r.random()
        if kind < 0.35:
            return 0, 0
        if kind < 0.8:
            amount = self.near(r.choice((b * 3 // 2, b * 2, b * 5 // 2)), r.choice((0, 2, 50, 5_000)))
        else:
            amount = r.randint(0, 1_500_000)
        a = r.choice((0, r.randint(0, amount), min(amount, self.near(b * 3 // 2, 5_000)), amount))
        return amount, a

    def income(self, line: int) -> Income:
        r = self.rng
        national, a = self.pension()
        earned = r.choice((0, 0, 0, self.near(self.deduction, 30), r.randint(0, 6_000_000)))
        transfer = 0
        if r.random() < 0.35:  # aim the unit near its 선정기준액
            transfer = self.near(line - national - r.randint(0, 600_000), 80_000)
        elif r.random() < 0.3:
            transfer = r.randint(0, 1_500_000)
        return Income(
            earned=earned,
            business=r.choice((0, 0, 0, r.randint(0, 800_000))),
            property=r.choice((0, 0, 0, r.randint(0, 300_000))),
            public_transfer=transfer,
            private_transfer=r.choice((0, 0, 0, r.randint(0, 500_000))),
            national_pension=national,
            national_pension_a=a,
        )

    def member(self, relation: Relation, low: int, high: int, line: int) -> Member:
        r = self.rng
        self.serial += 1
        age = r.randint(low, high)
        birth = date(self.as_of.year - age, r.randint(1, 12), r.randint(1, 28))
        quiet = r.random() < 0.2  # no income at all: the full amounts and the 부부감액 alone
        return Member(
            id=f"m{self.serial}",
            relation=relation,
            birth_date=birth,
            occupational_pension=r.random() < 0.05,
            income=Income() if quiet else self.income(line),
        )

    def assets(self) -> Assets:
        r = self.rng
        if r.random() < 0.3:
            return Assets()
        vehicles = tuple(
            Vehicle(
                value=r.choice((self.near(40_000_000, 2), r.randint(0, 60_000_000), 40_000_000)),
                cc=r.randint(800, 3500),
                age_years=r.choice((9, 10, r.randint(0, 20))),
                use=r.choice(tuple(VehicleUse)),
            )
            for _ in range(r.choice((0, 0, 1, 1, 2, 3)))
        )
        return Assets(
            housing=r.choice((0, self.near(r.choice((72_500_000, 85_000_000, 135_000_000)), 2_000_000))),
            general=r.choice((0, 0, r.randint(0, 150_000_000))),
            financial=r.choice((0, self.near(20_000_000, 300_000), r.randint(0, 80_000_000))),
            debts=r.choice((0, 0, r.randint(0, 120_000_000))),
            vehicles=vehicles,
        )

    def household(self) -> Household:
        r = self.rng
        single, couple = self.lines["single"], self.lines["couple"]
        shape = r.choice(("single", "couple", "couple", "young_spouse", "parents", "parent", "both"))
        if shape == "single":
            members = [self.member(Relation.HEAD, 60, 100, single)]
        elif shape in {"couple", "both"}:
            members = [
                self.member(Relation.HEAD, 63, 95, couple),
                self.member(Relation.SPOUSE, 63, 95, couple),
            ]
        elif shape == "young_spouse":
            members = [
                self.member(Relation.HEAD, 65, 90, couple),
                self.member(Relation.SPOUSE, 50, 64, couple),
            ]
        else:
            members = [self.member(Relation.HEAD, 30, 60, single)]
        if shape in {"parents", "both"}:
            members += [self.member(Relation.PARENT, 60, 100, couple) for _ in range(2)]
        if shape == "parent":
            members.append(self.member(Relation.PARENT, 64, 100, single))
        if r.random() < 0.2:
            members.append(self.member(r.choice((Relation.CHILD, Relation.OTHER)), 10, 70, single))
        region = regions()[r.choice(REGION_CODES)]
        return Household(self.as_of, region, tuple(members), self.assets())


def _households() -> list[Household]:
    rng = random.Random(SEED)
    generators = [Generator(rng, as_of) for as_of in DATES]
    return [generators[i % len(DATES)].household() for i in range(HOUSEHOLDS)]


def test_bulk_equals_the_single_path_for_every_member() -> None:
    book = load_book()
    households = _households()
    seen: Counter[str] = Counter()
    problems: list[str] = []
    for as_of in DATES:
        group = [h for h in households if h.as_of == as_of]
        cohort, rows = cohort_from_households(group)
        bulk = basic_pension_amounts(cohort, book)
        single = [{m.member_id: m for m in assess(Program.BASIC_PENSION, h, book).members} for h in group]
        compared = 0
        for row, (index, member_ids) in enumerate(rows):
            for slot, member_id in enumerate(member_ids):
                expected = single[index].get(member_id)
                got = (bool(bulk.eligible[row, slot]), int(bulk.amount[row, slot]))
                if expected is None:  # under 65: not assessed, never paid
                    if got != (False, 0):
                        problems.append(f"{as_of} {member_id}: under 65 but bulk {got}")
                    continue
                compared += 1
                want = (expected.status is Status.ELIGIBLE, expected.monthly_amount)
                unit = (int(bulk.recognized_income[row]), int(bulk.threshold[row]))
                if got != want or unit != (expected.recognized_income, expected.threshold):
                    problems.append(f"{as_of} {member_id}: single {want} {expected} bulk {got} {unit}")
                seen[_category(expected.monthly_amount or 0, expected.status)] += 1
            paid = bulk.amount[row]
            if bulk.eligible[row].all() and paid[0] != paid[1]:
                seen["unequal couple"] += 1
        assert compared == sum(len(s) for s in single)
    assert not problems, f"{len(problems)} mismatches, first: " + "\n".join(problems[:10])
    # The generator must reach every branch it aims at.
    for category in ("ineligible", "full single", "full couple", "floor", "reduced", "unequal couple"):
        assert seen[category] >= 50, seen


def _category(amount: int, status: Status) -> str:
    if status is not Status.ELIGIBLE:
        return "ineligible"
    if amount in {349_700, 342_510}:
        return "full single"
    if amount in {279_760, 274_000}:
        return "full couple"
    if amount in {34_970, 34_250}:
        return "floor"
    return "reduced"


def test_cohort_rows_and_columns() -> None:
    """The column layout: one row per unit, the head's unit carrying the assets and cars."""
    households = _households()[:30]
    group = [h for h in households if h.as_of == DATES[0]]
    cohort, rows = cohort_from_households(group)
    assert len(cohort) == len(rows)
    assert cohort.age.shape == (len(rows), 2)
    assert np.all(cohort.car_unit[:-1] <= cohort.car_unit[1:])
    with pytest.raises(ValueError, match="one as_of"):
        cohort_from_households(households[:2])
