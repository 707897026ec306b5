"""Synthetic households: who lives together, what they earn and own, how they are housed, and when
they applied. Incomes are monthly and rounded to 10,000원 and assets to 1,000,000원 (declared figures
usually are), which also lets the rules engine's results be shared between equal households.

Shares (how many are elderly, poor, disabled …) are rough pictures of a 시군구 caseload chosen so that
every program meets many cases; none is a statistic the product relies on."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from api.synthetic.names import street_address
from api.synthetic.people import (
    PlannedPerson,
    bank_account,
    birth_for_age,
    other_sex,
    person,
    random_sex,
    surname_of,
)
from domain.identity.rrn import Sex
from domain.rules.household import (
    Assets,
    Childcare,
    Disability,
    Housing,
    Income,
    Relation,
    School,
    Tenure,
)
from domain.rules.regions import Region

KINDS: tuple[tuple[str, float], ...] = (
    ("elderly_single", 0.17),
    ("elderly_couple", 0.14),
    ("family", 0.22),
    ("single_parent", 0.04),
    ("single", 0.23),
    ("couple", 0.13),
    ("three_generation", 0.07),
)
_KIND_NAMES = tuple(k for k, _ in KINDS)
_KIND_WEIGHTS = tuple(w for _, w in KINDS)
LOW_INCOME_SHARE = {"elderly_single": 0.32, "single_parent": 0.4, "single": 0.14}
DEFAULT_LOW_INCOME_SHARE = 0.07
# Applications from December 2024 to October 2026: decided as of the first of the following month.
FIRST_MONTH = date(2024, 12, 1)
MONTHS = 23
# The 영유아·아동 programs' 2026 figures hold for 2026 only (parameters/child.yaml): a household with a
# young child applied in 2026 (or in December 2025, assessed as of 2026-01-01).
CHILD_FIRST_MONTH = date(2025, 12, 1)
CHILD_MONTHS = 11


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(slots=True)
class PlannedHousehold:
    id_bits: int
    region: Region
    address: str
    members: list[PlannedPerson]
    assets: Assets
    housing: Housing
    applied_on: date
    as_of: date  # the 조사 기준일: the first of the month after the 신청
    kind: str
    low_income: bool

    @property
    def head(self) -> PlannedPerson:
        return self.members[0]


@dataclass(frozen=True, slots=True)
class Shape:
    """What a caller needs the household to be (for `entitlements_only`): None leaves it to chance."""

    kind: str | None = None
    low_income: bool | None = None
    severe_adult: bool = False
    youngest_child_age: tuple[int, int] | None = None  # inclusive range of 만 나이
    no_childcare: bool = False
    single_only: bool = False


def _grid(rng: random.Random, low: int, high: int, step: int) -> int:
    first, last = low // step, high // step
    return (first + int(rng.random() * (last - first + 1))) * step


def _adult_income(rng: random.Random, age: int, low: bool) -> Income:
    if age >= 65:
        pension = 0 if rng.random() < 0.45 else _grid(rng, 200_000, 1_200_000 if not low else 400_000, 10_000)
        earned = 0 if rng.random() < (0.95 if low else 0.82) else _grid(rng, 300_000, 1_500_000, 10_000)
        pension_a = (pension // 20_000) * 10_000
        return Income(earned=earned, national_pension=pension, national_pension_a=pension_a)
    if low:
        earned = 0 if rng.random() < 0.55 else _grid(rng, 100_000, 800_000, 10_000)
        return Income(earned=earned, private_transfer=0 if rng.random() < 0.8 else 100_000)
    if rng.random() < 0.2:
        return Income()
    if rng.random() < 0.15:
        return Income(business=_grid(rng, 1_000_000, 6_000_000, 10_000))
    return Income(earned=_grid(rng, 1_800_000, 6_500_000, 10_000))


def _disability(rng: random.Random, age: int) -> Disability:
    roll = rng.random()
    share = 0.01 if age < 18 else 0.06 if age < 65 else 0.1
    if roll >= share:
        return Disability.NONE
    return Disability.SEVERE if rng.random() < 0.35 else Disability.MILD


def _school(age: int) -> School:
    if 7 <= age <= 12:
        return School.ELEMENTARY
    if 13 <= age <= 15:
        return School.MIDDLE
    if 16 <= age <= 18:
        return School.HIGH
    return School.NONE


def _childcare(rng: random.Random, age: int, shape: Shape) -> Childcare:
    if age < 1 or age > 5 or shape.no_childcare:
        return Childcare.NONE
    roll = rng.random()
    if roll < 0.55:
        return Childcare.DAYCARE
    if roll < 0.7 and age >= 3:
        return Childcare.KINDERGARTEN
    return Childcare.NONE


def _assets_and_housing(rng: random.Random, kind: str, low: bool) -> tuple[Assets, Housing]:
    elderly = kind.startswith("elderly")
    own_share = 0.12 if low else (0.7 if elderly else 0.55)
    roll = rng.random()
    financial = _grid(rng, 0, 5_000_000 if low else 60_000_000, 1_000_000)
    debts = (
        0 if rng.random() < 0.7 else _grid(rng, 1_000_000, 30_000_000 if not low else 5_000_000, 1_000_000)
    )
    if roll < own_share:
        value = _grid(rng, 30_000_000, 120_000_000 if low else 700_000_000, 1_000_000)
        return Assets(housing=value, financial=financial, debts=debts), Housing(Tenure.OWN)
    if roll < own_share + (0.1 if low else 0.05):
        return Assets(financial=financial, debts=debts), Housing(Tenure.FREE)
    deposit = _grid(rng, 0, 20_000_000 if low else 200_000_000, 1_000_000)
    rent = _grid(rng, 150_000, 450_000 if low else 1_200_000, 10_000)
    return (
        Assets(housing=deposit, financial=financial, debts=debts),
        Housing(Tenure.RENT, monthly_rent=rent, deposit=deposit),
    )


def plan_household(rng: random.Random, region: Region, shape: Shape = Shape()) -> PlannedHousehold:
    kind = shape.kind or rng.choices(_KIND_NAMES, weights=_KIND_WEIGHTS)[0]
    if shape.single_only and kind == "elderly_couple":
        kind = "elderly_single"
    low = (
        shape.low_income
        if shape.low_income is not None
        else rng.random() < LOW_INCOME_SHARE.get(kind, DEFAULT_LOW_INCOME_SHARE)
    )
    with_children = kind in ("family", "single_parent", "three_generation")
    if with_children:
        applied_month = add_months(CHILD_FIRST_MONTH, rng.randrange(CHILD_MONTHS))
    else:
        applied_month = add_months(FIRST_MONTH, rng.randrange(MONTHS))
    applied_on = applied_month.replace(day=rng.randint(1, 28))
    as_of = add_months(applied_month, 1)
    ages = _ages(rng, kind, shape)
    family = surname_of(rng)
    members: list[PlannedPerson] = []
    head_sex = random_sex(rng)
    for index, (relation, age) in enumerate(ages):
        if relation is Relation.HEAD:
            sex = head_sex
        elif relation is Relation.SPOUSE:
            sex = other_sex(head_sex)
        else:
            sex = random_sex(rng)
        # Children carry the head's surname; a spouse or a parent has their own.
        surname = family if relation in (Relation.HEAD, Relation.CHILD, Relation.GRANDCHILD) else None
        # A baby was born before the 신청 was made for it.
        born = (
            applied_on - timedelta(days=rng.randrange(1, 300)) if age == 0 else birth_for_age(rng, as_of, age)
        )
        p = person(rng, f"m{index + 1}", relation, born, sex, surname)
        p.disability = _disability(rng, age)
        if shape.severe_adult and relation is Relation.HEAD:
            p.disability = Disability.SEVERE
        if age >= 19:
            # Few 중증장애인 of working age earn much (the caseload 장애인연금 is for).
            poor = low or (p.disability is Disability.SEVERE and age < 65 and rng.random() < 0.6)
            p.income = _adult_income(rng, age, poor)
            if rng.random() < 0.88:
                p.bank = bank_account(rng)
        else:
            p.school = _school(age)
            p.childcare = _childcare(rng, age, shape)
        members.append(p)
    if members[0].bank is None:  # the head is the payee of every child's benefit
        members[0].bank = bank_account(rng)
    assets, housing = _assets_and_housing(rng, kind, low)
    return PlannedHousehold(
        rng.getrandbits(128),
        region,
        street_address(rng),
        members,
        assets,
        housing,
        applied_on,
        as_of,
        kind,
        low,
    )


def _children(rng: random.Random, parent_age: int, shape: Shape) -> list[int]:
    count = rng.choices((1, 2, 3), weights=(45, 45, 10))[0]
    oldest = rng.randint(0, max(0, min(17, parent_age - 22)))
    ages = [oldest]
    for _ in range(count - 1):
        ages.append(max(0, ages[-1] - rng.randint(1, 5)))
    if shape.youngest_child_age is not None:
        low, high = shape.youngest_child_age
        ages[-1] = rng.randint(low, high)
        ages = [max(a, ages[-1]) for a in ages]
    return sorted(set(ages), reverse=True)


def _ages(rng: random.Random, kind: str, shape: Shape) -> list[tuple[Relation, int]]:
    if kind == "elderly_single":
        return [(Relation.HEAD, rng.randint(65, 95))]
    if kind == "elderly_couple":
        head = rng.randint(66, 92)
        return [(Relation.HEAD, head), (Relation.SPOUSE, max(60, head + rng.randint(-6, 3)))]
    if kind == "single":
        return [(Relation.HEAD, rng.randint(20, 64))]
    if kind == "couple":
        head = rng.randint(25, 64)
        return [(Relation.HEAD, head), (Relation.SPOUSE, max(20, head + rng.randint(-5, 3)))]
    parent = rng.randint(27, 50)
    if shape.youngest_child_age is not None:
        parent = rng.randint(27, 42)
    people: list[tuple[Relation, int]] = [(Relation.HEAD, parent)]
    if kind != "single_parent":
        people.append((Relation.SPOUSE, max(22, parent + rng.randint(-4, 3))))
    people.extend((Relation.CHILD, age) for age in _children(rng, parent, shape))
    if kind == "three_generation":
        people.append((Relation.PARENT, rng.randint(max(65, parent + 22), max(66, min(95, parent + 35)))))
    return people


def sex_of(p: PlannedPerson) -> str:
    return "M" if p.sex is Sex.MALE else "F"
