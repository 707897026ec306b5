"""A 환수 case as officials read it: the case, its stored assessment, the instalments with where they
stand (`apply_payments`: unmet, 기한의 이익 상실), the receipts, the case's ledger and its history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from api.audit.trail import AuditTrail
from api.payments.ledger import Account
from api.payments.schemas import LedgerBalance
from api.recovery import book as rules
from api.recovery.repository import RecoveryRepository
from api.recovery.schemas import (
    AssessmentRead,
    EventRead,
    InstalmentRead,
    ReceiptRead,
    RecoveryLedger,
    RecoveryRead,
    RecoverySummary,
    StandingRead,
)
from domain.payments.recovery import (
    Instalment,
    InstalmentPayment,
    InstalmentPlan,
    PlanStatus,
    apply_payments,
    max_instalments,
)
from domain.payments.recovery_ledger import program_entry
from domain.rules.programs.common import Program

PAYMENT_KINDS = frozenset({"repayment", "offset"})


def summary(row: Any) -> RecoverySummary:
    return RecoverySummary(
        id=row.id,
        case_number=row.case_number,
        entitlement_id=row.entitlement_id,
        program=row.program,
        debtor_person_id=row.debtor_person_id,
        debtor_name=row.debtor_name,
        cause=row.cause,
        state=row.state,
        total=row.total,
        balance=row.balance,
        opened_at=row.opened_at,
        decided_on=row.decided_on,
    )


def _paid_on(receipt: Any, dues: Sequence[date]) -> date:
    """When a receipt counts as paid for the plan. A 상계 is taken by the first payment run whose pay
    day falls on or after the instalment's due date, a moment the recipient does not choose: it counts
    as paid on the due date of the instalment it collected, so set-off instalments are never 체납."""
    if receipt.kind != "offset":
        return receipt.received_on  # type: ignore[no-any-return]
    collected = [due for due in dues if due <= receipt.received_on]
    return max(collected) if collected else receipt.received_on


def standing(row: Any, instalments: Sequence[Any], receipts: Sequence[Any], as_of: date) -> PlanStatus | None:
    """Where the stored plan stands on `as_of`, counting the repayments and 상계 made by then."""
    if not instalments or row.decided_on is None:
        return None
    book = rules.parameter_book()
    program = Program(row.program)
    allowed, table = max_instalments(program, row.total, row.decided_on, book)
    _, deadline = program_entry(book, "recovery.payment_deadline_days", program, row.decided_on)
    plan = InstalmentPlan(
        program,
        row.total,
        row.decided_on,
        allowed,
        tuple(Instalment(i.seq, i.due_date, i.amount) for i in instalments),
        table,
        deadline,
    )
    dues = [i.due_date for i in instalments]
    payments = [
        InstalmentPayment(_paid_on(r, dues), r.amount)
        for r in receipts
        if r.kind in PAYMENT_KINDS and r.received_on <= as_of
    ]
    return apply_payments(plan, payments, as_of, book)


def ledger(entries: Sequence[Any], receipts: Sequence[Any]) -> RecoveryLedger:
    accounts = [
        LedgerBalance(account=e.account, label=Account(e.account).label, debit=e.debit, credit=e.credit)
        for e in entries
    ]
    receivable = next((a for a in accounts if a.account == Account.RECOVERY_RECEIVABLE), None)
    offsets = sum(r.amount for r in receipts if r.kind == "offset")
    outstanding = (receivable.debit - receivable.credit if receivable else 0) - offsets
    return RecoveryLedger(
        accounts=accounts,
        balanced=sum(a.debit for a in accounts) == sum(a.credit for a in accounts),
        offset_by_runs=offsets,
        receivable_outstanding=outstanding,
    )


async def case_view(
    repo: RecoveryRepository, trail: AuditTrail, recovery_id: uuid.UUID, as_of: date
) -> RecoveryRead:
    row = await repo.case(recovery_id)
    instalments = await repo.instalments(recovery_id)
    receipts = await repo.receipts(recovery_id)
    status = standing(row, instalments, receipts, as_of)
    met = {s.instalment.number: s.met for s in status.standings} if status else {}
    trail.add_subjects(row.debtor_person_id)
    return RecoveryRead(
        **summary(row).model_dump(),
        closure=row.closure,
        period_start=f"{row.period_start:%Y-%m}",
        period_end=f"{row.period_end:%Y-%m}",
        principal=row.principal,
        interest=row.interest,
        underpaid=row.underpaid,
        underpaid_note=(
            f"미지급 {row.underpaid:,}원이 있습니다. 소급지급은 환수와 상계하지 않고 따로 결정합니다"
            " (POST /api/v1/recoveries/arrears)."
            if row.underpaid
            else None
        ),
        finding=row.finding,
        opened_by=row.opened_by,
        notified_on=row.notified_on,
        opinion_due=row.opinion_due,
        opinion=row.opinion,
        opinion_on=row.opinion_on,
        decided_by=row.decided_by,
        payment_due=row.payment_due,
        instalments=row.instalments,
        offset_allowed=row.offset_allowed,
        closed_on=row.closed_on,
        closed_by=row.closed_by,
        closure_note=row.closure_note,
        version=row.version,
        assessment=AssessmentRead.model_validate(row.assessment),
        schedule=[
            InstalmentRead(seq=i.seq, due_date=i.due_date, amount=i.amount, paid=i.paid, met=met.get(i.seq))
            for i in instalments
        ],
        standing=(
            StandingRead(
                as_of=status.as_of,
                paid=status.paid,
                outstanding=status.outstanding,
                overdue=status.overdue,
                missed_in_a_row=status.missed_in_a_row,
                accelerated_on=status.accelerated_on,
                due_at_once=status.due_at_once,
                arrears_limit=status.arrears_limit.value[row.program],
            )
            if status
            else None
        ),
        receipts=[
            ReceiptRead(
                id=r.id,
                kind=r.kind,
                amount=r.amount,
                received_on=r.received_on,
                line_id=r.line_id,
                note=r.note,
                recorded_by=r.recorded_by,
                recorded_at=r.recorded_at,
            )
            for r in receipts
        ],
        ledger=ledger(await repo.ledger(recovery_id), receipts),
        history=[
            EventRead(
                event=e.event,
                from_state=e.from_state,
                to_state=e.to_state,
                detail=e.detail,
                actor=e.actor,
                occurred_at=e.occurred_at,
            )
            for e in await repo.events(recovery_id)
        ],
    )
