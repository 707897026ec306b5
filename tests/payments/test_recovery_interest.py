"""부정수급 interest (domain.payments.recovery_interest): 3년 만기 정기예금 평균이자율, 연 복리, from the
month the money was received to the month before the 고지. Whole interest years compound at the rate
in force on their first day; the months left over are simple; each month is floored to the won. The
rates here are test rates: the shipped book has none (see test_recovery_book)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.payments.recovery import month_interest
from domain.payments.recovery_interest import interest_months
from domain.rules.parameter_book import ParameterUnavailable, load_book
from tests.payments.test_recovery_book import book_with_rates

BOOK = book_with_rates((date(2024, 1, 1), "0.035"), (date(2025, 1, 1), "0.03"), (date(2026, 1, 1), "0.025"))


@pytest.mark.parametrize(
    ("received_on", "notice_date", "months"),
    [
        (date(2026, 3, 25), date(2026, 3, 31), 0),  # noticed in the month of receipt
        (date(2026, 3, 25), date(2026, 4, 1), 1),  # March only
        (date(2025, 12, 24), date(2026, 3, 10), 3),  # December, January, February
        (date(2024, 1, 25), date(2026, 3, 5), 26),
    ],
)
def test_the_months_counted(received_on: date, notice_date: date, months: int) -> None:
    assert interest_months(received_on, notice_date) == months


def test_simple_interest_within_the_first_year() -> None:
    # 2025-11 → notice 2026-03: Nov, Dec, Jan, Feb = 4 months, all in the first interest year,
    # which starts 2025-11-01 at 3%: 584,000 × 0.03 × 4/12 = 5,840.
    row = month_interest(date(2025, 11, 1), 584_000, date(2025, 11, 25), date(2026, 3, 10), BOOK)
    assert (row.months, row.interest) == (4, 5_840)
    assert [(p.starts, p.months, p.compounded) for p in row.periods] == [(date(2025, 11, 1), 4, False)]


def test_one_whole_year_compounds_across_the_year_boundary_then_the_rest_is_simple() -> None:
    # 2024-07 → notice 2026-03: 20 months. The first interest year (2024-07 … 2025-06) compounds at
    # the rate in force on 2024-07-01 (3.5%); the 8 months from 2025-07-01 are simple at 3%.
    # 100,000 × 1.035 × (1 + 0.03 × 8/12) = 100,000 × 1.035 × 1.02 = 105,570 → interest 5,570.
    row = month_interest(date(2024, 7, 1), 100_000, date(2024, 7, 25), date(2026, 3, 5), BOOK)
    assert row.months == 20
    assert [(p.starts, p.months, str(p.rate), p.compounded) for p in row.periods] == [
        (date(2024, 7, 1), 12, "7/200", True),
        (date(2025, 7, 1), 8, "3/100", False),
    ]
    assert row.interest == 5_570


def test_two_whole_years_and_a_remainder_floor_to_the_won() -> None:
    # 2024-01 → notice 2026-03: 26 months = 2 years + 2 months.
    # 200,000 × 1.035 × 1.03 × (1 + 0.025 × 2/12) = 200,000 × 1.06605 × 1.0041666… = 214,098.375
    # → interest 14,098 (floored).
    row = month_interest(date(2024, 1, 1), 200_000, date(2024, 1, 25), date(2026, 3, 5), BOOK)
    assert (row.months, row.interest) == (26, 14_098)


def test_exactly_one_year_is_one_compounding_and_no_remainder() -> None:
    # 2025-03 → notice 2026-03: 12 months at 3% → 1,000,000 × 0.03 = 30,000.
    row = month_interest(date(2025, 3, 1), 1_000_000, date(2025, 3, 25), date(2026, 3, 2), BOOK)
    assert (row.months, row.interest, len(row.periods)) == (12, 30_000, 1)


def test_no_months_no_interest_and_no_rate_needed() -> None:
    row = month_interest(date(2026, 3, 1), 500_000, date(2026, 3, 25), date(2026, 3, 30), load_book())
    assert (row.months, row.interest, row.periods) == (0, 0, ())


def test_a_rate_not_registered_is_an_error_not_a_zero() -> None:
    with pytest.raises(ParameterUnavailable, match="아직 등록되지 않았습니다"):
        month_interest(date(2025, 3, 1), 100_000, date(2025, 3, 25), date(2026, 3, 2), load_book())


def test_a_receipt_after_the_notice_is_invalid() -> None:
    with pytest.raises(InvalidInput):
        month_interest(date(2026, 3, 1), 100_000, date(2026, 3, 25), date(2026, 3, 2), BOOK)


@given(
    principal=st.integers(0, 10_000_000),
    received=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    extra=st.integers(0, 400),
    more=st.integers(1, 5_000),
)
def test_interest_grows_with_time_and_principal(
    principal: int, received: date, extra: int, more: int
) -> None:
    notice = date.fromordinal(received.toordinal() + extra)
    later = date.fromordinal(notice.toordinal() + 40)
    now = month_interest(received.replace(day=1), principal, received, notice, BOOK).interest
    assert now >= 0
    assert month_interest(received.replace(day=1), principal, received, later, BOOK).interest >= now
    assert month_interest(received.replace(day=1), principal + more, received, notice, BOOK).interest >= now
