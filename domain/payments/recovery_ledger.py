"""The month-by-month comparison a 환수 or 소급지급 starts from: what the ledger says was paid for an
entitlement in each month against what the re-calculated entitlement says was due.

A month where more was paid than was due is 과오지급 (the overpaid part is what 기초연금법 제19조,
장애인연금법 제17조, 아동수당법 제16조, 국민기초생활보장법 제46조·제47조 let the agency recover); a month
where less was paid is 미지급 (the underpaid part is owed to the recipient as a 소급지급). One month is
never both: the two are the positive and negative parts of `paid - due`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from domain.cases.reasons import PROGRAM_LABELS
from domain.errors import InvalidInput
from domain.rules.parameter_book import ParameterBook, ParameterValue
from domain.rules.programs.common import Program


class RecoveryCause(StrEnum):
    """Why the money was paid wrongly (기초연금법 제19조①: 거짓이나 그 밖의 부정한 방법, 지급정지 중 지급,
    잘못 지급). Only `fraud` bears interest; the 반환 면제 of 국민기초생활보장법 제47조 is for the others."""

    AGENCY_ERROR = "agency_error"
    RECIPIENT_ERROR = "recipient_error"
    FRAUD = "fraud"

    @property
    def label(self) -> str:
        return _CAUSE_LABELS[self]


_CAUSE_LABELS = {
    RecoveryCause.AGENCY_ERROR: "행정 착오에 의한 잘못 지급",
    RecoveryCause.RECIPIENT_ERROR: "수급자 귀책 (신고 불이행 등)",
    RecoveryCause.FRAUD: "거짓이나 그 밖의 부정한 방법에 의한 수급",
}


@dataclass(frozen=True, slots=True)
class MonthLedger:
    """One month of one entitlement. `paid_on` is the day the money actually went out; when it is
    None the program's legal pay day for the month is used (domain/payments/calendar.py)."""

    month: date  # the first day of the month paid for
    paid: int
    due: int
    paid_on: date | None = None


@dataclass(frozen=True, slots=True)
class MonthDifference:
    month: date
    paid: int
    due: int
    overpaid: int  # max(paid - due, 0)
    underpaid: int  # max(due - paid, 0)


@dataclass(frozen=True, slots=True)
class LedgerDifference:
    months: tuple[MonthDifference, ...]  # in month order
    paid: int
    due: int
    overpaid: int
    underpaid: int


def _check_won(value: Any, field: str, month: date) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(
            f"{month.isoformat()} 월의 금액은 0원 이상의 정수(원)여야 합니다.",
            fields={field: "a non-negative whole number of won"},
        )


def month_differences(months: Sequence[MonthLedger]) -> LedgerDifference:
    """Compares paid with due month by month (기초연금법 제19조①, 국민기초생활보장법 제47조: what was paid
    beyond the entitlement). InvalidInput when no month is given, when a month is not the first of a
    month or appears twice, or when an amount is not a non-negative whole number of won."""
    if not months:
        raise InvalidInput("비교할 급여 월이 하나도 없습니다.", fields={"months": "at least one month"})
    seen: set[date] = set()
    rows: list[MonthDifference] = []
    for entry in months:
        if not isinstance(entry.month, date) or entry.month.day != 1:
            raise InvalidInput(
                f"급여 월 {entry.month}은(는) 그 달의 1일로 적어야 합니다.",
                fields={"months.month": "the first day of a month"},
            )
        if entry.month in seen:
            raise InvalidInput(
                f"{entry.month:%Y년 %m월} 급여가 두 번 들어 있습니다.",
                fields={"months.month": "each month once"},
            )
        seen.add(entry.month)
        _check_won(entry.paid, "months.paid", entry.month)
        _check_won(entry.due, "months.due", entry.month)
        rows.append(
            MonthDifference(
                entry.month,
                entry.paid,
                entry.due,
                max(entry.paid - entry.due, 0),
                max(entry.due - entry.paid, 0),
            )
        )
    rows.sort(key=lambda row: row.month)
    return LedgerDifference(
        tuple(rows),
        sum(r.paid for r in rows),
        sum(r.due for r in rows),
        sum(r.overpaid for r in rows),
        sum(r.underpaid for r in rows),
    )


def program_label(program: Program) -> str:
    return PROGRAM_LABELS.get(program, program.value)


def program_entry(book: ParameterBook, name: str, program: Program, on: date) -> tuple[Any, ParameterValue]:
    """The entry of a per-program recovery table in force on `on`. A program the table leaves out has
    no recovery rules registered: that is refused, never defaulted."""
    parameter = book.at(name, on)
    if program.value not in parameter.value:
        raise InvalidInput(
            f"{program_label(program)}에는 '{parameter.label}' 기준이 등록되어 있지 않아 환수를 계산할 수 "
            "없습니다.",
            fields={"program": f"not in {name}"},
        )
    return parameter.value[program.value], parameter
