"""모의계산: every program assessed independently from the same household (shared/contracts/
simulation.md). No program's result feeds another's income; the caller enters benefits already
received as income."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.rules.household import Household
from domain.rules.parameter_book import ParameterBook, load_book
from domain.rules.programs.basic_pension import assess_basic_pension
from domain.rules.programs.child import (
    assess_child_allowance,
    assess_childcare_fee,
    assess_home_care_allowance,
    assess_parent_benefit,
)
from domain.rules.programs.common import Context, Program, ProgramResult
from domain.rules.programs.disability_pension import assess_disability_pension
from domain.rules.programs.education import assess_education
from domain.rules.programs.emergency import assess_emergency_livelihood
from domain.rules.programs.housing import assess_housing
from domain.rules.programs.livelihood import assess_livelihood, assess_medical
from domain.rules.programs.median import median_income

ASSESSORS: dict[Program, Callable[[Context], ProgramResult]] = {
    Program.LIVELIHOOD: assess_livelihood,
    Program.MEDICAL: assess_medical,
    Program.HOUSING: assess_housing,
    Program.EDUCATION: assess_education,
    Program.BASIC_PENSION: assess_basic_pension,
    Program.DISABILITY_PENSION: assess_disability_pension,
    Program.PARENT_BENEFIT: assess_parent_benefit,
    Program.CHILD_ALLOWANCE: assess_child_allowance,
    Program.CHILDCARE_FEE: assess_childcare_fee,
    Program.HOME_CARE_ALLOWANCE: assess_home_care_allowance,
    Program.EMERGENCY_LIVELIHOOD: assess_emergency_livelihood,
}


@dataclass(frozen=True, slots=True)
class SimulationResult:
    as_of: date
    household_size: int
    standard_median_income: int
    results: tuple[ProgramResult, ...]


def simulate(household: Household, book: ParameterBook | None = None) -> SimulationResult:
    """One result per program, in contract order. A parameter not in force on `as_of` raises
    ParameterUnavailable (an error, never a zero)."""
    ctx = Context(household, book or load_book())
    results = tuple(ASSESSORS[program](ctx) for program in Program)
    return SimulationResult(household.as_of, household.size, median_income(ctx, household.size), results)


def assess(program: Program, household: Household, book: ParameterBook | None = None) -> ProgramResult:
    """One program alone (decisions, bulk cross-checks)."""
    return ASSESSORS[program](Context(household, book or load_book()))
