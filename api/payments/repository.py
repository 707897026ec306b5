"""All SQL the payment endpoints read with, scoped by row-level security to the caller's 시군구 (the
session's principal set it) and, for lines, to their 읍면동."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.payments.ledger import Account
from api.payments.schemas import BankFileRead, LedgerBalance, LineRead, ReportRow, RunProgress, RunRead
from domain.errors import NotFound
from domain.payments.bank_result_file import TransferFailure
from domain.payments.banks import bank_by_code
from domain.payments.calendar import pay_day
from domain.rules.programs.common import Program

_RUN = """
SELECT r.*, c.done, c.failed, c.errors
  FROM payment_runs r
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE state = 'done') AS done,
           count(*) FILTER (WHERE state = 'failed') AS failed,
           array_remove(array_agg(CASE WHEN state = 'failed' THEN seq || ': ' || error END), NULL) AS errors
      FROM payment_run_chunks WHERE run_id = r.id) c
"""

_BANK_FILE = (
    "SELECT id, run_id, bank_code, sequence, file_name, line_count, total_amount, created_by, created_at,"
    " result_imported_at, paid_count, paid_amount, failed_count, failed_amount FROM bank_files"
)
_LINE_SELECT = (
    "SELECT l.*, p.name AS payee_name FROM payment_lines l LEFT JOIN persons p ON p.id = l.payee_person_id"
)
_LINE_COUNT = (
    "SELECT count(*) FROM payment_lines l"
    " WHERE l.run_id = :run AND (CAST(:status AS text) IS NULL OR l.status = :status)"
)
_LINE_PAGE = (
    _LINE_SELECT + " WHERE l.run_id = :run AND (CAST(:status AS text) IS NULL OR l.status = :status)"
    " ORDER BY l.id LIMIT :limit OFFSET :offset"
)


def _failure_label(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return TransferFailure.from_code(code).label
    except ValueError:
        return code


def run_read(row: Any) -> RunRead:
    total = int(row.total_chunks)
    day = pay_day(Program(row.program), row.month.year, row.month.month)
    return RunRead(
        id=row.id,
        program=row.program,
        month=f"{row.month:%Y-%m}",
        sigungu_code=row.sigungu_code,
        legal_day=row.legal_day,
        pay_date=row.pay_date,
        pay_date_reason=day.reason if day.paid_on == row.pay_date else None,
        state=row.state,
        planned_entitlements=row.planned_entitlements,
        progress=RunProgress(
            total_chunks=total,
            done_chunks=int(row.done),
            failed_chunks=int(row.failed),
            fraction=1.0 if total == 0 else int(row.done) / total,
        ),
        line_count=row.line_count,
        total_gross=row.total_gross,
        total_offset=row.total_offset,
        total_net=row.total_net,
        created_by=row.created_by,
        created_at=row.created_at,
        completed_at=row.completed_at,
        chunk_errors=list(row.errors or ()),
    )


class PaymentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def run(self, run_id: uuid.UUID) -> RunRead:
        row = (await self.session.execute(text(_RUN + " WHERE r.id = :id"), {"id": run_id})).first()
        if row is None:
            raise NotFound("지급 작업을 찾을 수 없습니다.", fields={"run_id": "not_found"})
        return run_read(row)

    async def runs(self, program: str | None, month: date | None, limit: int) -> list[RunRead]:
        rows = await self.session.execute(
            text(
                _RUN + " WHERE (CAST(:program AS text) IS NULL OR r.program = :program)"
                " AND (CAST(:month AS date) IS NULL OR r.month = :month)"
                " ORDER BY r.month DESC, r.program LIMIT :limit"
            ),
            {"program": program, "month": month, "limit": limit},
        )
        return [run_read(row) for row in rows]

    async def report_rows(self, run_id: uuid.UUID) -> list[ReportRow]:
        rows = await self.session.execute(
            text(
                "SELECT status, program, sigungu_code, emd_code, count(*) AS n, sum(gross_amount) AS gross,"
                " sum(offset_amount) AS offset_sum, sum(net_amount) AS net FROM payment_lines"
                " WHERE run_id = :run GROUP BY status, program, sigungu_code, emd_code"
                " ORDER BY status, emd_code NULLS FIRST"
            ),
            {"run": run_id},
        )
        return [
            ReportRow(
                status=r.status,
                program=r.program,
                sigungu_code=r.sigungu_code,
                emd_code=r.emd_code,
                count=r.n,
                gross=r.gross,
                offset=r.offset_sum,
                net=r.net,
            )
            for r in rows
        ]

    async def hold_reasons(self, run_id: uuid.UUID) -> dict[str, int]:
        rows = await self.session.execute(
            text(
                "SELECT hold_reason, count(*) AS n FROM payment_lines WHERE run_id = :run AND status = 'held'"
                " GROUP BY hold_reason ORDER BY hold_reason"
            ),
            {"run": run_id},
        )
        return {r.hold_reason or "unspecified": r.n for r in rows}

    async def failure_reasons(self, run_id: uuid.UUID) -> dict[str, int]:
        rows = await self.session.execute(
            text(
                "SELECT t.failure_code, count(*) AS n FROM bank_transfers t"
                " JOIN bank_files f ON f.id = t.bank_file_id WHERE f.run_id = :run AND t.status = 'failed'"
                " GROUP BY t.failure_code ORDER BY t.failure_code"
            ),
            {"run": run_id},
        )
        return {r.failure_code: r.n for r in rows}

    async def ledger(self, run_id: uuid.UUID) -> list[LedgerBalance]:
        rows = await self.session.execute(
            text(
                "SELECT e.account, sum(e.debit) AS debit, sum(e.credit) AS credit FROM ledger_entries e"
                " JOIN ledger_journals j ON j.id = e.journal_id WHERE j.run_id = :run"
                " GROUP BY e.account ORDER BY e.account"
            ),
            {"run": run_id},
        )
        return [
            LedgerBalance(account=r.account, label=Account(r.account).label, debit=r.debit, credit=r.credit)
            for r in rows
        ]

    async def lines(
        self, run_id: uuid.UUID, status: str | None, limit: int, offset: int
    ) -> tuple[list[LineRead], int]:
        params = {"run": run_id, "status": status, "limit": limit, "offset": offset}
        total = (await self.session.execute(text(_LINE_COUNT), params)).scalar_one()
        rows = await self.session.execute(text(_LINE_PAGE), params)
        items = [_line_read(r) for r in rows]
        return items, int(total)

    async def bank_files(self, run_id: uuid.UUID) -> list[BankFileRead]:
        rows = await self.session.execute(
            text(_BANK_FILE + " WHERE run_id = :run ORDER BY bank_code, sequence"), {"run": run_id}
        )
        return [_bank_file_read(r) for r in rows]

    async def bank_file(self, file_id: uuid.UUID) -> BankFileRead:
        row = (await self.session.execute(text(_BANK_FILE + " WHERE id = :id"), {"id": file_id})).first()
        if row is None:
            raise NotFound("이체 파일을 찾을 수 없습니다.", fields={"file_id": "not_found"})
        return _bank_file_read(row)

    async def bank_file_sealed(self, file_id: uuid.UUID) -> tuple[str, bytes, list[uuid.UUID]]:
        """The file's name, its encrypted content and the payees it names."""
        row = (
            await self.session.execute(
                text("SELECT file_name, content_ciphertext FROM bank_files WHERE id = :id"), {"id": file_id}
            )
        ).first()
        if row is None:
            raise NotFound("이체 파일을 찾을 수 없습니다.", fields={"file_id": "not_found"})
        payees = await self.session.execute(
            text(
                "SELECT DISTINCT l.payee_person_id FROM bank_transfers t JOIN payment_lines l"
                " ON l.id = t.line_id WHERE t.bank_file_id = :id"
            ),
            {"id": file_id},
        )
        return row.file_name, bytes(row.content_ciphertext), [p[0] for p in payees]

    async def line(self, line_id: int) -> LineRead:
        row = (
            await self.session.execute(
                text(_LINE_SELECT + " WHERE l.id = :id"),
                {"id": line_id},
            )
        ).first()
        if row is None:
            raise NotFound("지급 내역을 찾을 수 없습니다.", fields={"line_id": "not_found"})
        return _line_read(row)


def _bank_file_read(r: Any) -> BankFileRead:
    return BankFileRead(
        id=r.id,
        run_id=r.run_id,
        bank_code=r.bank_code,
        bank_name=bank_by_code(r.bank_code).name,
        sequence=r.sequence,
        file_name=r.file_name,
        line_count=r.line_count,
        total_amount=r.total_amount,
        created_by=r.created_by,
        created_at=r.created_at,
        result_imported_at=r.result_imported_at,
        paid_count=r.paid_count,
        paid_amount=r.paid_amount,
        failed_count=r.failed_count,
        failed_amount=r.failed_amount,
    )


def _line_read(r: Any) -> LineRead:
    return LineRead(
        id=r.id,
        kind=r.kind,
        entitlement_id=r.entitlement_id,
        month=f"{r.month:%Y-%m}",
        payee_person_id=r.payee_person_id,
        payee_name=r.payee_name,
        emd_code=r.emd_code,
        basis=r.basis,
        gross_amount=r.gross_amount,
        offset_amount=r.offset_amount,
        net_amount=r.net_amount,
        status=r.status,
        hold_reason=r.hold_reason,
        bank_code=r.bank_code,
        account_masked=f"****{r.account_last4}" if r.account_last4 else None,
        protected_account=r.protected_account,
        failure_code=r.failure_code,
        failure_label=_failure_label(r.failure_code),
    )
