"""The household a simulation or a decision is about, in the terms of the 모의계산 contract
(shared/contracts/simulation.md): members with their monthly incomes, the household's assets, its
dwelling, its 부양의무자 and its 위기사유. Frozen values; `household_from_mapping` builds one from the
contract's JSON shape and says which field is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.rules.regions import Region


class Relation(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


class Disability(StrEnum):
    NONE = "none"
    MILD = "mild"
    SEVERE = "severe"  # 중증


class School(StrEnum):
    NONE = "none"
    ELEMENTARY = "elementary"
    MIDDLE = "middle"
    HIGH = "high"


class Childcare(StrEnum):
    NONE = "none"
    DAYCARE = "daycare"  # 어린이집
    KINDERGARTEN = "kindergarten"  # 유치원
    SITTER = "sitter"  # 종일제 아이돌봄


class VehicleUse(StrEnum):
    ORDINARY = "ordinary"
    LIVELIHOOD = "livelihood"  # 생업용
    DISABLED = "disabled"  # 장애인 사용
    CARGO = "cargo"  # 화물·특수


class Tenure(StrEnum):
    RENT = "rent"
    OWN = "own"
    FREE = "free"
    NONE = "none"


class CrisisReason(StrEnum):
    """긴급복지지원법 제2조 위기사유."""

    INCOME_LOSS = "income_loss"
    ILLNESS = "illness"
    NEGLECT_ABUSE = "neglect_abuse"
    DOMESTIC_VIOLENCE = "domestic_violence"
    FIRE_DISASTER = "fire_disaster"
    BUSINESS_CLOSURE = "business_closure"
    UNEMPLOYMENT = "unemployment"
    OTHER_NOTIFIED = "other_notified"


@dataclass(frozen=True, slots=True)
class Income:
    """Monthly income in won. `national_pension_a` is the A급여 part of `national_pension`, not extra."""

    earned: int = 0
    business: int = 0
    property: int = 0
    public_transfer: int = 0
    private_transfer: int = 0
    national_pension: int = 0
    national_pension_a: int = 0

    # Methods, not properties: the field `property` (재산소득) shadows the builtin in this class body.
    def earned_and_business(self) -> int:
        return self.earned + self.business

    def other_than_work(self) -> int:
        return self.property + self.public_transfer + self.private_transfer + self.national_pension


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    relation: Relation
    birth_date: date
    disability: Disability = Disability.NONE
    school: School = School.NONE
    childcare: Childcare = Childcare.NONE
    occupational_pension: bool = False
    income: Income = Income()


@dataclass(frozen=True, slots=True)
class Vehicle:
    value: int
    cc: int = 0
    age_years: int = 0
    use: VehicleUse = VehicleUse.ORDINARY


@dataclass(frozen=True, slots=True)
class Assets:
    housing: int = 0  # 주거용 재산 (own dwelling, or the deposit of the rented one)
    general: int = 0
    financial: int = 0
    debts: int = 0
    vehicles: tuple[Vehicle, ...] = ()


@dataclass(frozen=True, slots=True)
class Housing:
    tenure: Tenure = Tenure.NONE
    monthly_rent: int = 0
    deposit: int = 0


@dataclass(frozen=True, slots=True)
class Obligor:
    """A 부양의무자 household living apart: its annual income and 일반재산."""

    annual_income: int = 0
    general_property: int = 0


@dataclass(frozen=True, slots=True)
class Household:
    as_of: date
    region: Region
    members: tuple[Member, ...]
    assets: Assets = Assets()
    housing: Housing = Housing()
    obligors: tuple[Obligor, ...] = ()
    crisis_reasons: tuple[CrisisReason, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def head(self) -> Member:
        return next(m for m in self.members if m.relation is Relation.HEAD)


def age_in_years(birth: date, on: date) -> int:
    """만 나이: full years completed on `on`. A 29 February birthday completes on 1 March."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def age_in_months(birth: date, on: date) -> int:
    """Full months completed on `on` (a month completes on the same day number, or on the last day
    of a shorter month)."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day and not _is_last_day(on):
        months -= 1
    return months


def _is_last_day(d: date) -> bool:
    return date.fromordinal(d.toordinal() + 1).day == 1
