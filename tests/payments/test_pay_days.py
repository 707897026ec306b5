"""Pay days (domain/payments/calendar.py): the 20th or the 25th, moved back to the business day before
when it is a Saturday or a 공휴일 — 설날 and 추석 from the lunar calendar, 대체공휴일 — as the `holidays`
package's Korean calendar has them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.payments.calendar import BusinessCalendar, pay_day
from domain.rules.parameter_book import ParameterUnavailable
from domain.rules.programs.common import Program

P = Program
PAID_MONTHLY = (
    P.LIVELIHOOD,
    P.HOUSING,
    P.DISABILITY_PENSION,
    P.BASIC_PENSION,
    P.CHILD_ALLOWANCE,
    P.PARENT_BENEFIT,
    P.HOME_CARE_ALLOWANCE,
)


@pytest.mark.parametrize(
    ("program", "year", "month", "paid_on", "because"),
    [
        # 추석 2026: 9월 24일(전날)·25일·26일. The 25th and the day before it are both holidays.
        (P.BASIC_PENSION, 2026, 9, date(2026, 9, 23), "2026-09-25 추석"),
        (P.CHILD_ALLOWANCE, 2026, 9, date(2026, 9, 23), "2026-09-25 추석"),
        # 추석 2032: the 20th is the day after 추석, a Monday; the weekend before it too.
        (P.LIVELIHOOD, 2032, 9, date(2032, 9, 17), "2032-09-20 추석 다음날"),
        # 설날 2034: the 20th is the day after 설날.
        (P.LIVELIHOOD, 2034, 2, date(2034, 2, 17), "2034-02-20 설날 다음날"),
        (P.DISABILITY_PENSION, 2034, 2, date(2034, 2, 17), "2034-02-20 설날 다음날"),
        # 대체공휴일: 부처님오신날 2026 falls on a Sunday, so Monday the 25th is its 대체 휴일.
        (P.BASIC_PENSION, 2026, 5, date(2026, 5, 22), "2026-05-25 부처님오신날 대체 휴일"),
        (P.HOME_CARE_ALLOWANCE, 2026, 5, date(2026, 5, 22), "2026-05-25 부처님오신날 대체 휴일"),
        # A Sunday 20th is paid on Friday, a Saturday 25th on Friday.
        (P.LIVELIHOOD, 2026, 9, date(2026, 9, 18), "2026-09-20 일요일"),
        (P.BASIC_PENSION, 2026, 7, date(2026, 7, 24), "2026-07-25 토요일"),
        (P.PARENT_BENEFIT, 2026, 12, date(2026, 12, 24), "2026-12-25 기독탄신일"),
        # An ordinary weekday stays.
        (P.HOUSING, 2026, 5, date(2026, 5, 20), None),
        (P.BASIC_PENSION, 2027, 2, date(2027, 2, 25), None),
    ],
)
def test_pay_days_around_holidays(
    program: Program, year: int, month: int, paid_on: date, because: str | None
) -> None:
    day = pay_day(program, year, month)
    assert day.paid_on == paid_on
    assert day.reason == because
    assert day.moved is (because is not None)
    assert day.legal_day.day == (20 if program in (P.LIVELIHOOD, P.HOUSING, P.DISABILITY_PENSION) else 25)


def test_a_declared_temporary_holiday_moves_the_day_too() -> None:
    declared = BusinessCalendar.with_extra([date(2026, 7, 24)])
    day = pay_day(P.BASIC_PENSION, 2026, 7, declared)
    assert (day.paid_on, day.reason) == (date(2026, 7, 23), "2026-07-25 토요일")
    assert declared.holiday_name(date(2026, 7, 24)) == "임시공휴일"


@pytest.mark.parametrize("program", [P.MEDICAL, P.EDUCATION, P.CHILDCARE_FEE, P.EMERGENCY_LIVELIHOOD])
def test_programs_not_paid_monthly_have_no_pay_day(program: Program) -> None:
    with pytest.raises(InvalidInput) as caught:
        pay_day(program, 2026, 5)
    assert caught.value.fields == {"program": "no_monthly_pay_day"}


def test_a_month_before_the_rules_is_an_error() -> None:
    with pytest.raises(ParameterUnavailable):
        pay_day(P.LIVELIHOOD, 2024, 12)


@given(
    st.sampled_from(PAID_MONTHLY),
    st.integers(min_value=2025, max_value=2040),
    st.integers(min_value=1, max_value=12),
)
def test_the_day_paid_is_the_last_business_day_on_or_before_the_legal_day(
    program: Program, year: int, month: int
) -> None:
    calendar = BusinessCalendar()
    day = pay_day(program, year, month, calendar)
    assert day.paid_on <= day.legal_day and day.paid_on.month == month
    assert calendar.is_business_day(day.paid_on)
    between = day.paid_on + timedelta(days=1)
    while between <= day.legal_day:
        assert not calendar.is_business_day(between), between
        between += timedelta(days=1)
