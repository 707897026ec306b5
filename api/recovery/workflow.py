"""The steps of a 환수 case after it is opened: 사전통지 and 의견제출, the 환수 결정 (the payment officer's,
recorded with who made it; nothing is recovered without it), repayments, 결손처분·반환 면제, and
withdrawal before the decision. Each step locks the case, checks the version the official read and
the state, and leaves an event in the case's history; money moves through the ledger (api/payments/
ledger.py) in the same transaction.

States: assessed → notified → decided → closed, or assessed|notified → withdrawn."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.trail import AuditTrail
from api.clock import today
from api.payments.chunks import driver, pay_instalments
from api.payments.ledger import Account, Leg, post
from api.recovery import book as rules
from api.recovery.repository import RecoveryRepository
from api.recovery.schemas import (
    ClosureCreate,
    NoticeCreate,
    OpinionCreate,
    ReceiptCreate,
    RecoveryDecisionCreate,
    RecoveryRead,
    WithdrawCreate,
)
from api.recovery.service import not_in_future
from api.recovery.views import case_view
from api.security.principal import Principal
from domain.errors import Conflict, InvalidInput
from domain.payments.recovery import (
    ClosureKind,
    RecoveryCause,
    instalment_plan,
    offset_allowed,
    validate_closure,
)
from domain.rules.programs.common import Program

STALE = "다른 사용자가 먼저 이 환수 사건을 바꾸었습니다. 다시 불러온 뒤 처리하십시오."
_STATE_LABELS = {
    "assessed": "산정",
    "notified": "사전통지",
    "decided": "환수 결정",
    "closed": "종결",
    "withdrawn": "철회",
}


def _not_before(day: date, earliest: date | None, field: str, what: str) -> None:
    if earliest is not None and day < earliest:
        raise InvalidInput(
            f"{field}({day.isoformat()})은(는) {what}({earliest.isoformat()})보다 앞설 수 없습니다.",
            fields={field: f"before {what}"},
        )


class RecoveryWorkflow:
    def __init__(self, session: AsyncSession, principal: Principal, trail: AuditTrail) -> None:
        assert principal.sigungu_code is not None, "payment duties belong to a 시군구's officials"
        self.session = session
        self.principal = principal
        self.trail = trail
        self.repo = RecoveryRepository(session, principal.sigungu_code)

    async def _case(self, recovery_id: uuid.UUID, version: int | None, *states: str) -> Any:
        row = await self.repo.case(recovery_id, lock=True)
        self.trail.add_subjects(row.debtor_person_id)
        if version is not None and row.version != version:
            raise Conflict(STALE, fields={"version": f"is {row.version}"})
        if row.state not in states:
            allowed = ", ".join(_STATE_LABELS[s] for s in states)
            raise Conflict(
                f"'{_STATE_LABELS[row.state]}' 상태의 환수 사건에는 할 수 없습니다 ({allowed} 상태에서만).",
                fields={"state": row.state},
            )
        return row

    async def _done(self, recovery_id: uuid.UUID) -> RecoveryRead:
        return await case_view(self.repo, self.trail, recovery_id, today())

    async def _journal(self, row: Any, kind: str, legs: list[Leg], memo: str) -> None:
        await post(
            await driver(self.session),
            kind=kind,
            sigungu=row.sigungu_code,
            program=row.program,
            legs=legs,
            posted_by=self.principal.name,
            recovery_id=row.id,
            memo=f"{memo} {row.case_number}",
        )

    async def notice(self, recovery_id: uuid.UUID, body: NoticeCreate) -> RecoveryRead:
        """사전통지: the recipient is told of the intended 환수 and may give an opinion until
        `opinion_due`, the last day of the period counted from the day after the notice."""
        row = await self._case(recovery_id, body.version, "assessed")
        notified_on = not_in_future(body.notified_on, "notified_on")
        due = notified_on + timedelta(days=body.opinion_days)
        await self.repo.update_case(recovery_id, state="notified", notified_on=notified_on, opinion_due=due)
        detail = {"notified_on": notified_on, "opinion_days": body.opinion_days, "opinion_due": due}
        await self.repo.event(recovery_id, "noticed", row.state, "notified", self.principal.name, detail)
        return await self._done(recovery_id)

    async def opinion(self, recovery_id: uuid.UUID, body: OpinionCreate) -> RecoveryRead:
        """의견제출: the recipient's opinion as received. One per case; the decision must follow it."""
        row = await self._case(recovery_id, body.version, "notified")
        if row.opinion is not None:
            raise Conflict("의견제출이 이미 기록되어 있습니다.", fields={"opinion": "already_recorded"})
        submitted_on = not_in_future(body.submitted_on, "submitted_on")
        _not_before(submitted_on, row.notified_on, "submitted_on", "사전통지일")
        await self.repo.update_case(recovery_id, opinion=body.opinion, opinion_on=submitted_on)
        detail = {"submitted_on": submitted_on, "late": submitted_on > row.opinion_due}
        await self.repo.event(recovery_id, "opinion", row.state, row.state, self.principal.name, detail)
        return await self._done(recovery_id)

    async def decide(self, recovery_id: uuid.UUID, body: RecoveryDecisionCreate) -> RecoveryRead:
        """환수 결정: the schedule (기초연금법 시행규칙 제13조 table, 납부기한 30일 이상), whether due
        instalments are set off against future payments (only where the program's law allows 상계),
        and the journal Dr 환수채권 / Cr 급여비용 환입 (+ Cr 환수이자수익)."""
        row = await self._case(recovery_id, body.version, "notified")
        decided_on = not_in_future(body.decided_on, "decided_on")
        _not_before(decided_on, row.notified_on, "decided_on", "사전통지일")
        if row.opinion is None and decided_on <= row.opinion_due:
            raise Conflict(
                f"의견제출 기한({row.opinion_due.isoformat()})이 지난 뒤에 결정할 수 있습니다"
                " (의견이 제출되었으면 그 뒤에).",
                fields={"decided_on": "within the opinion period"},
            )
        _not_before(decided_on, row.opinion_on, "decided_on", "의견제출일")
        program, book = Program(row.program), rules.parameter_book()
        if body.offset and not offset_allowed(program, decided_on, book):
            raise Conflict(
                "이 급여는 법에 상계 근거가 없어 앞으로 지급할 급여와 상계할 수 없습니다"
                " (생계·주거·교육급여는 국민기초생활보장법 제35조 압류금지).",
                fields={"offset": f"not allowed for {row.program}"},
            )
        plan = instalment_plan(
            program,
            row.total,
            decided_on,
            instalments=body.instalments,
            first_due_on=body.first_due,
            book=book,
        )
        await self.repo.add_instalments(
            recovery_id, [(i.number, i.due_on, i.amount) for i in plan.instalments]
        )
        await self.repo.update_case(
            recovery_id,
            state="decided",
            decided_on=decided_on,
            decided_by=self.principal.name,
            payment_due=plan.instalments[0].due_on,
            instalments=len(plan.instalments),
            offset_allowed=body.offset,
        )
        principal = min(row.principal, row.total)
        legs = [
            Leg(Account.RECOVERY_RECEIVABLE, debit=row.total),
            Leg(Account.EXPENSE_RECOVERED, credit=principal),
            Leg(Account.RECOVERY_INTEREST, credit=row.total - principal),
        ]
        await self._journal(row, "recovery_decision", legs, "환수 결정")
        detail = {
            "decided_on": decided_on,
            "instalments": len(plan.instalments),
            "max_instalments": plan.max_instalments,
            "first_due": plan.instalments[0].due_on,
            "offset": body.offset,
            "table": plan.table.reference,
        }
        await self.repo.event(recovery_id, "decided", row.state, "decided", self.principal.name, detail)
        return await self._done(recovery_id)

    async def receive(self, recovery_id: uuid.UUID, body: ReceiptCreate) -> RecoveryRead:
        """환수 납부: paid into the instalments oldest first (as 상계 by a payment run is), the balance
        lowered, Dr 보통예금 / Cr 환수채권; the case closes as repaid when nothing is left."""
        row = await self._case(recovery_id, None, "decided")
        received_on = not_in_future(body.received_on, "received_on")
        _not_before(received_on, row.decided_on, "received_on", "환수 결정일")
        if body.amount > row.balance:
            raise InvalidInput(
                f"납부액 {body.amount:,}원이 남은 환수금 {row.balance:,}원을 넘습니다.",
                fields={"amount": f"more than the balance {row.balance}"},
            )
        await self.repo.add_receipt(
            recovery_id, "repayment", body.amount, received_on, body.note, self.principal.name
        )
        await pay_instalments(await driver(self.session), recovery_id, body.amount)
        legs = [Leg(Account.BANK, debit=body.amount), Leg(Account.RECOVERY_RECEIVABLE, credit=body.amount)]
        await self._journal(row, "recovery_receipt", legs, "환수 납부")
        left = row.balance - body.amount
        detail = {"amount": body.amount, "received_on": received_on, "balance": left}
        await self.repo.event(recovery_id, "receipt", row.state, row.state, self.principal.name, detail)
        if left == 0:
            await self.repo.update_case(recovery_id, closed_on=received_on, closed_by=self.principal.name)
            await self.repo.event(
                recovery_id, "closed", row.state, "closed", self.principal.name, {"closure": "repaid"}
            )
        return await self._done(recovery_id)

    async def close(self, recovery_id: uuid.UUID, body: ClosureCreate) -> RecoveryRead:
        """결손처분 (장애인연금법 제17조④ and where the law gives it) or 반환 면제 (국민기초생활보장법
        제47조, not for fraud): the balance is closed by a receipt of that kind, Dr 환수결손 /
        Cr 환수채권. A power the program's law does not give is refused."""
        row = await self._case(recovery_id, body.version, "decided")
        closed_on = not_in_future(body.closed_on, "closed_on")
        _not_before(closed_on, row.decided_on, "closed_on", "환수 결정일")
        kind = ClosureKind(body.kind)
        basis = validate_closure(
            Program(row.program), kind, RecoveryCause(row.cause), closed_on, rules.parameter_book()
        )
        receipt = "write_off" if kind is ClosureKind.WRITE_OFF else "waiver"
        await self.repo.add_receipt(
            recovery_id, receipt, row.balance, closed_on, body.reason, self.principal.name
        )
        await self.repo.update_case(
            recovery_id,
            state="closed",
            closure=kind.value,
            closure_note=body.reason,
            balance=0,
            closed_on=closed_on,
            closed_by=self.principal.name,
        )
        legs = [
            Leg(Account.RECOVERY_WRITE_OFF, debit=row.balance),
            Leg(Account.RECOVERY_RECEIVABLE, credit=row.balance),
        ]
        await self._journal(row, "recovery_closure", legs, kind.label)
        detail = {
            "closure": kind.value,
            "label": kind.label,
            "amount": row.balance,
            "closed_on": closed_on,
            "reference": basis.reference,
            "uncertain": basis.uncertain,
        }
        await self.repo.event(recovery_id, "closed", row.state, "closed", self.principal.name, detail)
        return await self._done(recovery_id)

    async def withdraw(self, recovery_id: uuid.UUID, body: WithdrawCreate) -> RecoveryRead:
        """철회 before the decision (the finding did not hold, the assessment was wrong): the case
        stays on record, its months free for a new case."""
        row = await self._case(recovery_id, body.version, "assessed", "notified")
        await self.repo.update_case(
            recovery_id,
            state="withdrawn",
            closure="withdrawn",
            closure_note=body.reason,
            closed_on=today(),
            closed_by=self.principal.name,
        )
        await self.repo.event(
            recovery_id, "withdrawn", row.state, "withdrawn", self.principal.name, {"reason": body.reason}
        )
        return await self._done(recovery_id)
