"""소멸시효 of the 환수 claim and of the right to a 소급지급: 5 years (기초연금법 제23조, 장애인연금법
제17조, 아동수당법 제16조; the others by the same rule, see `recovery.limitation_years`).

When a month's claim is barred. The period starts on the day that month's money was paid (or, for
an underpayment, was due to be paid): that is when the wrongly paid money was received and when the
recipient could first have claimed the missing part. The day itself is not counted (초일 불산입), and
a period of years ends on the day before the corresponding day of the first counted day — which is
the same calendar day as the pay day, N years on; a pay day of 29 February, with no such day N years
later, ends on the last day of February. The notice (납입고지) is what exercises the claim, so a month
is barred when the notice date is after that last day. The choice is marked uncertain in the
parameter file: the notes give the length of the period, not its start.
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidInput
from domain.payments.calendar import BusinessCalendar, pay_day
from domain.payments.recovery_ledger import MonthLedger, month_differences, program_entry, program_label
from domain.rules.parameter_book import ParameterBook, ParameterValue, load_book
from domain.rules.programs.common import Program


@dataclass(frozen=True, slots=True)
class DatedMonth:
    """A month's difference with the day its money was paid and the last day its claim can be used."""

    month: date
    paid: int
    due: int
    overpaid: int
    underpaid: int
    paid_on: date
    claim_ends_on: date


@dataclass(frozen=True, slots=True)
class LimitationSplit:
    open: tuple[DatedMonth, ...]  # still claimable on the notice date
    barred: tuple[DatedMonth, ...]  # time-barred: neither recovered nor paid
    years: int
    parameter: ParameterValue


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; the last day of February when that day does not exist."""
    year = day.year + years
    last = _gregorian.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


def claim_ends_on(paid_on: date, years: int) -> date:
    """The last day a claim arising on `paid_on` can be exercised (민법's 초일 불산입 year count)."""
    return add_years(paid_on, years)


def month_paid_on(
    program: Program,
    entry: MonthLedger,
    *,
    book: ParameterBook,
    calendar: BusinessCalendar | None = None,
) -> date:
    """The ledger's own payment day when it has one, else the program's legal pay day of the month."""
    if entry.paid_on is not None:
        return entry.paid_on
    try:
        return pay_day(program, entry.month.year, entry.month.month, calendar, book).paid_on
    except InvalidInput as exc:
        if exc.fields.get("program") != "no_monthly_pay_day":
            raise
        raise InvalidInput(
            f"{program_label(program)}은(는) 정기 지급일이 없어 {entry.month:%Y년 %m월} 급여의 실제 지급일을 "
            "알려 주어야 시효를 계산할 수 있습니다.",
            fields={"months.paid_on": "required for a program with no monthly pay day"},
        ) from exc


def split_by_limitation(
    program: Program,
    months: Sequence[MonthLedger],
    notice_date: date,
    *,
    book: ParameterBook | None = None,
    calendar: BusinessCalendar | None = None,
) -> LimitationSplit:
    """Separates the months still claimable on `notice_date` from those whose 5-year 시효 (기초연금법
    제23조, 장애인연금법 제17조, 아동수당법 제16조) ran out before it. InvalidInput for a month that starts
    after the notice date or was paid after it (it cannot be part of that notice)."""
    book = book or load_book()
    years, parameter = program_entry(book, "recovery.limitation_years", program, notice_date)
    differences = month_differences(months).months
    by_month = {entry.month: entry for entry in months}
    open_months: list[DatedMonth] = []
    barred: list[DatedMonth] = []
    for row in differences:
        if row.month > notice_date:
            raise InvalidInput(
                f"{row.month:%Y년 %m월} 급여는 고지일({notice_date.isoformat()}) 이후의 달입니다.",
                fields={"months.month": "not after the notice date"},
            )
        paid_on = month_paid_on(program, by_month[row.month], book=book, calendar=calendar)
        if paid_on > notice_date:
            raise InvalidInput(
                f"{row.month:%Y년 %m월} 급여의 지급일({paid_on.isoformat()})이 고지일보다 늦습니다.",
                fields={"months.paid_on": "not after the notice date"},
            )
        ends = claim_ends_on(paid_on, years)
        dated = DatedMonth(row.month, row.paid, row.due, row.overpaid, row.underpaid, paid_on, ends)
        (barred if notice_date > ends else open_months).append(dated)
    return LimitationSplit(tuple(open_months), tuple(barred), years, parameter)
