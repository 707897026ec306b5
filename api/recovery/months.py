"""The month-by-month table a 환수 or 소급지급 starts from: for each month of an entitlement, what went
out (payment lines sent, paid or settled, at their gross amount, 상계 included, and the 소급지급 lines
spread back over the months they settled) against what the entitlement as it stands now is due
(`domain.payments.monthly.amount_due`, with the terms built exactly as a payment run builds them).

Only months their payment run has settled are compared. A month with no completed run, or with a line
still on its way (ready, held, failed), would be paid by the run or by that line: comparing it would
recover or re-pay money that is about to move anyway. Such months are listed, marked not included,
with the reason. Plain values in and out; the SQL is in the repository."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.payments.chunks import _terms as run_terms
from domain.errors import InvalidInput
from domain.payments.monthly import MonthDue, MonthRules, amount_due, months_between
from domain.payments.recovery import MonthLedger
from domain.rules.parameter_book import ParameterBook
from domain.rules.programs.common import Program

OUT = frozenset({"sent", "paid", "settled"})
MAX_MONTHS = 120
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True)
class LineFact:
    month: date
    kind: str  # regular | arrears
    status: str
    gross: int
    pay_date: date


@dataclass(frozen=True, slots=True)
class ArrearsFact:
    months: tuple[tuple[date, int], ...]  # (month settled, amount)
    out: bool  # its line went out
    pay_date: date | None


@dataclass(frozen=True, slots=True)
class Covered:
    """Months a live 환수 case already recovers."""

    case_number: str
    first: date
    last: date


@dataclass(slots=True)
class MonthState:
    month: date
    due: MonthDue
    paid: int = 0
    pending: int = 0
    paid_on: date | None = None
    run_state: str | None = None
    run_pay_date: date | None = None
    arrears_pending: bool = False
    included: bool = True
    note: str | None = None

    def exclude(self, note: str) -> None:
        if self.included:
            self.included, self.note = False, note

    @property
    def ledger(self) -> MonthLedger:
        return MonthLedger(self.month, self.paid, self.due.amount, self.paid_on or self.run_pay_date)


def parse_month(raw: str, field_name: str) -> date:
    year, month = (int(part) for part in raw.split("-"))
    check_year(date(year, month, 1), field_name)
    return date(year, month, 1)


def check_year(day: date, field_name: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidInput(
            f"{day.isoformat()}은(는) 처리할 수 있는 기간({EARLIEST_YEAR}–{LATEST_YEAR}년) 밖입니다.",
            fields={field_name: "out_of_range"},
        )
    return day


def month_range(first: date, last: date) -> list[date]:
    if last < first:
        raise InvalidInput(
            "비교 기간의 끝 달이 첫 달보다 앞섭니다.", fields={"to_month": "before from_month"}
        )
    months = months_between(first, last)
    if len(months) > MAX_MONTHS:
        raise InvalidInput(
            f"한 번에 비교할 수 있는 기간은 {MAX_MONTHS}개월까지입니다.", fields={"from_month": "too_long"}
        )
    return months


def build_months(
    entitlement: Any,
    months: Sequence[date],
    lines: Iterable[LineFact],
    arrears: Iterable[ArrearsFact],
    runs: dict[date, tuple[str, date]],
    *,
    notice_date: date,
    book: ParameterBook,
    covered: Sequence[Covered] = (),
) -> list[MonthState]:
    """The table of `months` (see the module docstring); months with nothing due, paid or pending
    are left out. `entitlement` is a row as `_terms` of the payment run reads it; `runs` maps a month
    to its payment run's state and pay date."""
    program = Program(entitlement["program"])
    terms = run_terms(program, entitlement)
    table = {m: MonthState(m, amount_due(terms, MonthRules.for_month(m, book))) for m in months}
    for line in lines:
        state = table.get(line.month)
        if state is None or line.kind != "regular":
            continue
        if line.status in OUT:
            state.paid += line.gross
            state.paid_on = min(state.paid_on or line.pay_date, line.pay_date)
        else:
            state.pending += line.gross
    for fact in arrears:
        for month, amount in fact.months:
            state = table.get(month)
            if state is None:
                continue
            if fact.out and fact.pay_date is not None:
                state.paid += amount
                state.paid_on = state.paid_on or fact.pay_date
            else:
                state.arrears_pending = True
    for month, state in table.items():
        run = runs.get(month)
        if run is not None:
            state.run_state, state.run_pay_date = run
        if run is None or run[0] != "completed":
            state.exclude("이 달의 지급 작업이 끝나지 않아 비교하지 않습니다.")
        elif state.pending:
            state.exclude("아직 나가지 않은 지급 내역(대기·보류·실패)이 있어 비교하지 않습니다.")
        elif (state.paid_on or run[1]) > notice_date:
            state.exclude("고지일 이후에 지급된 달이어서 비교하지 않습니다.")
        for case in covered:
            if case.first <= month <= case.last:
                state.exclude(f"환수 {case.case_number}에서 이미 다룬 달입니다.")
    return [s for s in table.values() if s.due.amount or s.paid or s.pending or s.arrears_pending]
