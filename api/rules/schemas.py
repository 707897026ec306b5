from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class ParameterRead(BaseModel):
    name: str = Field(description="e.g. livelihood.selection_rate")
    program: str
    label: str
    unit: str = Field(
        description="won, rate (decimal string), years, months, count, text, flag, codes; _table = mapping"
    )
    value: Any = Field(description="the value in force; rates as exact decimal strings, tables as objects")
    effective_from: date
    effective_to: date | None = Field(description="explicit end of the value, if any; else until replaced")
    reference: str = Field(description="legal basis (법·시행령·고시 조항)")
    source: str = Field(description="where the figure was taken from")
    uncertain: str | None = Field(description="why the value is not settled, when it is not")


class ParametersRead(BaseModel):
    as_of: date
    parameters: list[ParameterRead]
