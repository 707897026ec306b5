"""What every program returns, and the context it is assessed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from domain.rules.household import Household, Member, age_in_months, age_in_years
from domain.rules.parameter_book import ParameterBook, ParameterValue
from domain.rules.trace import Trace, TraceStep


class Program(StrEnum):
    """Program codes of the 모의계산 contract, in the order results are listed."""

    LIVELIHOOD = "livelihood"
    MEDICAL = "medical"
    HOUSING = "housing"
    EDUCATION = "education"
    BASIC_PENSION = "basic_pension"
    DISABILITY_PENSION = "disability_pension"
    PARENT_BENEFIT = "parent_benefit"
    CHILD_ALLOWANCE = "child_allowance"
    CHILDCARE_FEE = "childcare_fee"
    HOME_CARE_ALLOWANCE = "home_care_allowance"
    EMERGENCY_LIVELIHOOD = "emergency_livelihood"


class Status(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NOT_APPLICABLE = "not_applicable"  # no member the program could apply to


@dataclass(frozen=True, slots=True)
class MemberResult:
    member_id: str
    status: Status
    monthly_amount: int | None = None
    annual_amount: int | None = None
    recognized_income: int | None = None
    threshold: int | None = None
    # True when the amount is a lower bound that waits on a list not yet loaded (아동수당 지역 가산).
    amount_pending_confirmation: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RepairLevel:
    level: str  # light / medium / heavy (경·중·대보수)
    limit: int
    cycle_years: int


@dataclass(frozen=True, slots=True)
class RepairInfo:
    """수선유지급여 for an owner-occupier: the support rate of the household's income band and the
    limit of each repair level (the level itself is set by LH's 주택조사, not by a simulation)."""

    support_rate_percent: int
    levels: tuple[RepairLevel, ...]


@dataclass(frozen=True, slots=True)
class SupportDuration:
    """긴급지원 기간 (긴급복지지원법 제10조): months first granted, and the most with extensions."""

    months: int
    max_months: int


@dataclass(frozen=True, slots=True)
class ProgramResult:
    program: Program
    status: Status
    monthly_amount: int | None
    recognized_income: int | None
    threshold: int | None
    members: tuple[MemberResult, ...]
    trace: tuple[TraceStep, ...]
    grade: int | None = None  # 의료급여 1종/2종
    annual_amount: int | None = None  # 교육급여: 교육활동지원비 total
    repair: RepairInfo | None = None  # 주거급여, owners
    duration: SupportDuration | None = None  # 긴급복지


@dataclass(slots=True)
class Context:
    """A household assessed on its `as_of` date against one parameter book. Results shared by several
    programs (the 기초생활 소득인정액) are computed once and kept in `memo`."""

    household: Household
    book: ParameterBook
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def as_of(self) -> date:
        return self.household.as_of

    def at(self, name: str) -> ParameterValue:
        return self.book.at(name, self.household.as_of)

    def age(self, member: Member) -> int:
        return age_in_years(member.birth_date, self.household.as_of)

    def months(self, member: Member) -> int:
        return age_in_months(member.birth_date, self.household.as_of)


def use(trace: Trace, ctx: Context, name: str, *keys: str | int) -> Any:
    """Looks a parameter up on the context's date, records it in the trace and returns its value; with
    `keys`, the entry of a table (급지 "1", then 가구원수 3…) is what is recorded and returned."""
    parameter = ctx.at(name)
    value = parameter.value
    label = parameter.label
    for key in keys:
        value = value[key]
    if keys:
        label = f"{label} [{' · '.join(str(k) for k in keys)}]"
    trace.parameter(label, _show(value), parameter)
    return value


def percent(rate: Fraction) -> str:
    """A rate as Korean readers write it: 0.0417 → "4.17%"."""
    exact = Decimal(rate.numerator) / Decimal(rate.denominator) * 100
    return f"{exact.normalize():f}%"


def _show(value: Any) -> int | str:
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return percent(value)
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)
