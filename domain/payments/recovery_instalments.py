"""분할납부 of a 환수금 (기초연금법 시행규칙 제13조; the other programs by the same table, marked uncertain
in `recovery.instalment_plan`).

The table gives, by the amount of the notice, the most instalments a plan may have: 25만원 이상
50만원 미만 5회 … 300만원 이상 36회; below the lowest band the 환수금 is paid in one sum. The plan's
instalments are equal; the won that do not divide evenly go to the first instalment, so every later
instalment is the same figure and the money comes back as early as the plan allows. The first
instalment is due no sooner than the 납부기한 (`recovery.payment_deadline_days`, 30 days from the
decision) and the others on the same day of each following month (the last day of a shorter month).
Moving a due day that falls on a holiday is left to the notice: the legal period is what is fixed here.

Arrears: when three instalments in a row are not met by their due dates (`recovery.instalment_arrears_
limit`), the whole balance becomes due at once (시행규칙 제13조).
"""

from __future__ import annotations

import calendar as _gregorian
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.errors import Conflict, InvalidInput
from domain.payments.recovery_ledger import program_entry, program_label
from domain.rules.parameter_book import ParameterBook, ParameterValue, load_book
from domain.rules.programs.common import Program


@dataclass(frozen=True, slots=True)
class Instalment:
    number: int  # 1-based
    due_on: date
    amount: int


@dataclass(frozen=True, slots=True)
class InstalmentPlan:
    program: Program
    total: int
    decided_on: date
    max_instalments: int  # what the table allows for `total`
    instalments: tuple[Instalment, ...]
    table: ParameterValue
    deadline: ParameterValue

    @property
    def lump_sum(self) -> bool:
        return len(self.instalments) == 1


@dataclass(frozen=True, slots=True)
class InstalmentPayment:
    paid_on: date
    amount: int


@dataclass(frozen=True, slots=True)
class InstalmentStanding:
    instalment: Instalment
    met: bool | None  # None while its due date has not passed


@dataclass(frozen=True, slots=True)
class PlanStatus:
    as_of: date
    paid: int
    outstanding: int  # total - paid
    overdue: int  # due by `as_of` and not paid
    missed_in_a_row: int  # the longest run of unmet instalments up to `as_of`
    accelerated_on: date | None  # the day the whole balance fell due, if it did
    due_at_once: int  # the balance due in one sum after acceleration, else 0
    standings: tuple[InstalmentStanding, ...]
    arrears_limit: ParameterValue


def max_instalments(
    program: Program, amount: int, on: date, book: ParameterBook | None = None
) -> tuple[int, ParameterValue]:
    """The most instalments a 환수금 of `amount` may be split into (기초연금법 시행규칙 제13조): the count
    of the highest band whose lower bound `amount` reaches, or 1 (a lump sum) below every band."""
    table, parameter = program_entry(book or load_book(), "recovery.instalment_plan", program, on)
    count = 1
    for lower, allowed in sorted(((int(k), v) for k, v in table.items())):
        if amount >= lower:
            count = allowed
    return count, parameter


def _monthly(first: date, months_on: int) -> date:
    index = first.year * 12 + first.month - 1 + months_on
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(first.day, last))


def instalment_plan(
    program: Program,
    total: int,
    decided_on: date,
    *,
    instalments: int | None = None,
    first_due_on: date | None = None,
    book: ParameterBook | None = None,
) -> InstalmentPlan:
    """The schedule of a 환수금 (기초연금법 시행규칙 제13조; 법 제20조: 납부기한 30일 이상). `instalments`
    defaults to the most the table allows; `first_due_on` to the earliest day the 납부기한 allows.
    InvalidInput for a non-positive total, a count outside 1…maximum, or a first due day too early."""
    book = book or load_book()
    if isinstance(total, bool) or not isinstance(total, int) or total <= 0:
        raise InvalidInput("분할납부할 환수금은 1원 이상이어야 합니다.", fields={"total": "positive won"})
    allowed, table = max_instalments(program, total, decided_on, book)
    count = allowed if instalments is None else instalments
    if not 1 <= count <= allowed:
        raise InvalidInput(
            f"{program_label(program)} 환수금 {total:,}원은 {allowed}회까지 나누어 낼 수 있습니다 "
            f"(요청 {count}회).",
            fields={"instalments": f"between 1 and {allowed}"},
        )
    days, deadline = program_entry(book, "recovery.payment_deadline_days", program, decided_on)
    earliest = decided_on + timedelta(days=days)
    first = earliest if first_due_on is None else first_due_on
    if first < earliest:
        raise InvalidInput(
            f"첫 납부기한은 결정일부터 {days}일 이상이어야 하므로 {earliest.isoformat()} 이후여야 합니다.",
            fields={"first_due_on": f"at least {days} days after the decision"},
        )
    each, remainder = divmod(total, count)
    schedule = tuple(
        Instalment(n + 1, _monthly(first, n), each + (remainder if n == 0 else 0)) for n in range(count)
    )
    return InstalmentPlan(program, total, decided_on, allowed, schedule, table, deadline)


def apply_payments(
    plan: InstalmentPlan,
    payments: Sequence[InstalmentPayment],
    as_of: date,
    book: ParameterBook | None = None,
) -> PlanStatus:
    """Where a plan stands on `as_of`. An instalment is met when everything paid by its due date
    (inclusive) covers every instalment due up to and including it, so a late payment that catches up
    ends a run of arrears. When `recovery.instalment_arrears_limit` instalments in a row are unmet
    (기초연금법 시행규칙 제13조: 3회), the balance falls due at once from the day after the last of them.
    InvalidInput for a payment after `as_of` or of no money; Conflict when payments exceed the total."""
    limit, arrears_limit = program_entry(
        book or load_book(), "recovery.instalment_arrears_limit", plan.program, plan.decided_on
    )
    for payment in payments:
        if payment.paid_on > as_of:
            raise InvalidInput(
                f"{payment.paid_on.isoformat()} 납부는 기준일({as_of.isoformat()}) 이후입니다.",
                fields={"payments.paid_on": "not after as_of"},
            )
        if isinstance(payment.amount, bool) or not isinstance(payment.amount, int) or payment.amount <= 0:
            raise InvalidInput("납부액은 1원 이상이어야 합니다.", fields={"payments.amount": "positive won"})
    paid = sum(p.amount for p in payments)
    if paid > plan.total:
        raise Conflict(
            f"납부액 합계 {paid:,}원이 환수금 {plan.total:,}원을 넘습니다.",
            fields={"payments": "more than the total"},
        )
    standings: list[InstalmentStanding] = []
    run = longest = 0
    accelerated_on: date | None = None
    due_so_far = 0
    overdue_through = 0
    for instalment in plan.instalments:
        due_so_far += instalment.amount
        if instalment.due_on >= as_of:
            standings.append(InstalmentStanding(instalment, None))
            continue
        overdue_through = due_so_far
        met = sum(p.amount for p in payments if p.paid_on <= instalment.due_on) >= due_so_far
        standings.append(InstalmentStanding(instalment, met))
        run = 0 if met else run + 1
        longest = max(longest, run)
        if accelerated_on is None and run >= limit:
            accelerated_on = instalment.due_on + timedelta(days=1)
    outstanding = plan.total - paid
    return PlanStatus(
        as_of,
        paid,
        outstanding,
        max(overdue_through - paid, 0),
        longest,
        accelerated_on,
        outstanding if accelerated_on is not None else 0,
        tuple(standings),
        arrears_limit,
    )
