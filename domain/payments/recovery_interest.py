"""Interest on a 부정수급 환수금 (기초연금법 제19조 및 시행령; 장애인연금법 제17조; 아동수당법 제16조 및
시행령): 3년 만기 정기예금 평균이자율, compounded annually, from the month the money was wrongly
received to the month before the 고지.

How a part year and rounding are handled (`recovery.interest_method`, marked uncertain): the months
counted are n = the months from the month of receipt up to and including the month before the
notice month. Each whole interest year — 12 of those months, counted from the month of receipt — is
compounded at the rate in force on its first day; the n mod 12 months left over earn simple interest
at the rate in force on their first day (rate × months / 12). The interest of each wrongly paid month
is floored to the won, then the months are summed: flooring each month keeps a month's figure the
same whichever other months share its notice.

The rate is a dated parameter with no value shipped (`recovery.fraud_interest_rate`): operators
register each year's published rate with its source; until they do, a lookup raises
ParameterUnavailable rather than compute with a guessed rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import floor

from domain.errors import InvalidInput
from domain.rules.parameter_book import ParameterBook, ParameterValue, load_book

MONTHS_A_YEAR = 12
RATE = "recovery.fraud_interest_rate"


@dataclass(frozen=True, slots=True)
class RatePeriod:
    """One stretch of the interest period and the rate applied to it."""

    starts: date  # the first day of the first month of the stretch
    months: int  # 12 for a compounded year, fewer for the simple remainder
    rate: Fraction
    compounded: bool
    parameter: ParameterValue


@dataclass(frozen=True, slots=True)
class MonthInterest:
    month: date  # the month paid for
    principal: int  # the overpaid amount of that month
    received_in: date  # the first day of the month the money was received
    months: int  # months counted, receipt month to the month before the notice
    periods: tuple[RatePeriod, ...]
    interest: int  # floored to the won


def _month_index(day: date) -> int:
    return day.year * MONTHS_A_YEAR + day.month - 1


def _first_of(index: int) -> date:
    return date(index // MONTHS_A_YEAR, index % MONTHS_A_YEAR + 1, 1)


def interest_months(received_on: date, notice_date: date) -> int:
    """Months from the month of receipt through the month before the notice month (0 when the notice
    goes out in the month of receipt)."""
    return max(_month_index(notice_date) - _month_index(received_on), 0)


def month_interest(
    month: date,
    principal: int,
    received_on: date,
    notice_date: date,
    book: ParameterBook | None = None,
) -> MonthInterest:
    """The interest on one month's 부정수급 (기초연금법 제19조; 아동수당법 시행령: 3년 만기 정기예금
    평균이자율, 연 복리). ParameterUnavailable when a year's rate has not been registered; InvalidInput for
    a negative principal or a receipt after the notice."""
    if principal < 0:
        raise InvalidInput(
            "이자를 계산할 원금은 0원 이상이어야 합니다.", fields={"principal": "non-negative"}
        )
    if received_on > notice_date:
        raise InvalidInput(
            f"수령일({received_on.isoformat()})이 고지일({notice_date.isoformat()})보다 늦습니다.",
            fields={"received_on": "not after the notice date"},
        )
    book = book or load_book()
    start = _month_index(received_on)
    counted = interest_months(received_on, notice_date)
    whole_years, remainder = divmod(counted, MONTHS_A_YEAR)
    periods: list[RatePeriod] = []
    factor = Fraction(1)
    for year in range(whole_years):
        first = _first_of(start + year * MONTHS_A_YEAR)
        parameter = book.at(RATE, first)
        periods.append(RatePeriod(first, MONTHS_A_YEAR, parameter.value, True, parameter))
        factor *= 1 + parameter.value
    if remainder:
        first = _first_of(start + whole_years * MONTHS_A_YEAR)
        parameter = book.at(RATE, first)
        periods.append(RatePeriod(first, remainder, parameter.value, False, parameter))
        factor *= 1 + parameter.value * Fraction(remainder, MONTHS_A_YEAR)
    interest = floor(principal * (factor - 1)) if principal else 0
    return MonthInterest(month, principal, _first_of(start), counted, tuple(periods), interest)
