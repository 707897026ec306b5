"""Pay days: the legal day of the month each program is paid on (`payments.pay_day`), moved back to
the business day before it when it falls on a Saturday or a 공휴일.

국민기초생활보장법 시행령 제6조 and 기초연금법 시행규칙 제9조 say "토요일이거나 공휴일인 경우에는 그 전날":
the day before, and again before that while it is still a Saturday or a 공휴일 — Sunday is a 공휴일
(관공서의 공휴일에 관한 규정 제2조), so a 20th that is a Sunday is paid on Friday the 18th.

The 공휴일 are those of the `holidays` package's South Korea calendar: 설날 and 추석 from the lunar
calendar, 대체공휴일 and election days as the package maintains them. A 임시공휴일 the government
declares after the package's release is added through `extra_holidays` until the package has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from domain.errors import InvalidInput
from domain.rules.parameter_book import ParameterBook, load_book
from domain.rules.programs.common import Program

SATURDAY, SUNDAY = 5, 6
# A pay day never moves further back than this: more would mean a calendar error, not a holiday.
MAX_SHIFT_DAYS = 10


@lru_cache(maxsize=64)
def _korean_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KR", years=year, language="ko"))


@dataclass(frozen=True)
class BusinessCalendar:
    """Korean 공휴일 (with any `extra_holidays`), Saturdays and Sundays are not business days."""

    extra_holidays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def with_extra(cls, days: Iterable[date]) -> BusinessCalendar:
        return cls(frozenset(days))

    def holiday_name(self, day: date) -> str | None:
        if day in self.extra_holidays:
            return "임시공휴일"
        return _korean_holidays(day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() not in (SATURDAY, SUNDAY) and self.holiday_name(day) is None

    def on_or_before(self, day: date) -> date:
        """`day` if it is a business day, else the nearest business day before it."""
        candidate = day
        for _ in range(MAX_SHIFT_DAYS + 1):
            if self.is_business_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        raise ValueError(f"no business day within {MAX_SHIFT_DAYS} days before {day.isoformat()}")


@dataclass(frozen=True, slots=True)
class PayDay:
    program: Program
    month: date  # the first day of the month paid for
    legal_day: date  # the day the law names
    paid_on: date  # the day the money goes out
    reason: str | None  # why it moved, e.g. "2027-02-25 일요일", "2026-09-25 추석"

    @property
    def moved(self) -> bool:
        return self.paid_on != self.legal_day


_WEEKDAYS = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")


def pay_day(
    program: Program,
    year: int,
    month: int,
    calendar: BusinessCalendar | None = None,
    book: ParameterBook | None = None,
) -> PayDay:
    """The day `program` is paid for `year`-`month`. InvalidInput for a program with no monthly pay
    day (it is not paid by monthly runs); ParameterUnavailable for a month before the parameter."""
    calendar = calendar or BusinessCalendar()
    first = date(year, month, 1)
    days = (book or load_book()).at("payments.pay_day", first).value
    if program.value not in days:
        raise InvalidInput(
            f"{program.value} 급여는 정기 지급일이 없습니다 (매월 정기 지급 대상이 아님).",
            fields={"program": "no_monthly_pay_day"},
        )
    legal = date(year, month, int(days[program.value]))
    paid = calendar.on_or_before(legal)
    reason = None
    if paid != legal:
        name = calendar.holiday_name(legal)
        reason = f"{legal.isoformat()} {name or _WEEKDAYS[legal.weekday()]}"
    return PayDay(program, first, legal, paid, reason)
