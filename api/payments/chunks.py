"""One chunk of a payment run, in one transaction: claim it (`FOR UPDATE SKIP LOCKED`, so workers
never share a chunk), read its entitlements, compute each line with `domain.payments.monthly`, apply
상계 of recovery instalments, write the lines with COPY, post the chunk's ledger journal and mark the
chunk done. A crash at any point before the commit leaves nothing of the chunk and the chunk
pending; the unique index on (entitlement, program, month) makes a double payment impossible even
if that reasoning had a hole.

The session's first statement sets the run's jurisdiction (row-level security applies to workers
exactly as to requests) and opens the transaction; the rest goes through the same connection's
asyncpg driver for COPY."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.payments.ledger import Account, Leg, post
from api.payments.lines import LineInput, OpenRecovery, build_line
from domain.payments.monthly import AmountChange, EntitlementTerms, MonthRules, Suspension, month_end
from domain.rules.programs.common import Program

CHILD_PROGRAMS = frozenset({Program.CHILD_ALLOWANCE, Program.PARENT_BENEFIT, Program.HOME_CARE_ALLOWANCE})

LINE_COLUMNS = (
    "id",
    "run_id",
    "chunk_seq",
    "kind",
    "entitlement_id",
    "program",
    "month",
    "payee_person_id",
    "sigungu_code",
    "emd_code",
    "basis",
    "gross_amount",
    "offset_amount",
    "net_amount",
    "status",
    "hold_reason",
    "bank_code",
    "account_last4",
    "protected_account",
    "arrears_id",
)

_LINE_TYPES = (
    "bigint", "uuid", "int", "text", "uuid", "text", "date", "uuid", "text", "text", "text",
    "bigint", "bigint", "bigint", "text", "text", "text", "text", "bool", "uuid",
)  # fmt: skip
_INSERT_LINES = (
    f"INSERT INTO payment_lines ({', '.join(LINE_COLUMNS)}) SELECT * FROM unnest("  # noqa: S608
    + ", ".join(f"${i}::{kind}[]" for i, kind in enumerate(_LINE_TYPES, start=1))
    + ")"
)


@dataclass(frozen=True, slots=True)
class RunHeader:
    id: uuid.UUID
    program: Program
    month: date
    sigungu_code: str
    pay_date: date


@dataclass(frozen=True, slots=True)
class ChunkResult:
    seq: int
    lines: int
    gross: int


async def scope_to(session: AsyncSession, sigungu: str) -> None:
    await session.execute(
        text(
            "SELECT set_config('ieum.sigungu', :s, true), set_config('ieum.emd', '', true),"
            " set_config('ieum.citizen', '', true)"
        ),
        {"s": sigungu},
    )


async def driver(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's open transaction."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    return raw.driver_connection


# The entitlements of a chunk that are held in the month or have arrears waiting, with what their
# amount depends on and the payee's account. The payee of a child's benefit is the head of the
# child's household (the 보호자 it is paid to).
_ENTITLEMENTS = """
SELECT e.id, e.emd_code, e.start_date, e.end_date, e.cancelled_from,
       a.froms, a.amounts, s.events, s.days, r.arrears_ids, r.arrears_amounts,
       p.id AS payee_id, p.bank_name, p.bank_account_last4,
       p.bank_account_ciphertext IS NOT NULL AS has_account, p.bank_account_protected,
       p.bank_account_check
  FROM entitlements e
  CROSS JOIN LATERAL (SELECT array_agg(effective_from ORDER BY id) AS froms,
                             array_agg(monthly_amount ORDER BY id) AS amounts
                        FROM entitlement_amounts WHERE entitlement_id = e.id) a
  LEFT JOIN LATERAL (SELECT array_agg(event ORDER BY id) AS events,
                            array_agg(effective_on ORDER BY id) AS days
                       FROM entitlement_events
                      WHERE entitlement_id = e.id AND event IN ('suspend', 'resume')) s ON true
  LEFT JOIN LATERAL (SELECT array_agg(id ORDER BY decided_at) AS arrears_ids,
                            array_agg(amount ORDER BY decided_at) AS arrears_amounts
                       FROM arrears WHERE entitlement_id = e.id AND paid_line_id IS NULL) r ON true
  LEFT JOIN persons p ON p.id = CASE WHEN $6 THEN coalesce(
         (SELECT m.person_id FROM household_members m
           WHERE m.household_id = e.household_id AND m.relation = 'head' AND m.left_on IS NULL),
         e.person_id) ELSE e.person_id END
 WHERE e.sigungu_code = $1 AND e.program = $2 AND e.id > $3 AND e.id <= $4
   AND ((e.start_date <= $5 AND (e.end_date IS NULL OR e.end_date >= $7)
         AND (e.cancelled_from IS NULL OR e.cancelled_from > $7))
        OR r.arrears_ids IS NOT NULL)
 ORDER BY e.id
"""

# Decided recovery cases that may be set off against this month's payment, with what is due by the
# pay day and not yet paid.
_RECOVERIES = """
SELECT c.id, c.entitlement_id, c.balance,
       coalesce((SELECT sum(i.amount - i.paid) FROM recovery_instalments i
                  WHERE i.recovery_id = c.id AND i.due_date <= $4), 0) AS due
  FROM recovery_cases c
 WHERE c.sigungu_code = $1 AND c.program = $2 AND c.state = 'decided' AND c.offset_allowed
   AND c.balance > 0 AND c.entitlement_id > $3 AND c.entitlement_id <= $5
 ORDER BY c.decided_on, c.id
"""


def _terms(program: Program, row: Any) -> EntitlementTerms:
    amounts = tuple(AmountChange(f, a) for f, a in zip(row["froms"], row["amounts"], strict=True))
    suspensions: list[Suspension] = []
    for event, day in zip(row["events"] or (), row["days"] or (), strict=True):
        if event == "suspend":
            suspensions.append(Suspension(day, None))
        elif suspensions and suspensions[-1].ended is None:
            suspensions[-1] = Suspension(suspensions[-1].began, day)
    return EntitlementTerms(
        program, row["start_date"], row["end_date"], row["cancelled_from"], amounts, tuple(suspensions)
    )


async def claim_and_process(
    session: AsyncSession, run: RunHeader, rules: MonthRules, worker: str, *, claimed: list[int] | None = None
) -> ChunkResult | None:
    """Processes one pending chunk of `run` in the session's transaction (the caller commits), or
    returns None when no chunk is left to claim. The chunk's number goes into `claimed` as soon as
    it is claimed, so a caller whose transaction failed knows which chunk to mark."""
    await scope_to(session, run.sigungu_code)
    pg = await driver(session)
    chunk = await pg.fetchrow(
        "SELECT seq, after_id, through_id FROM payment_run_chunks WHERE run_id = $1 AND state = 'pending'"
        " ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED",
        run.id,
    )
    if chunk is None:
        return None
    seq, first_id, last_id = chunk["seq"], chunk["after_id"], chunk["through_id"]
    if claimed is not None:
        claimed.append(seq)
    rows = await pg.fetch(
        _ENTITLEMENTS,
        run.sigungu_code,
        run.program.value,
        first_id,
        last_id,
        month_end(run.month),
        run.program in CHILD_PROGRAMS,
        run.month,
    )
    recoveries: dict[uuid.UUID, list[OpenRecovery]] = {}
    for r in await pg.fetch(
        _RECOVERIES, run.sigungu_code, run.program.value, first_id, run.pay_date, last_id
    ):
        recoveries.setdefault(r["entitlement_id"], []).append(OpenRecovery(r["id"], r["balance"], r["due"]))

    built = []
    for row in rows:
        line_input = LineInput(
            terms=_terms(run.program, row),
            payee_id=row["payee_id"],
            bank_name=row["bank_name"],
            account_last4=row["bank_account_last4"],
            has_account=bool(row["has_account"]),
            protected_account=bool(row["bank_account_protected"]),
            account_check=row["bank_account_check"],
            arrears=tuple(zip(row["arrears_ids"] or (), row["arrears_amounts"] or (), strict=True)),
            recoveries=tuple(recoveries.get(row["id"], ())),
        )
        built.append((row, build_line(line_input, rules)))

    count = sum(len(b.lines) for _, b in built)
    ids = [
        r[0]
        for r in await pg.fetch("SELECT nextval('payment_lines_id_seq') FROM generate_series(1, $1)", count)
    ]
    records: list[tuple[Any, ...]] = []
    offsets: list[tuple[int, uuid.UUID, int]] = []
    arrears_paid: list[tuple[int, uuid.UUID]] = []
    gross = offset = 0
    for row, result in built:
        for line in result.lines:
            line_id = ids[len(records)]
            records.append(
                (
                    line_id,
                    run.id,
                    seq,
                    line.kind,
                    row["id"],
                    run.program.value,
                    run.month,
                    row["payee_id"] or row["id"],
                    run.sigungu_code,
                    row["emd_code"],
                    line.basis,
                    line.gross,
                    line.offset,
                    line.gross - line.offset,
                    line.status,
                    line.hold_reason,
                    line.bank_code,
                    row["bank_account_last4"],
                    bool(row["bank_account_protected"]),
                    line.arrears_id,
                )
            )
            gross += line.gross
            offset += line.offset
            offsets.extend((line_id, o.recovery_id, o.amount) for o in line.offsets)
            if line.arrears_id is not None:
                arrears_paid.append((line_id, line.arrears_id))
    if records:
        # COPY is refused on a table with row-level security, so the lines go in as one INSERT of
        # unnested arrays: a single statement per chunk, checked by the same policies as any other.
        columns = [list(column) for column in zip(*records, strict=True)]
        await pg.execute(_INSERT_LINES, *columns)
    if offsets:
        await _apply_offsets(pg, run, offsets, worker)
    if arrears_paid:
        await pg.executemany("UPDATE arrears SET paid_line_id = $1 WHERE id = $2", arrears_paid)
    await post(
        pg,
        kind="run_chunk",
        sigungu=run.sigungu_code,
        program=run.program.value,
        legs=[
            Leg(Account.BENEFIT_EXPENSE, debit=gross),
            Leg(Account.BENEFITS_PAYABLE, credit=gross - offset),
            Leg(Account.RECOVERY_RECEIVABLE, credit=offset),
        ],
        posted_by=worker,
        run_id=run.id,
        chunk_seq=seq,
        memo=f"{run.month:%Y-%m} 정기 지급 {seq}",
    )
    await pg.execute(
        "UPDATE payment_run_chunks SET state = 'done', worker = $3, line_count = $4, total_gross = $5,"
        " done_at = now(), attempts = attempts + 1 WHERE run_id = $1 AND seq = $2",
        run.id,
        seq,
        worker[:80],
        len(records),
        gross,
    )
    return ChunkResult(seq, len(records), gross)


async def _apply_offsets(
    pg: Any, run: RunHeader, offsets: list[tuple[int, uuid.UUID, int]], worker: str
) -> None:
    """상계: each offset is a receipt of its recovery case, paid into its instalments oldest first."""
    await pg.executemany(
        "INSERT INTO recovery_receipts (recovery_id, sigungu_code, kind, amount, received_on, line_id,"
        " note, recorded_by) VALUES ($1, $2, 'offset', $3, $4, $5, $6, $7)",
        [
            (
                recovery,
                run.sigungu_code,
                amount,
                run.pay_date,
                line_id,
                f"{run.month:%Y-%m} 급여에서 상계",
                worker,
            )
            for line_id, recovery, amount in offsets
        ],
    )
    for _, recovery, amount in offsets:
        await pay_instalments(pg, recovery, amount)


async def pay_instalments(pg: Any, recovery: uuid.UUID, amount: int) -> None:
    """Applies `amount` to the case's unpaid instalments, oldest first, and lowers its balance;
    a case paid off is closed as repaid."""
    rest = amount
    for row in await pg.fetch(
        "SELECT seq, amount - paid AS open FROM recovery_instalments WHERE recovery_id = $1 AND paid < amount"
        " ORDER BY seq FOR UPDATE",
        recovery,
    ):
        if rest <= 0:
            break
        take = min(rest, row["open"])
        await pg.execute(
            "UPDATE recovery_instalments SET paid = paid + $3 WHERE recovery_id = $1 AND seq = $2",
            recovery,
            row["seq"],
            take,
        )
        rest -= take
    await pg.execute(
        "UPDATE recovery_cases SET balance = balance - $2, version = version + 1,"
        " state = CASE WHEN balance - $2 = 0 THEN 'closed' ELSE state END,"
        " closure = CASE WHEN balance - $2 = 0 THEN 'repaid' ELSE closure END,"
        " closed_on = CASE WHEN balance - $2 = 0 THEN current_date ELSE closed_on END"
        " WHERE id = $1",
        recovery,
        amount,
    )
