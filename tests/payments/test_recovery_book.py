"""The recovery parameters (domain/rules/parameters/recovery.yaml) and the parameter book's `pending`
entries: a figure the law defines but nobody has published or registered yet (the fraud interest
rate) is never computed with — a lookup says, in Korean, that it has not been registered.

`book_with_rates` is the test book the other recovery tests use: the shipped book with test interest
rates registered, as an operator would register each year's published rate."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from domain.rules.parameter_book import (
    ParameterBook,
    ParameterUnavailable,
    ParameterValue,
    load_book,
    parse_book,
)
from domain.rules.programs.common import Program

RATE = "recovery.fraud_interest_rate"
RECOVERY_PROGRAMS = (
    Program.BASIC_PENSION,
    Program.DISABILITY_PENSION,
    Program.CHILD_ALLOWANCE,
    Program.PARENT_BENEFIT,
    Program.HOME_CARE_ALLOWANCE,
    Program.LIVELIHOOD,
    Program.HOUSING,
    Program.EDUCATION,
    Program.EMERGENCY_LIVELIHOOD,
)
PER_PROGRAM_TABLES = (
    "recovery.limitation_years",
    "recovery.fraud_interest",
    "recovery.minimum_amount",
    "recovery.rounding",
    "recovery.payment_deadline_days",
    "recovery.instalment_plan",
    "recovery.instalment_arrears_limit",
    "recovery.closure_kinds",
)


def book_with_rates(*rates: tuple[date, str]) -> ParameterBook:
    """The shipped book with test rates for `recovery.fraud_interest_rate` (from, decimal string)."""
    base = load_book()
    parameters = {name: base.parameter(name) for name in base.names()}
    rate = base.parameter(RATE)
    versions = tuple(
        ParameterValue(
            name=RATE,
            label=rate.label,
            unit=rate.unit,
            value=Fraction(value),
            reference=rate.reference,
            source="test rate",
            effective_from=start,
            effective_to=None,
            uncertain=None,
        )
        for start, value in rates
    )
    parameters[RATE] = replace(rate, versions=versions)
    return ParameterBook(parameters)


def test_the_shipped_book_has_no_interest_rate_and_says_so_in_korean() -> None:
    with pytest.raises(ParameterUnavailable) as caught:
        load_book().at(RATE, date(2026, 7, 1))
    assert "아직 등록되지 않았습니다" in caught.value.detail
    assert "3년 만기 정기예금 평균이자율" in caught.value.detail
    assert caught.value.fields == {"as_of": f"no value of {RATE} registered (pending)"}


def test_a_pending_parameter_is_left_out_of_the_values_in_force() -> None:
    names = {value.name for value in load_book().in_force(date(2026, 7, 1))}
    assert RATE not in names
    assert "recovery.minimum_amount" in names


def test_a_registered_rate_is_found_by_date() -> None:
    book = book_with_rates((date(2025, 1, 1), "0.03"), (date(2026, 1, 1), "0.025"))
    assert book.at(RATE, date(2025, 12, 31)).value == Fraction(3, 100)
    assert book.at(RATE, date(2026, 1, 1)).value == Fraction(25, 1000)
    with pytest.raises(ParameterUnavailable, match="아직 등록되지 않았습니다"):
        book.at(RATE, date(2024, 12, 31))


_EMPTY = """
program: test
parameters:
  test.rate:
    label: 시험 이자율
    unit: rate
    reference: 시험 조항
    values: []
"""


def test_no_values_without_a_pending_note_is_a_malformed_file() -> None:
    with pytest.raises(ValueError, match="pending"):
        parse_book({"test.yaml": _EMPTY})


def test_a_blank_pending_note_is_refused() -> None:
    with pytest.raises(ValueError, match="pending"):
        parse_book({"test.yaml": _EMPTY.replace("    values: []", '    pending: " "\n    values: []')})


def test_a_pending_note_is_quoted_by_every_lookup() -> None:
    note = "    pending: 해마다 고시되는 값을 등록해야 합니다.\n"
    text = _EMPTY.replace("    values: []", note + "    values: []")
    book = parse_book({"test.yaml": text})
    with pytest.raises(ParameterUnavailable, match="해마다 고시되는 값을 등록해야 합니다"):
        book.at("test.rate", date(2026, 1, 1))


@pytest.mark.parametrize("name", PER_PROGRAM_TABLES)
def test_every_recovery_table_covers_every_cash_program(name: str) -> None:
    table = load_book().at(name, date(2026, 1, 1)).value
    assert set(table) == {p.value for p in RECOVERY_PROGRAMS}


OTHER_PARAMETERS = ("recovery.offset_programs", "recovery.interest_method")


@pytest.mark.parametrize("name", [*PER_PROGRAM_TABLES, *OTHER_PARAMETERS])
def test_every_recovery_parameter_says_where_it_comes_from(name: str) -> None:
    value = load_book().at(name, date(2026, 1, 1))
    assert value.reference and value.source
    assert value.uncertain, "each recovery parameter extends the notes somewhere and says where"
