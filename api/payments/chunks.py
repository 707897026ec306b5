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

# What varies from line to line goes as one array per column; what a chunk's lines share (run, chunk,
# program, month, 시군구) as single values: encoding arrays element by element is most of the cost.
_PER_LINE = (
    ("id", "bigint"),
    ("kind", "text"),
    ("entitlement_id", "uuid"),
    ("payee_person_id", "uuid"),
    ("emd_code", "text"),
    ("basis", "text"),
    ("gross_amount", "bigint"),
    ("offset_amount", "bigint"),
    ("status", "text"),
    ("hold_reason", "text"),
    ("bank_code", "text"),
    ("account_last4", "text"),
    ("protected_account", "bool"),
    ("arrears_id", "uuid"),
)
_SHARED = ("run_id", "chunk_seq", "program", "month", "sigungu_code")
_INSERT_LINES = (
    f"INSERT INTO payment_lines ({', '.join(_SHARED)}, net_amount, {', '.join(c for c, _ in _PER_LINE)})"  # noqa: S608
    " SELECT $1, $2, $3, $4, $5, l.gross_amount - l.offset_amount, l.* FROM unnest("
    + ", ".join(f"${i}::{kind}[]" for i, (_, kind) in enumerate(_PER_LINE, start=len(_SHARED) + 1))
    + f") AS l({', '.join(c for c, _ in _PER_LINE)})"
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
    amounts = tuple(map(AmountChange, row["froms"], row["amounts"]))
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
    if claimed is not None:
        claimed.append(chunk["seq"])
    return await _process(pg, run, chunk, rules, worker)


async def claim_any_and_process(
    session: AsyncSession,
    runs: dict[uuid.UUID, RunHeader],
    rules: dict[date, MonthRules],
    worker: str,
    *,
    claimed: list[tuple[RunHeader, int]] | None = None,
) -> tuple[RunHeader, ChunkResult] | None:
    """Like `claim_and_process`, over several runs at once (a month's runs in every 시군구): the
    next pending chunk of any of them, in their order, through `payment_chunk_claim` (migration
    0011); then that run's jurisdiction is set and the chunk processed as any other."""
    # Through the session, not the driver: the session opens its transaction on its first statement,
    # and a claim made outside it would hold its lock for that statement only.
    claim = await session.execute(text("SELECT * FROM payment_chunk_claim(:runs)"), {"runs": list(runs)})
    chunk = claim.mappings().first()
    if chunk is None:
        return None
    pg = await driver(session)
    run = runs[chunk["run_id"]]
    if claimed is not None:
        claimed.append((run, chunk["seq"]))
    await scope_to(session, run.sigungu_code)
    month_rules = rules.get(run.month) or rules.setdefault(run.month, MonthRules.for_month(run.month))
    return run, await _process(pg, run, chunk, month_rules, worker)


async def _process(pg: Any, run: RunHeader, chunk: Any, rules: MonthRules, worker: str) -> ChunkResult:
    seq, first_id, last_id = chunk["seq"], chunk["after_id"], chunk["through_id"]
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
    columns: tuple[list[Any], ...] = tuple([] for _ in _PER_LINE)
    (line_ids, kinds, entitlements, payees, emds, bases, grosses, offsets_taken, statuses, holds, banks,
     last4s, protections, arrears_ids) = columns  # fmt: skip
    offsets: list[tuple[int, uuid.UUID, int]] = []
    arrears_paid: list[tuple[int, uuid.UUID]] = []
    for row, result in built:
        for line in result.lines:
            line_id = ids[len(line_ids)]
            line_ids.append(line_id)
            kinds.append(line.kind)
            entitlements.append(row["id"])
            payees.append(row["payee_id"] or row["id"])
            emds.append(row["emd_code"])
            bases.append(line.basis)
            grosses.append(line.gross)
            offsets_taken.append(line.offset)
            statuses.append(line.status)
            holds.append(line.hold_reason)
            banks.append(line.bank_code)
            last4s.append(row["bank_account_last4"])
            protections.append(bool(row["bank_account_protected"]))
            arrears_ids.append(line.arrears_id)
            offsets.extend((line_id, o.recovery_id, o.amount) for o in line.offsets)
            if line.arrears_id is not None:
                arrears_paid.append((line_id, line.arrears_id))
    gross, offset = sum(grosses), sum(offsets_taken)
    if line_ids:
        # COPY is refused on a table with row-level security, so the lines go in as one INSERT of
        # unnested arrays: a single statement per chunk, checked by the same policies as any other.
        shared = (run.id, seq, run.program.value, run.month, run.sigungu_code)
        await pg.execute(_INSERT_LINES, *shared, *columns)
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
        len(line_ids),
        gross,
    )
    await _complete_if_last(pg, run)
    return ChunkResult(seq, len(line_ids), gross)


async def _complete_if_last(pg: Any, run: RunHeader) -> None:
    """Completes the run in the transaction of its last chunk. The run's row is locked first, so of
    two workers finishing its last chunks at once the second waits, then sees the first one's
    chunk done (each statement after the lock sees what committed before it) and completes. NO KEY
    UPDATE: the lines' foreign key holds a KEY SHARE lock on the row, which this does not wait for
    (FOR UPDATE would, and two workers would deadlock)."""
    await pg.execute("SELECT 1 FROM payment_runs WHERE id = $1 FOR NO KEY UPDATE", run.id)
    await pg.execute(COMPLETE_RUN, run.id)


# The run's totals from its lines, once no chunk is left undone; a no-op otherwise, or when another
# worker completed it already.
COMPLETE_RUN = """
UPDATE payment_runs r SET state = 'completed', completed_at = now(),
       line_count = t.n, total_gross = t.gross, total_offset = t.offset_sum, total_net = t.net
  FROM (SELECT count(*) AS n, coalesce(sum(gross_amount), 0) AS gross,
               coalesce(sum(offset_amount), 0) AS offset_sum, coalesce(sum(net_amount), 0) AS net
          FROM payment_lines WHERE run_id = $1) t
 WHERE r.id = $1 AND r.state = 'running'
   AND NOT EXISTS (SELECT 1 FROM payment_run_chunks c WHERE c.run_id = $1 AND c.state <> 'done')
"""


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
