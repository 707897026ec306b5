"""The rule parameters in force on a date, for officials and auditors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from api.rules.schemas import ParameterRead, ParametersRead
from domain.rules.parameter_book import load_book


def _plain(value: Any) -> Any:
    """JSON-friendly: exact decimal strings for rates, sorted lists for code sets."""
    if isinstance(value, Fraction):
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def parameters_in_force(as_of: date) -> ParametersRead:
    book = load_book()
    values = sorted(book.in_force(as_of), key=lambda v: v.name)
    return ParametersRead(
        as_of=as_of,
        parameters=[
            ParameterRead(
                name=v.name,
                program=book.parameter(v.name).program,
                label=v.label,
                unit=v.unit,
                value=_plain(v.value),
                effective_from=v.effective_from,
                effective_to=v.effective_to,
                reference=v.reference,
                source=v.source,
                uncertain=v.uncertain,
            )
            for v in values
        ],
    )
