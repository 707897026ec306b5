"""The payment lines of one entitlement in one run: its month's amount (the domain's `amount_due`),
the arrears (소급지급) decided for it, the 상계 of recovery instalments due, and whether the money can
go out (an account on file, a known bank, an account that passed the 예금주 확인).

Plain values in and out, so the run and the single-entitlement preview compute identically."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache

from domain.errors import InvalidInput
from domain.payments.banks import bank_by_name
from domain.payments.monthly import EntitlementTerms, MonthRules, amount_due

# 예금주 확인 outcomes after which nothing is sent to the account until it is corrected.
# "invalid": the bank could not even be asked (a malformed number).
FAILED_ACCOUNT_CHECKS = frozenset({"holder_mismatch", "not_found", "closed", "invalid"})


@dataclass(frozen=True, slots=True)
class OpenRecovery:
    recovery_id: uuid.UUID
    balance: int
    due: int  # instalments due by the pay day and not yet paid


@dataclass(frozen=True, slots=True)
class LineInput:
    terms: EntitlementTerms
    payee_id: uuid.UUID | None
    bank_name: str | None
    account_last4: str | None
    has_account: bool
    protected_account: bool
    account_check: str | None
    arrears: tuple[tuple[uuid.UUID, int], ...] = ()
    recoveries: tuple[OpenRecovery, ...] = ()


@dataclass(frozen=True, slots=True)
class Offset:
    recovery_id: uuid.UUID
    amount: int


@dataclass(frozen=True, slots=True)
class Line:
    kind: str  # regular | arrears
    basis: str
    gross: int
    offset: int
    status: str  # ready | held | settled
    hold_reason: str | None
    bank_code: str | None
    arrears_id: uuid.UUID | None = None
    offsets: tuple[Offset, ...] = ()


@dataclass(frozen=True, slots=True)
class Built:
    lines: tuple[Line, ...]


def destination(
    payee_id: uuid.UUID | None, bank_name: str | None, has_account: bool, account_check: str | None
) -> tuple[str | None, str | None]:
    """(bank code, hold reason): where the money goes, or why it is held."""
    if payee_id is None:
        return None, "payee_missing"
    if not has_account or not bank_name:
        return None, "no_account"
    code = _bank_code(bank_name)
    if code is None:
        return None, "unknown_bank"
    if account_check in FAILED_ACCOUNT_CHECKS:
        return code, "account_invalid"
    return code, None


def _destination(line_input: LineInput) -> tuple[str | None, str | None]:
    return destination(
        line_input.payee_id, line_input.bank_name, line_input.has_account, line_input.account_check
    )


@lru_cache(maxsize=1024)
def _bank_code(name: str) -> str | None:
    try:
        return bank_by_name(name).code
    except InvalidInput:
        return None


def build_line(line_input: LineInput, rules: MonthRules) -> Built:
    bank_code, hold = _destination(line_input)
    lines: list[Line] = []
    due = amount_due(line_input.terms, rules)
    if due.amount > 0:
        offsets: list[Offset] = []
        left = due.amount
        for recovery in line_input.recoveries:
            # The decision that allowed the 상계 checked the program's law (recovery_cases.offset_allowed);
            # what is set off is what is due by the pay day, never more than the payment.
            take = max(0, min(recovery.due, recovery.balance, left))
            if take > 0:
                offsets.append(Offset(recovery.recovery_id, take))
                left -= take
        taken = due.amount - left
        status = "settled" if left == 0 else ("held" if hold else "ready")
        lines.append(
            Line(
                "regular",
                due.basis.value,
                due.amount,
                taken,
                status,
                hold if left else None,
                bank_code,
                None,
                tuple(offsets),
            )
        )
    for arrears_id, amount in line_input.arrears:
        lines.append(
            Line("arrears", "arrears", amount, 0, "held" if hold else "ready", hold, bank_code, arrears_id)
        )
    return Built(tuple(lines))
