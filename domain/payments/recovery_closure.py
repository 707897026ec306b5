"""How a 환수 may be settled other than by payment: 상계 against the benefit still being paid, and the
closures the law gives — 결손처분 (장애인연금법 제17조④) and the 반환 면제 of 국민기초생활보장법 제47조
(the money is already spent, or another 부득이한 사유). Which program allows what is data
(`recovery.offset_programs`, `recovery.closure_kinds`): a power the law does not give is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.errors import InvalidInput
from domain.payments.recovery_ledger import RecoveryCause, program_entry, program_label
from domain.rules.parameter_book import ParameterBook, load_book
from domain.rules.programs.common import Program


class ClosureKind(StrEnum):
    WRITE_OFF = "write_off"
    WAIVER_SPENT = "waiver_spent"
    WAIVER_UNAVOIDABLE = "waiver_unavoidable"

    @property
    def label(self) -> str:
        return _CLOSURE_LABELS[self]

    @property
    def is_waiver(self) -> bool:
        return self is not ClosureKind.WRITE_OFF


_CLOSURE_LABELS = {
    ClosureKind.WRITE_OFF: "결손처분",
    ClosureKind.WAIVER_SPENT: "반환 면제 (이미 소비)",
    ClosureKind.WAIVER_UNAVOIDABLE: "반환 면제 (부득이한 사유)",
}


@dataclass(frozen=True, slots=True)
class ClosureBasis:
    """The legal basis found for a closure, to be stored with the decision."""

    program: Program
    kind: ClosureKind
    cause: RecoveryCause
    reference: str
    uncertain: str | None


def validate_closure(
    program: Program,
    kind: ClosureKind,
    cause: RecoveryCause,
    on: date,
    book: ParameterBook | None = None,
) -> ClosureBasis:
    """Checks that the law gives the power to close a 환수 of `program` this way (장애인연금법 제17조④
    결손처분; 국민기초생활보장법 제47조 반환 면제). The 제47조 waiver belongs to the 반환명령 for
    overpayment, not to the 제46조 징수 of benefits obtained by fraud, so it is refused for `fraud`.
    InvalidInput, with the reason in Korean, when there is no such power."""
    allowed, parameter = program_entry(book or load_book(), "recovery.closure_kinds", program, on)
    if kind.value not in allowed:
        raise InvalidInput(
            f"{program_label(program)} 환수금은 법에 '{kind.label}' 근거가 없어 그 방법으로 종결할 수 "
            "없습니다.",
            fields={"kind": f"{kind.value} not allowed for {program.value}"},
        )
    if kind.is_waiver and cause is RecoveryCause.FRAUD:
        raise InvalidInput(
            "부정한 방법으로 받은 급여의 징수(국민기초생활보장법 제46조)는 반환 면제(제47조)의 대상이 "
            "아닙니다.",
            fields={"kind": "no waiver for fraud"},
        )
    return ClosureBasis(program, kind, cause, parameter.reference, parameter.uncertain)


def offset_allowed(program: Program, on: date, book: ParameterBook | None = None) -> bool:
    """Whether a 환수금 of `program` may be set off against its future payments (기초연금법 제19조,
    장애인연금법 제17조, 아동수당법 제16조; not the 압류금지 benefits of 국민기초생활보장법 제35조)."""
    return program.value in (book or load_book()).at("recovery.offset_programs", on).value


def offset_for_payment(
    program: Program,
    payment_amount: int,
    instalment_due: int,
    *,
    on: date,
    book: ParameterBook | None = None,
) -> int:
    """How much of a payment of `program` due on `on` is withheld against the 환수금 instalment due
    (상계: 기초연금법 제19조, 장애인연금법 제17조, 아동수당법 제16조). Never more than the payment or the
    instalment, never negative, and zero for a program whose law gives no 상계. InvalidInput for a
    negative amount."""
    for name, value in (("payment_amount", payment_amount), ("instalment_due", instalment_due)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(
                "상계할 금액은 0원 이상의 정수(원)여야 합니다.", fields={name: "non-negative won"}
            )
    if not offset_allowed(program, on, book):
        return 0
    return min(payment_amount, instalment_due)
