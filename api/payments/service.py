"""Payment use cases over one request's transaction: reports, chunk retries, line listings (which
name payees and so are recorded in the 접속기록) and line actions after a failed transfer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.trail import AuditTrail
from api.connectors.bank import AccountHolderCheck
from api.keys import get_keys
from api.payments.bank_export import export_run
from api.payments.bank_import import import_result
from api.payments.lines import destination
from api.payments.repository import PaymentRepository
from api.payments.runs import retry_failed
from api.payments.schemas import (
    ExportResult,
    LineAction,
    LinePage,
    LineQuery,
    LineRead,
    ReconciliationRead,
    RunRead,
    RunReport,
)
from api.registry import protection
from api.security.principal import Principal
from domain.errors import Conflict, InvalidInput, NotFound
from domain.payments.bank_result_file import TransferFailure

_HOLD_LABELS = {
    "payee_missing": "수급자 없음",
    "no_account": "계좌 미등록",
    "unknown_bank": "알 수 없는 은행",
    "account_invalid": "예금주 확인 실패",
}

# Which action moves a line from which status to which.
_TRANSITIONS: dict[str, dict[str, str]] = {
    "retry": {"failed": "ready"},
    "hold": {"failed": "held", "ready": "held"},
    "release": {"held": "ready"},
}


class PaymentService:
    def __init__(self, session: AsyncSession, principal: Principal, trail: AuditTrail) -> None:
        self.session = session
        self.principal = principal
        self.trail = trail
        self.repo = PaymentRepository(session)

    @staticmethod
    async def report(repo: PaymentRepository, run_id: uuid.UUID) -> RunReport:
        run = await repo.run(run_id)
        rows = await repo.report_rows(run_id)
        ledger = await repo.ledger(run_id)
        debits = sum(b.debit for b in ledger)
        credits = sum(b.credit for b in ledger)
        expense = next((b.debit for b in ledger if b.account == "benefit_expense"), 0)
        line_sum = sum(r.gross for r in rows)
        return RunReport(
            run=run,
            rows=rows,
            hold_reasons=await repo.hold_reasons(run_id),
            failure_reasons=await repo.failure_reasons(run_id),
            ledger=ledger,
            ledger_balanced=debits == credits,
            lines_equal_total=(run.total_gross is None or run.total_gross == line_sum)
            and expense == line_sum,
        )

    async def retry(self, run_id: uuid.UUID) -> RunRead:
        await self.repo.run(run_id)
        await retry_failed(self.session, run_id)
        return await self.repo.run(run_id)

    async def lines(self, run_id: uuid.UUID, query: LineQuery) -> LinePage:
        await self.repo.run(run_id)
        items, total = await self.repo.lines(run_id, query.status, query.limit, query.offset)
        self.trail.add_subjects(*(item.payee_person_id for item in items))
        return LinePage(items=items, total=total)

    async def act_on_line(self, line_id: int, body: LineAction) -> LineRead:
        row = (
            await self.session.execute(
                text(
                    "SELECT id, run_id, status, sigungu_code, payee_person_id FROM payment_lines"
                    " WHERE id = :id FOR UPDATE"
                ),
                {"id": line_id},
            )
        ).first()
        if row is None:
            raise NotFound("지급 내역을 찾을 수 없습니다.", fields={"line_id": "not_found"})
        target = _TRANSITIONS[body.action].get(row.status)
        if target is None:
            raise Conflict(
                f"'{row.status}' 상태의 지급 내역에는 '{body.action}'을(를) 할 수 없습니다.",
                fields={"status": row.status},
            )
        if target == "ready":
            await self._send_to_current_account(line_id, row.payee_person_id)
        else:
            # A hold is the official's own, whatever held the line before.
            await self.session.execute(
                text("UPDATE payment_lines SET status = 'held', hold_reason = 'official' WHERE id = :id"),
                {"id": line_id},
            )
        await self.session.execute(
            text(
                "INSERT INTO payment_line_actions"
                " (line_id, sigungu_code, action, from_status, to_status, reason, actor)"
                " VALUES (:id, :s, :action, :from, :to, :reason, :actor)"
            ),
            {
                "id": line_id,
                "s": row.sigungu_code,
                "action": body.action,
                "from": row.status,
                "to": target,
                "reason": body.reason,
                "actor": self.principal.name,
            },
        )
        self.trail.add_subjects(row.payee_person_id)
        return await self.repo.line(line_id)

    async def _send_to_current_account(self, line_id: int, payee: uuid.UUID) -> None:
        """A line let go or sent again goes to the account the payee has on file now (the failure
        was often a closed or mistyped account, since corrected), and cannot go without one."""
        person = (
            await self.session.execute(
                text(
                    "SELECT bank_name, bank_account_last4, bank_account_protected, bank_account_check,"
                    " bank_account_ciphertext IS NOT NULL AS has_account FROM persons WHERE id = :p"
                ),
                {"p": payee},
            )
        ).first()
        if person is None:
            code, hold = destination(None, None, False, None)
        else:
            code, hold = destination(payee, person.bank_name, person.has_account, person.bank_account_check)
        if hold is not None:
            raise Conflict(
                f"수급자 계좌로 보낼 수 없습니다 ({_HOLD_LABELS.get(hold, hold)})."
                " 계좌를 먼저 바로잡으십시오.",
                fields={"hold_reason": hold},
            )
        await self.session.execute(
            text(
                "UPDATE payment_lines SET status = 'ready', hold_reason = NULL, failure_code = NULL,"
                " bank_code = :code, account_last4 = :last4, protected_account = :protected WHERE id = :id"
            ),
            {
                "id": line_id,
                "code": code,
                "last4": person.bank_account_last4 if person else None,
                "protected": bool(person.bank_account_protected) if person else False,
            },
        )

    async def export(self, run_id: uuid.UUID, bank: AccountHolderCheck) -> ExportResult:
        exported = await export_run(
            self.session, run_id, keys=get_keys(), bank=bank, actor=self.principal.name, now=_now()
        )
        self.trail.add_subjects(*exported.payees)
        files = [await self.repo.bank_file(file_id) for file_id in exported.file_ids]
        return ExportResult(
            files=files,
            held_by_account_check=exported.held_by_account_check,
            bank_unavailable=exported.bank_unavailable,
        )

    async def content(self, file_id: uuid.UUID) -> tuple[str, bytes]:
        """The transfer file as sent. It lists payees' account numbers: a download states why."""
        if not self.trail.purpose:
            raise InvalidInput(
                "이체 파일을 내려받는 사유를 X-Purpose 헤더에 적어 주십시오.",
                fields={"X-Purpose": "required"},
            )
        name, sealed, payees = await self.repo.bank_file_sealed(file_id)
        self.trail.add_subjects(*payees)
        return name, protection.decrypt_bytes(get_keys(), file_id, sealed, protection.BANK_FILE)

    async def import_result(self, file_id: uuid.UUID, data: bytes) -> ReconciliationRead:
        await import_result(
            self.session, file_id, data, keys=get_keys(), actor=self.principal.name, now=_now()
        )
        _, _, payees = await self.repo.bank_file_sealed(file_id)
        self.trail.add_subjects(*payees)
        failures = await self.session.execute(
            text(
                "SELECT failure_code, count(*) AS n FROM bank_transfers WHERE bank_file_id = :f"
                " AND status = 'failed' GROUP BY failure_code ORDER BY failure_code"
            ),
            {"f": file_id},
        )
        return ReconciliationRead(
            file=await self.repo.bank_file(file_id),
            failures={TransferFailure.from_code(r.failure_code).label: r.n for r in failures},
        )


def _now() -> datetime:
    return datetime.now(UTC)
