"""분할납부 (기초연금법 시행규칙 제13조): the band table at every boundary, the schedule, and the
acceleration after three instalments in a row are missed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import Conflict, InvalidInput
from domain.payments.recovery import (
    InstalmentPayment,
    apply_payments,
    instalment_plan,
    max_instalments,
)
from domain.rules.programs.common import Program

P = Program
ON = date(2026, 1, 30)
PROGRAMS = (
    P.BASIC_PENSION,
    P.DISABILITY_PENSION,
    P.CHILD_ALLOWANCE,
    P.PARENT_BENEFIT,
    P.HOME_CARE_ALLOWANCE,
    P.LIVELIHOOD,
    P.HOUSING,
)


@pytest.mark.parametrize(
    ("amount", "count"),
    [
        (1, 1),
        (249_999, 1),  # below 25만원: one sum
        (250_000, 5),
        (499_999, 5),
        (500_000, 10),
        (999_999, 10),
        (1_000_000, 20),
        (1_999_999, 20),
        (2_000_000, 30),
        (2_999_999, 30),
        (3_000_000, 36),
        (50_000_000, 36),
    ],
)
@pytest.mark.parametrize("program", PROGRAMS)
def test_the_band_table_at_every_boundary(program: Program, amount: int, count: int) -> None:
    allowed, table = max_instalments(program, amount, ON)
    assert allowed == count
    assert table.reference == "기초연금법 시행규칙 제13조"


def test_equal_instalments_with_the_remainder_first_and_the_first_due_30_days_on() -> None:
    # 1,000,003 → 20회 at most. 1,000,003 = 20 × 50,000 + 3: the first instalment is 50,003.
    # Decided 2026-01-30: 30 days on is 2026-03-01, then the 1st of each month.
    plan = instalment_plan(P.BASIC_PENSION, 1_000_003, ON)
    assert plan.max_instalments == 20 and len(plan.instalments) == 20
    assert plan.instalments[0].amount == 50_003
    assert {i.amount for i in plan.instalments[1:]} == {50_000}
    assert [i.due_on for i in plan.instalments[:3]] == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    assert plan.instalments[-1].due_on == date(2027, 10, 1)
    assert sum(i.amount for i in plan.instalments) == 1_000_003


def test_fewer_instalments_may_be_asked_for_and_month_ends_are_kept() -> None:
    first = date(2026, 1, 31)
    plan = instalment_plan(P.HOUSING, 682_000, date(2026, 1, 1), instalments=3, first_due_on=first)
    # 682,000 = 3 × 227,333 + 1; due 1/31, then 2/28 (no 31st), then 3/31.
    assert [(i.due_on, i.amount) for i in plan.instalments] == [
        (date(2026, 1, 31), 227_334),
        (date(2026, 2, 28), 227_333),
        (date(2026, 3, 31), 227_333),
    ]


def test_below_the_lowest_band_is_a_lump_sum() -> None:
    plan = instalment_plan(P.CHILD_ALLOWANCE, 249_999, ON)
    assert plan.lump_sum and plan.instalments[0].amount == 249_999
    with pytest.raises(InvalidInput, match="1회까지"):
        instalment_plan(P.CHILD_ALLOWANCE, 249_999, ON, instalments=2)


@pytest.mark.parametrize("count", [0, -1, 11])
def test_a_count_outside_the_table_is_refused(count: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        instalment_plan(P.BASIC_PENSION, 500_000, ON, instalments=count)
    assert caught.value.fields == {"instalments": "between 1 and 10"}


def test_the_first_due_day_cannot_be_sooner_than_30_days() -> None:
    with pytest.raises(InvalidInput, match="30일 이상"):
        instalment_plan(P.LIVELIHOOD, 300_000, ON, first_due_on=date(2026, 2, 28))
    plan = instalment_plan(P.LIVELIHOOD, 300_000, ON, first_due_on=date(2026, 3, 1))
    assert plan.instalments[0].due_on == date(2026, 3, 1)


@pytest.mark.parametrize("total", [0, -5])
def test_nothing_to_split_is_refused(total: int) -> None:
    with pytest.raises(InvalidInput):
        instalment_plan(P.BASIC_PENSION, total, ON)


FIVE = instalment_plan(P.BASIC_PENSION, 500_000, ON, instalments=5)  # 100,000 due 3/1, 4/1, 5/1, 6/1, 7/1


def test_three_missed_in_a_row_make_the_rest_due_at_once() -> None:
    # Nothing paid. On 5/1 (the third due day) it is not yet missed; on 5/2 it is: the whole balance.
    on_the_day = apply_payments(FIVE, [], date(2026, 5, 1))
    assert (on_the_day.missed_in_a_row, on_the_day.accelerated_on, on_the_day.due_at_once) == (2, None, 0)
    assert on_the_day.overdue == 200_000
    after = apply_payments(FIVE, [], date(2026, 5, 2))
    assert (after.missed_in_a_row, after.accelerated_on, after.due_at_once) == (3, date(2026, 5, 2), 500_000)


def test_a_late_payment_that_catches_up_ends_the_run() -> None:
    # #1 missed; 200,000 paid on 4/1 covers #1 and #2, so #2 is met; #3 and #4 missed: a run of 2.
    payments = [InstalmentPayment(date(2026, 4, 1), 200_000)]
    status = apply_payments(FIVE, payments, date(2026, 6, 2))
    assert [s.met for s in status.standings] == [False, True, False, False, None]
    assert (status.missed_in_a_row, status.accelerated_on) == (2, None)
    assert (status.paid, status.outstanding, status.overdue) == (200_000, 300_000, 200_000)
    # #5 missed too: three in a row from 6/1 to 7/1 → the balance of 300,000 is due from 7/2.
    late = apply_payments(FIVE, payments, date(2026, 7, 2))
    assert (late.accelerated_on, late.due_at_once) == (date(2026, 7, 2), 300_000)


def test_paying_on_time_never_accelerates() -> None:
    payments = [InstalmentPayment(i.due_on, i.amount) for i in FIVE.instalments]
    status = apply_payments(FIVE, payments, date(2026, 12, 31))
    assert (status.outstanding, status.overdue, status.missed_in_a_row) == (0, 0, 0)
    assert status.accelerated_on is None


def test_payments_beyond_the_total_or_in_the_future_are_refused() -> None:
    with pytest.raises(Conflict):
        apply_payments(FIVE, [InstalmentPayment(date(2026, 3, 1), 500_001)], date(2026, 4, 1))
    with pytest.raises(InvalidInput):
        apply_payments(FIVE, [InstalmentPayment(date(2026, 4, 2), 100_000)], date(2026, 4, 1))
    with pytest.raises(InvalidInput):
        apply_payments(FIVE, [InstalmentPayment(date(2026, 3, 1), 0)], date(2026, 4, 1))


@given(
    total=st.integers(1, 20_000_000),
    program=st.sampled_from(PROGRAMS),
    decided=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    data=st.data(),
)
def test_instalments_always_sum_to_the_total(
    total: int, program: Program, decided: date, data: st.DataObject
) -> None:
    allowed, _ = max_instalments(program, total, decided)
    count = data.draw(st.integers(1, allowed))
    plan = instalment_plan(program, total, decided, instalments=count)
    amounts = [i.amount for i in plan.instalments]
    assert sum(amounts) == total
    assert len(amounts) == count
    assert len(set(amounts[1:])) <= 1 and 0 <= amounts[0] - amounts[-1] < count
    assert plan.instalments[0].due_on >= decided + timedelta(days=30)
    assert all(a.due_on < b.due_on for a, b in zip(plan.instalments, plan.instalments[1:], strict=False))


@given(
    paid=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 150_000)), max_size=8),
    as_of_days=st.integers(0, 250),
)
def test_outstanding_and_due_at_once_stay_in_bounds(paid: list[tuple[int, int]], as_of_days: int) -> None:
    as_of = ON + timedelta(days=as_of_days)
    payments = [InstalmentPayment(ON + timedelta(days=d), a) for d, a in paid if d <= as_of_days]
    if sum(p.amount for p in payments) > FIVE.total:
        return
    status = apply_payments(FIVE, payments, as_of)
    assert status.paid + status.outstanding == FIVE.total
    assert 0 <= status.overdue <= status.outstanding
    assert status.due_at_once in (0, status.outstanding)
    assert (status.accelerated_on is not None) == (status.missed_in_a_row >= 3)
