"""Synthetic residents: valid-format 주민등록번호 consistent with birth date and sex, names of their
generation, and bank accounts. Pure functions of a `random.Random`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from api.synthetic.names import given_name, surname
from domain.identity.rrn import Sex, seventh_digit
from domain.payments.banks import BANKS
from domain.rules.household import Childcare, Disability, Income, Relation, School

# The old weighted check digit (주민등록번호 13th digit): numbers issued since 2020-10 need not carry it,
# but every number here does, so it passes both the old and the current checks.
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
# Banks beneficiaries are paid into, the big ones most often (a caseload, not a market share).
_BANK_NAMES = tuple(b.name for b in BANKS)
_BANK_WEIGHTS = tuple(
    12 if b.code in ("004", "011", "020", "088", "081") else 6 if b.code in ("071", "012", "003") else 1
    for b in BANKS
)


def check_digit(first12: str) -> str:
    total = sum(int(d) * w for d, w in zip(first12, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def resident_number(rng: random.Random, birth: date, sex: Sex) -> str:
    """13 digits: YYMMDD, the century/sex digit, a 4-digit region block and serial, the check digit."""
    front = f"{birth:%y%m%d}{seventh_digit(birth, sex, False)}{int(rng.random() * 100000):05d}"
    return front + check_digit(front)


def birth_for_age(rng: random.Random, as_of: date, age: int) -> date:
    """A birth date with 만 `age` on `as_of`."""
    latest = as_of.replace(year=as_of.year - age)
    return latest - timedelta(days=int(rng.random() * 365))


@dataclass(slots=True)
class PlannedPerson:
    id_bits: int  # 128 random bits for the row id
    key: str  # member key in the household mapping: m1, m2 …
    relation: Relation
    name: str
    rrn: str
    birth_date: date
    sex: Sex
    disability: Disability = Disability.NONE
    income: Income = field(default_factory=Income)
    school: School = School.NONE
    childcare: Childcare = Childcare.NONE
    bank: tuple[str, str] | None = None  # (bank name, account digits)


def bank_account(rng: random.Random) -> tuple[str, str]:
    name = rng.choices(_BANK_NAMES, weights=_BANK_WEIGHTS)[0]
    length = rng.choice((11, 12, 13, 14))
    digits = f"{int(rng.random() * 10**length):0{length}d}"
    return name, digits


def person(
    rng: random.Random,
    key: str,
    relation: Relation,
    birth: date,
    sex: Sex,
    family_name: str | None = None,
) -> PlannedPerson:
    name = (family_name or surname(rng)) + given_name(rng, birth.year, sex.value)
    return PlannedPerson(
        rng.getrandbits(128), key, relation, name, resident_number(rng, birth, sex), birth, sex
    )


def other_sex(sex: Sex) -> Sex:
    return Sex.FEMALE if sex is Sex.MALE else Sex.MALE


def random_sex(rng: random.Random) -> Sex:
    return Sex.MALE if rng.random() < 0.5 else Sex.FEMALE


def surname_of(rng: random.Random) -> str:
    return surname(rng)
