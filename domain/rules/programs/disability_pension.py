"""Placeholder until the program lands (being written now)."""

from domain.rules.programs.common import Context, ProgramResult


def assess_disability_pension(ctx: Context) -> ProgramResult:
    raise NotImplementedError
