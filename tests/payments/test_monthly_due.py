"""The month's amount of one entitlement (domain.payments.monthly), rule by rule."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.payments.monthly import (
    AmountChange,
    DueBasis,
    EntitlementTerms,
    MonthRules,
    Suspension,
    amount_due,
    months_between,
)
from domain.rules.programs.common import Program

JUNE = MonthRules.for_month(date(2026, 6, 1))


def terms(program: Program = Program.LIVELIHOOD, **changes: object) -> EntitlementTerms:
    base: dict[str, object] = {
        "program": program,
        "start_date": date(2026, 1, 1),
        "end_date": None,
        "cancelled_from": None,
        "amounts": (AmountChange(date(2026, 1, 1), 400_000),),
    }
    base.update(changes)
    return EntitlementTerms(**base)  # type: ignore[arg-type]


def test_a_right_held_all_month_is_paid_in_full() -> None:
    assert amount_due(terms(), JUNE) == amount_due(terms(), JUNE)
    due = amount_due(terms(), JUNE)
    assert (due.amount, due.basis) == (400_000, DueBasis.FULL)


@pytest.mark.parametrize(
    ("program", "start", "amount", "basis"),
    [
        (Program.LIVELIHOOD, date(2026, 6, 15), 400_000, DueBasis.FULL),
        (Program.LIVELIHOOD, date(2026, 6, 16), 200_000, DueBasis.FIRST_MONTH_HALF),
        (Program.HOUSING, date(2026, 6, 30), 200_000, DueBasis.FIRST_MONTH_HALF),
        (Program.BASIC_PENSION, date(2026, 6, 30), 400_000, DueBasis.FULL),
        (Program.CHILD_ALLOWANCE, date(2026, 6, 20), 400_000, DueBasis.FULL),
    ],
)
def test_first_month(program: Program, start: date, amount: int, basis: DueBasis) -> None:
    due = amount_due(terms(program, start_date=start, amounts=(AmountChange(start, 400_000),)), JUNE)
    assert (due.amount, due.basis) == (amount, basis)


def test_halving_floors_to_the_won() -> None:
    start = date(2026, 6, 20)
    due = amount_due(terms(start_date=start, amounts=(AmountChange(start, 470_557),)), JUNE)
    assert due.amount == 235_278


@pytest.mark.parametrize(
    ("end", "cancelled", "paid"),
    [
        (date(2026, 6, 1), None, True),  # held on the 1st: the month of the end is paid
        (date(2026, 5, 31), None, False),
        (None, date(2026, 6, 1), False),  # voided from the 1st: never held in June
        (None, date(2026, 6, 2), True),  # held on 1 June
        (None, date(2026, 1, 1), False),
    ],
)
def test_end_and_cancellation(end: date | None, cancelled: date | None, paid: bool) -> None:
    due = amount_due(terms(end_date=end, cancelled_from=cancelled), JUNE)
    assert (due.amount > 0) is paid
    if not paid:
        assert due.basis is DueBasis.NOT_HELD


def test_a_right_starting_after_the_month_is_not_paid() -> None:
    start = date(2026, 7, 1)
    assert amount_due(terms(start_date=start), JUNE).basis is DueBasis.NOT_HELD


@pytest.mark.parametrize(
    ("began", "ended", "paid"),
    [
        (date(2026, 6, 10), None, True),  # the month it began in is paid
        (date(2026, 5, 31), None, False),
        (date(2026, 4, 2), date(2026, 6, 5), False),  # the month it ended in is withheld
        (date(2026, 4, 2), date(2026, 5, 31), True),
    ],
)
def test_suspension(began: date, ended: date | None, paid: bool) -> None:
    due = amount_due(terms(Program.BASIC_PENSION, suspensions=(Suspension(began, ended),)), JUNE)
    assert (due.basis is DueBasis.FULL) is paid


def test_the_amount_in_force_on_the_first_held_day() -> None:
    amounts = (
        AmountChange(date(2026, 1, 1), 400_000),
        AmountChange(date(2026, 6, 1), 450_000),
        AmountChange(date(2026, 6, 15), 500_000),
    )
    assert amount_due(terms(amounts=amounts), JUNE).amount == 450_000
    assert amount_due(terms(amounts=amounts), MonthRules.for_month(date(2026, 7, 1))).amount == 500_000
    assert amount_due(terms(amounts=amounts), MonthRules.for_month(date(2026, 5, 1))).amount == 400_000


def test_rules_refuse_a_day_that_is_not_a_first() -> None:
    with pytest.raises(InvalidInput):
        MonthRules.for_month(date(2026, 6, 2))


@given(st.dates(date(2025, 1, 1), date(2030, 12, 31)), st.integers(0, 5_000_000))
def test_never_more_than_the_monthly_amount(start: date, amount: int) -> None:
    rules = MonthRules.for_month(start.replace(day=1))
    due = amount_due(terms(start_date=start, amounts=(AmountChange(start, amount),)), rules)
    assert 0 <= due.amount <= amount


def test_months_between() -> None:
    assert months_between(date(2026, 11, 15), date(2027, 2, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
