"""What an entitlement is due for one month: the amount a payment run pays, and the amount a 환수
re-calculation compares with what was paid.

The same function serves one entitlement (a recovery assessment, the API's preview) and a whole run
(`MonthRules` is resolved once per run so a million calls do no parameter lookups), so the run and
the single path cannot disagree.

Rules, each a dated parameter in `parameters/payments.yaml` with its source:
- held: a right held on any day of the month is paid for that month (`payments.last_month`); a 처분
  취소 treats the right as never held from `cancelled_from`;
- first month: in full, or half when the right starts on the 16th or later (`payments.first_month`,
  생계·주거급여 under the old 시행규칙 제6조①, marked uncertain);
- suspension (지급정지): not paid from the month after the one it began in, through the month it ended
  (`payments.suspended_months`);
- amount: the amount in force on the month's first held day (급여 변경, 법 제29조).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import InvalidInput
from domain.rules.parameter_book import ParameterBook, load_book
from domain.rules.programs.common import Program


class DueBasis(StrEnum):
    """Why a month's amount is what it is (kept on each payment line)."""

    FULL = "full"
    FIRST_MONTH_HALF = "first_month_half"
    SUSPENDED = "suspended"
    NOT_HELD = "not_held"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DueBasis.FULL: "전액",
    DueBasis.FIRST_MONTH_HALF: "첫 달 16일 이후 개시 (50%)",
    DueBasis.SUSPENDED: "지급정지",
    DueBasis.NOT_HELD: "수급 기간 아님",
}


@dataclass(frozen=True, slots=True)
class AmountChange:
    effective_from: date
    monthly_amount: int


@dataclass(frozen=True, slots=True)
class Suspension:
    """지급정지 from `began` (its effective day) to `ended` (the 재개 day; None while it lasts)."""

    began: date
    ended: date | None


@dataclass(frozen=True, slots=True)
class EntitlementTerms:
    """What of an entitlement decides its monthly amount. `amounts` in any order; at least one."""

    program: Program
    start_date: date
    end_date: date | None
    cancelled_from: date | None
    amounts: tuple[AmountChange, ...]
    suspensions: tuple[Suspension, ...] = ()


@dataclass(frozen=True, slots=True)
class MonthDue:
    month: date
    amount: int
    basis: DueBasis


@dataclass(frozen=True, slots=True)
class MonthRules:
    """The month's parameters, resolved once: `half_from_16th` holds the programs whose first month
    is halved when the right starts on the 16th or later."""

    month: date
    half_from_16th: frozenset[Program]
    last_day: date = field(init=False)  # of `month`, worked out once for every line of a run

    def __post_init__(self) -> None:
        object.__setattr__(self, "last_day", month_end(self.month))

    @classmethod
    def for_month(cls, month: date, book: ParameterBook | None = None) -> MonthRules:
        book = book or load_book()
        _require_first_of_month(month)
        first = book.at("payments.first_month", month).value
        # The other two rules have one variant each so far; looking them up still fails loudly for a
        # month before they were in force.
        book.at("payments.suspended_months", month)
        book.at("payments.last_month", month)
        return cls(month, frozenset(Program(p) for p, rule in first.items() if rule == "half_from_16th"))


def month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _require_first_of_month(month: date) -> None:
    if month.day != 1:
        raise InvalidInput(
            f"지급월은 그 달의 1일로 나타냅니다 ({month.isoformat()}).",
            fields={"month": "not_first_of_month"},
        )


def amount_due(terms: EntitlementTerms, rules: MonthRules) -> MonthDue:
    """The amount `terms` is due for `rules.month` and why (see the module docstring)."""
    month = rules.month
    last = rules.last_day
    held_until = terms.end_date
    if terms.cancelled_from is not None:
        voided = terms.cancelled_from - timedelta(days=1)
        held_until = voided if held_until is None else min(held_until, voided)
    if terms.start_date > last or (held_until is not None and held_until < month):
        return MonthDue(month, 0, DueBasis.NOT_HELD)
    if held_until is not None and held_until < terms.start_date:
        return MonthDue(month, 0, DueBasis.NOT_HELD)
    for suspension in terms.suspensions:
        if first_of_month(suspension.began) < month and (
            suspension.ended is None or month <= suspension.ended
        ):
            return MonthDue(month, 0, DueBasis.SUSPENDED)
    first_held = max(month, terms.start_date)
    amount = _amount_on(terms.amounts, first_held)
    starts_late = first_of_month(terms.start_date) == month and terms.start_date.day >= 16
    if starts_late and terms.program in rules.half_from_16th:
        return MonthDue(month, amount // 2, DueBasis.FIRST_MONTH_HALF)
    return MonthDue(month, amount, DueBasis.FULL)


def _amount_on(amounts: Sequence[AmountChange], day: date) -> int:
    if not amounts:
        raise InvalidInput("급여액 이력이 없습니다.", fields={"amounts": "empty"})
    current: AmountChange | None = None
    earliest = amounts[0]
    for change in amounts:
        if change.effective_from < earliest.effective_from:
            earliest = change
        if change.effective_from <= day and (
            current is None or change.effective_from >= current.effective_from
        ):
            current = change
    # An amount recorded from a later day than the right's start (a decision entered after the fact)
    # is the amount from the start.
    return (current or earliest).monthly_amount


def months_between(first: date, last: date) -> list[date]:
    """The firsts of every month from `first`'s to `last`'s, inclusive."""
    months = []
    cursor = first_of_month(first)
    while cursor <= last:
        months.append(cursor)
        cursor = month_end(cursor) + timedelta(days=1)
    return months
