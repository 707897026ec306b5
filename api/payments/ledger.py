"""The double-entry ledger of payments (복식부기): every movement of money is a journal whose debits
equal its credits. PostgreSQL enforces it too: a deferred constraint trigger refuses to commit an
unbalanced journal (migration 0007), and the application role can only append.

Accounts and the journals that move them:
- 급여 지급 (a payment run's chunk): Dr 급여비용 (gross) / Cr 미지급급여 (net) + Cr 환수채권 (상계);
- 이체 결과 (a bank result file): paid lines Dr 미지급급여 / Cr 보통예금;
- 환수 결정: Dr 환수채권 / Cr 급여비용 환입 (principal) + Cr 환수이자수익 (interest, fraud only);
- 환수 납부: Dr 보통예금 / Cr 환수채권; 결손처분·반환 면제: Dr 환수결손 / Cr 환수채권.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Account(StrEnum):
    BENEFIT_EXPENSE = "benefit_expense"
    BENEFITS_PAYABLE = "benefits_payable"
    BANK = "bank"
    RECOVERY_RECEIVABLE = "recovery_receivable"
    EXPENSE_RECOVERED = "expense_recovered"
    RECOVERY_INTEREST = "recovery_interest"
    RECOVERY_WRITE_OFF = "recovery_write_off"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Account.BENEFIT_EXPENSE: "급여비용",
    Account.BENEFITS_PAYABLE: "미지급급여",
    Account.BANK: "보통예금",
    Account.RECOVERY_RECEIVABLE: "환수채권",
    Account.EXPENSE_RECOVERED: "급여비용 환입",
    Account.RECOVERY_INTEREST: "환수이자수익",
    Account.RECOVERY_WRITE_OFF: "환수결손",
}


@dataclass(frozen=True, slots=True)
class Leg:
    account: Account
    debit: int = 0
    credit: int = 0


def balanced(legs: Sequence[Leg]) -> list[Leg]:
    """The legs with a non-zero amount, after checking the debits equal the credits: an unbalanced
    journal is a programming error, caught here with the amounts rather than at commit."""
    kept = [leg for leg in legs if leg.debit or leg.credit]
    debits, credits = sum(leg.debit for leg in kept), sum(leg.credit for leg in kept)
    if debits != credits:
        raise AssertionError(f"unbalanced journal: debits {debits} != credits {credits}")
    return kept


async def post(
    connection: Any,
    *,
    kind: str,
    sigungu: str,
    program: str,
    legs: Sequence[Leg],
    posted_by: str,
    run_id: Any = None,
    chunk_seq: int | None = None,
    recovery_id: Any = None,
    bank_file_id: Any = None,
    memo: str | None = None,
) -> int | None:
    """Appends one journal on an asyncpg `connection` (inside the caller's transaction). Nothing is
    posted for a journal of zero amounts."""
    kept = balanced(legs)
    if not kept:
        return None
    journal_id: int = await connection.fetchval(
        "INSERT INTO ledger_journals (kind, sigungu_code, run_id, chunk_seq, recovery_id, bank_file_id,"
        " memo, posted_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        kind,
        sigungu,
        run_id,
        chunk_seq,
        recovery_id,
        bank_file_id,
        memo,
        posted_by,
    )
    await connection.executemany(
        "INSERT INTO ledger_entries (journal_id, account, program, sigungu_code, debit, credit)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        [(journal_id, leg.account.value, program, sigungu, leg.debit, leg.credit) for leg in kept],
    )
    return journal_id
