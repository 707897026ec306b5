"""Placeholder until the programs land (being written now)."""

from domain.rules.programs.common import Context, ProgramResult


def assess_parent_benefit(ctx: Context) -> ProgramResult:
    raise NotImplementedError


def assess_child_allowance(ctx: Context) -> ProgramResult:
    raise NotImplementedError


def assess_childcare_fee(ctx: Context) -> ProgramResult:
    raise NotImplementedError


def assess_home_care_allowance(ctx: Context) -> ProgramResult:
    raise NotImplementedError
