"""All SQL of 환수 cases and 소급지급 decisions. Every query names the caller's 시군구, and row-level
security enforces the same underneath (cases and arrears also by 읍면동, `ieum_in_scope`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.recovery.months import ArrearsFact, Covered, LineFact
from domain.errors import NotFound

# One entitlement with what its monthly amount depends on, in the shape the payment run reads
# (api/payments/chunks.py `_ENTITLEMENTS`), so the due amounts are computed identically.
_ENTITLEMENT = """
SELECT e.id, e.program, e.person_id, e.household_id, e.sigungu_code, e.emd_code, e.start_date,
       e.end_date, e.cancelled_from, a.froms, a.amounts, s.events, s.days
  FROM entitlements e
  CROSS JOIN LATERAL (SELECT array_agg(effective_from ORDER BY id) AS froms,
                             array_agg(monthly_amount ORDER BY id) AS amounts
                        FROM entitlement_amounts WHERE entitlement_id = e.id) a
  LEFT JOIN LATERAL (SELECT array_agg(event ORDER BY id) AS events,
                            array_agg(effective_on ORDER BY id) AS days
                       FROM entitlement_events
                      WHERE entitlement_id = e.id AND event IN ('suspend', 'resume')) s ON true
 WHERE e.id = :id AND e.sigungu_code = :s
"""
_LINES = """
SELECT l.month, l.kind, l.status, l.gross_amount, l.payee_person_id, r.pay_date
  FROM payment_lines l JOIN payment_runs r ON r.id = l.run_id
 WHERE l.entitlement_id = :e AND l.sigungu_code = :s
 ORDER BY r.pay_date, l.id
"""
_ARREARS = """
SELECT a.months, l.status, r.pay_date
  FROM arrears a
  LEFT JOIN payment_lines l ON l.id = a.paid_line_id
  LEFT JOIN payment_runs r ON r.id = l.run_id
 WHERE a.entitlement_id = :e AND a.sigungu_code = :s
"""
_CASE = """
SELECT c.*, p.name AS debtor_name FROM recovery_cases c LEFT JOIN persons p ON p.id = c.debtor_person_id
"""
_CASE_FILTER = """
 WHERE c.sigungu_code = :s AND (CAST(:state AS text) IS NULL OR c.state = :state)
   AND (CAST(:program AS text) IS NULL OR c.program = :program)
"""
_CASE_PAGE = (
    _CASE + _CASE_FILTER + " ORDER BY c.opened_at DESC, c.case_number DESC LIMIT :limit OFFSET :offset"
)
_CASE_COUNT = "SELECT count(*) FROM recovery_cases c" + _CASE_FILTER  # noqa: S608 - constants
_INSERT_CASE = """
INSERT INTO recovery_cases (id, case_number, entitlement_id, program, debtor_person_id, sigungu_code,
  emd_code, cause, state, period_start, period_end, principal, interest, total, underpaid, balance,
  assessment, finding, opened_by)
VALUES (:id, :number, :entitlement, :program, :debtor, :s, :emd, :cause, 'assessed', :first, :last,
  :principal, :interest, :total, :underpaid, :total, CAST(:assessment AS jsonb), :finding, :actor)
"""
_SERIAL = """
INSERT INTO recovery_case_serials (sigungu_code, year, last_serial) VALUES (:s, :y, 1)
ON CONFLICT (sigungu_code, year) DO UPDATE SET last_serial = recovery_case_serials.last_serial + 1
RETURNING last_serial
"""
_LEDGER = """
SELECT e.account, sum(e.debit) AS debit, sum(e.credit) AS credit
  FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
 WHERE j.recovery_id = :id AND j.sigungu_code = :s
 GROUP BY e.account ORDER BY e.account
"""


def _month(raw: str) -> date:
    year, month = raw.split("-")
    return date(int(year), int(month), 1)


class RecoveryRepository:
    def __init__(self, session: AsyncSession, sigungu: str) -> None:
        self.session = session
        self.sigungu = sigungu

    async def _rows(self, sql: str, **params: Any) -> Sequence[Any]:
        return (await self.session.execute(text(sql), {"s": self.sigungu, **params})).all()

    # --- what the month table is built from ------------------------------------------------------
    async def entitlement(self, entitlement_id: uuid.UUID, *, lock: bool = False) -> Any:
        """The entitlement as `_terms` reads it; NotFound outside the caller's 시군구. `lock` holds the
        row until the transaction ends, so two 환수 or 소급지급 of one entitlement are made in turn."""
        if lock:
            await self.session.execute(
                text("SELECT id FROM entitlements WHERE id = :id AND sigungu_code = :s FOR UPDATE"),
                {"id": entitlement_id, "s": self.sigungu},
            )
        rows = await self._rows(_ENTITLEMENT, id=entitlement_id)
        if not rows:
            raise NotFound("급여 자격을 찾을 수 없습니다.", fields={"entitlement_id": "not_found"})
        return rows[0]._mapping

    async def lines(self, entitlement_id: uuid.UUID) -> tuple[list[LineFact], uuid.UUID | None]:
        """The entitlement's payment lines, and the payee of the last one that went out."""
        rows = await self._rows(_LINES, e=entitlement_id)
        facts = [LineFact(r.month, r.kind, r.status, int(r.gross_amount), r.pay_date) for r in rows]
        payees = [r.payee_person_id for r in rows if r.status in ("sent", "paid", "settled")]
        return facts, (payees[-1] if payees else None)

    async def arrears(self, entitlement_id: uuid.UUID) -> list[ArrearsFact]:
        return [
            ArrearsFact(
                tuple((_month(m["month"]), int(m["underpaid"])) for m in r.months),
                r.status in ("sent", "paid", "settled"),
                r.pay_date,
            )
            for r in await self._rows(_ARREARS, e=entitlement_id)
        ]

    async def runs(self, program: str, first: date, last: date) -> dict[date, tuple[str, date]]:
        rows = await self._rows(
            "SELECT month, state, pay_date FROM payment_runs"
            " WHERE sigungu_code = :s AND program = :p AND month BETWEEN :first AND :last",
            p=program,
            first=first,
            last=last,
        )
        return {r.month: (r.state, r.pay_date) for r in rows}

    async def covered(self, entitlement_id: uuid.UUID) -> list[Covered]:
        rows = await self._rows(
            "SELECT case_number, period_start, period_end FROM recovery_cases"
            " WHERE entitlement_id = :e AND sigungu_code = :s AND state <> 'withdrawn'",
            e=entitlement_id,
        )
        return [Covered(r.case_number, r.period_start, r.period_end) for r in rows]

    async def person_name(self, person_id: uuid.UUID) -> str | None:
        name = (
            await self.session.execute(text("SELECT name FROM persons WHERE id = :id"), {"id": person_id})
        ).scalar_one_or_none()
        return str(name) if name is not None else None

    # --- cases -----------------------------------------------------------------------------------
    async def next_serial(self, year: int) -> int:
        return int((await self._rows(_SERIAL, y=year))[0][0])

    async def insert_case(self, **values: Any) -> None:
        values["assessment"] = json.dumps(values["assessment"], ensure_ascii=False)
        await self.session.execute(text(_INSERT_CASE), {"s": self.sigungu, **values})

    async def case(self, recovery_id: uuid.UUID, *, lock: bool = False) -> Any:
        if lock:
            await self.session.execute(
                text("SELECT id FROM recovery_cases WHERE id = :id AND sigungu_code = :s FOR UPDATE"),
                {"id": recovery_id, "s": self.sigungu},
            )
        rows = await self._rows(_CASE + " WHERE c.id = :id AND c.sigungu_code = :s", id=recovery_id)
        if not rows:
            raise NotFound("환수 사건을 찾을 수 없습니다.", fields={"recovery_id": "not_found"})
        return rows[0]

    async def cases(
        self, state: str | None, program: str | None, limit: int, offset: int
    ) -> tuple[list[Any], int]:
        params = {"state": state, "program": program}
        total = (await self._rows(_CASE_COUNT, **params))[0][0]
        rows = await self._rows(_CASE_PAGE, **params, limit=limit, offset=offset)
        return list(rows), int(total)

    async def update_case(self, recovery_id: uuid.UUID, **values: Any) -> None:
        """Sets `values` on the case and raises its version (the caller checked the version read)."""
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        await self.session.execute(
            text(f"UPDATE recovery_cases SET {assignments}, version = version + 1 WHERE id = :id"),  # noqa: S608
            {"id": recovery_id, **values},
        )

    async def event(
        self,
        recovery_id: uuid.UUID,
        event: str,
        from_state: str | None,
        to_state: str,
        actor: str,
        detail: dict[str, Any],
    ) -> None:
        await self.session.execute(
            text(
                "INSERT INTO recovery_events (recovery_id, event, from_state, to_state, detail, actor)"
                " VALUES (:id, :event, :from_state, :to_state, CAST(:detail AS jsonb), :actor)"
            ),
            {
                "id": recovery_id,
                "event": event,
                "from_state": from_state,
                "to_state": to_state,
                "detail": json.dumps(detail, ensure_ascii=False, default=str),
                "actor": actor,
            },
        )

    async def events(self, recovery_id: uuid.UUID) -> Sequence[Any]:
        return (
            await self.session.execute(
                text("SELECT * FROM recovery_events WHERE recovery_id = :id ORDER BY id"), {"id": recovery_id}
            )
        ).all()

    async def add_instalments(self, recovery_id: uuid.UUID, rows: Sequence[tuple[int, date, int]]) -> None:
        await self.session.execute(
            text(
                "INSERT INTO recovery_instalments (recovery_id, seq, due_date, amount)"
                " VALUES (:id, :seq, :due, :amount)"
            ),
            [{"id": recovery_id, "seq": seq, "due": due, "amount": amount} for seq, due, amount in rows],
        )

    async def instalments(self, recovery_id: uuid.UUID) -> Sequence[Any]:
        return (
            await self.session.execute(
                text("SELECT * FROM recovery_instalments WHERE recovery_id = :id ORDER BY seq"),
                {"id": recovery_id},
            )
        ).all()

    async def add_receipt(
        self, recovery_id: uuid.UUID, kind: str, amount: int, received_on: date, note: str | None, actor: str
    ) -> None:
        await self.session.execute(
            text(
                "INSERT INTO recovery_receipts (recovery_id, sigungu_code, kind, amount, received_on, note,"
                " recorded_by) VALUES (:id, :s, :kind, :amount, :on, :note, :actor)"
            ),
            {
                "id": recovery_id,
                "s": self.sigungu,
                "kind": kind,
                "amount": amount,
                "on": received_on,
                "note": note,
                "actor": actor,
            },
        )

    async def receipts(self, recovery_id: uuid.UUID) -> Sequence[Any]:
        return await self._rows(
            "SELECT * FROM recovery_receipts WHERE recovery_id = :id AND sigungu_code = :s"
            " ORDER BY received_on, id",
            id=recovery_id,
        )

    async def ledger(self, recovery_id: uuid.UUID) -> Sequence[Any]:
        return await self._rows(_LEDGER, id=recovery_id)

    # --- 소급지급 ----------------------------------------------------------------------------------
    async def insert_arrears(self, **values: Any) -> Any:
        values["months"] = json.dumps(values["months"], ensure_ascii=False)
        rows = await self._rows(
            "INSERT INTO arrears (id, entitlement_id, program, sigungu_code, emd_code, amount, months,"
            " reason, decided_by) VALUES (:id, :entitlement, :program, :s, :emd, :amount,"
            " CAST(:months AS jsonb), :reason, :actor) RETURNING *",
            **values,
        )
        return rows[0]
