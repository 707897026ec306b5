"""Payment runs as jobs: planning (a run and its chunks, in the caller's transaction), working (claim
and process chunks until none is left, one transaction each) and completion.

Starting a run that exists returns it unchanged, and working on a completed run finds no chunk, so
re-running a finished run creates nothing. Any number of workers (tasks or processes) may work on
one run at once: `FOR UPDATE SKIP LOCKED` hands each chunk to exactly one of them."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.payments.chunks import (
    COMPLETE_RUN,
    ChunkResult,
    RunHeader,
    claim_and_process,
    claim_any_and_process,
    driver,
    scope_to,
)
from domain.errors import InvalidInput, NotFound
from domain.payments.calendar import pay_day
from domain.payments.monthly import MonthRules, month_end
from domain.rules.programs.common import Program

log = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 2_000
LOWEST_ID = uuid.UUID(int=0)
HIGHEST_ID = uuid.UUID(int=(1 << 128) - 1)

# Entitlements a run of the month pays: held on some day of the month and not voided from its
# first day, or with arrears waiting. Keep in step with chunks._ENTITLEMENTS.
_PAYABLE = """
  e.sigungu_code = :sigungu AND e.program = :program
  AND ((e.start_date <= :last AND (e.end_date IS NULL OR e.end_date >= :month)
        AND (e.cancelled_from IS NULL OR e.cancelled_from > :month))
       OR EXISTS (SELECT 1 FROM arrears r WHERE r.entitlement_id = e.id AND r.paid_line_id IS NULL))
"""

# Chunk k ends at the id of its last planned entitlement; the ranges tile the uuid space.
# (_PAYABLE is a constant of this module: nothing from outside is spliced into the SQL.)
_PLAN_CHUNKS = f"""
            INSERT INTO payment_run_chunks (run_id, seq, after_id, through_id, planned)
            SELECT :run, chunk + 1,
                   coalesce(lag(last_id) OVER (ORDER BY chunk), :lowest),
                   CASE WHEN chunk = max(chunk) OVER () THEN :highest ELSE last_id END, n
              FROM (SELECT chunk, max(id::text)::uuid AS last_id, count(*) AS n
                      FROM (SELECT e.id, (row_number() OVER (ORDER BY e.id) - 1) / :size AS chunk
                              FROM entitlements e WHERE {_PAYABLE}) numbered
                     GROUP BY chunk) chunks
"""  # noqa: S608


@dataclass(frozen=True, slots=True)
class Planned:
    run: RunHeader
    created: bool
    chunks: int
    entitlements: int


def parse_month(raw: str) -> date:
    """`2026-12` → 2026-12-01; anything else is a readable InvalidInput."""
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise InvalidInput(
            f"지급월은 YYYY-MM 형식으로 입력합니다 ('{raw}').", fields={"month": "format"}
        ) from None


async def plan_run(
    session: AsyncSession,
    *,
    program: Program,
    month: date,
    sigungu: str,
    actor: str,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Planned:
    """Creates the run of `program` for `month` in `sigungu` with its chunks, or returns the one that
    exists. The pay day and the month's rules are checked first, so a program without a monthly pay
    day or a month without parameters is refused before anything is written."""
    if not 1 <= chunk_size <= 100_000:
        raise InvalidInput("청크 크기는 1–100,000입니다.", fields={"chunk_size": "range"})
    day = pay_day(program, month.year, month.month)
    MonthRules.for_month(month)
    await scope_to(session, sigungu)
    existing = await read_header(session, program=program, month=month, sigungu=sigungu)
    if existing is not None:
        counts = (
            await session.execute(
                text("SELECT total_chunks, planned_entitlements FROM payment_runs WHERE id = :id"),
                {"id": existing.id},
            )
        ).one()
        return Planned(existing, False, counts.total_chunks, counts.planned_entitlements)
    run_id = uuid.uuid4()
    params = {"sigungu": sigungu, "program": program.value, "month": month, "last": month_end(month)}
    inserted = (
        await session.execute(
            text(
                "INSERT INTO payment_runs (id, program, month, sigungu_code, legal_day, pay_date, chunk_size,"
                " total_chunks, planned_entitlements, created_by)"
                " VALUES (:id, :program, :month, :sigungu, :legal, :paid, :size, 0, 0, :actor)"
                " ON CONFLICT ON CONSTRAINT uq_payment_runs DO NOTHING RETURNING id"
            ),
            {
                **params,
                "id": run_id,
                "legal": day.legal_day,
                "paid": day.paid_on,
                "size": chunk_size,
                "actor": actor,
            },
        )
    ).first()
    if inserted is None:  # planned by someone else a moment ago
        return await plan_run(session, program=program, month=month, sigungu=sigungu, actor=actor)
    await session.execute(
        text(_PLAN_CHUNKS),
        {**params, "run": run_id, "size": chunk_size, "lowest": LOWEST_ID, "highest": HIGHEST_ID},
    )
    totals = (
        await session.execute(
            text(
                "UPDATE payment_runs SET total_chunks = c.n, planned_entitlements = c.planned"
                " FROM (SELECT count(*) AS n, coalesce(sum(planned), 0) AS planned FROM payment_run_chunks"
                " WHERE run_id = :run) c WHERE id = :run RETURNING c.n, c.planned"
            ),
            {"run": run_id},
        )
    ).one()
    if not totals.n:
        # Nothing to pay this month here: the run is complete as planned, with no lines.
        await session.execute(
            text(
                "UPDATE payment_runs SET state = 'completed', completed_at = now(), line_count = 0,"
                " total_gross = 0, total_offset = 0, total_net = 0 WHERE id = :run"
            ),
            {"run": run_id},
        )
    header = RunHeader(run_id, program, month, sigungu, day.paid_on)
    log.info("payment run %s planned: %s chunks, %s entitlements", run_id, totals.n, totals.planned)
    return Planned(header, True, int(totals.n), int(totals.planned))


async def read_header(
    session: AsyncSession,
    *,
    run_id: uuid.UUID | None = None,
    program: Program | None = None,
    month: date | None = None,
    sigungu: str | None = None,
) -> RunHeader | None:
    if run_id is not None:
        sql = "SELECT * FROM payment_runs WHERE id = :id"
        params: dict[str, object] = {"id": run_id}
    else:
        sql = "SELECT * FROM payment_runs WHERE program = :p AND month = :m AND sigungu_code = :s"
        params = {"p": program.value if program else None, "m": month, "s": sigungu}
    row = (await session.execute(text(sql), params)).first()
    if row is None:
        return None
    return RunHeader(row.id, Program(row.program), row.month, row.sigungu_code, row.pay_date)


ProgressCallback = Callable[[ChunkResult], None]


async def work(
    sessionmaker: async_sessionmaker[AsyncSession],
    run: RunHeader,
    *,
    worker: str,
    on_chunk: ProgressCallback | None = None,
    max_chunks: int | None = None,
) -> int:
    """Processes chunks of `run` until none is left to claim (or `max_chunks`), each in its own
    transaction, then completes the run if every chunk is done. Returns the chunks processed here.
    A chunk that fails is marked failed with the error and the worker goes on with the next."""
    rules = MonthRules.for_month(run.month)
    done = 0
    while max_chunks is None or done < max_chunks:
        claimed: list[int] = []
        try:
            async with sessionmaker() as session, session.begin():
                result = await claim_and_process(session, run, rules, worker, claimed=claimed)
        except Exception as exc:
            if not claimed:
                raise
            await _mark_failed(sessionmaker, run, claimed[0], exc)
            continue
        if result is None:
            break
        done += 1
        if on_chunk is not None:
            on_chunk(result)
    await complete(sessionmaker, run)
    return done


async def work_many(
    sessionmaker: async_sessionmaker[AsyncSession],
    runs: Sequence[RunHeader],
    *,
    worker: str,
    on_chunk: Callable[[RunHeader, ChunkResult], None] | None = None,
) -> int:
    """`work` over several runs at once (a month's runs in every 시군구): chunks are claimed across
    them, in their order, one statement per claim, until none is left in any. Each run completes in
    its last chunk's transaction. Returns the chunks processed here."""
    by_id = {run.id: run for run in runs}
    rules: dict[date, MonthRules] = {}
    done = 0
    while True:
        claimed: list[tuple[RunHeader, int]] = []
        try:
            async with sessionmaker() as session, session.begin():
                result = await claim_any_and_process(session, by_id, rules, worker, claimed=claimed)
        except Exception as exc:
            if not claimed:
                raise
            await _mark_failed(sessionmaker, claimed[0][0], claimed[0][1], exc)
            continue
        if result is None:
            return done
        done += 1
        if on_chunk is not None:
            on_chunk(*result)


async def _mark_failed(
    sessionmaker: async_sessionmaker[AsyncSession], run: RunHeader, seq: int, exc: Exception
) -> None:
    log.exception("payment run %s chunk %s failed", run.id, seq, exc_info=exc)
    async with sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        await session.execute(
            text(
                "UPDATE payment_run_chunks SET state = 'failed', attempts = attempts + 1, error = :error"
                " WHERE run_id = :run AND seq = :seq AND state = 'pending'"
            ),
            {"run": run.id, "seq": seq, "error": f"{type(exc).__name__}: {exc}"[:2000]},
        )


async def complete(sessionmaker: async_sessionmaker[AsyncSession], run: RunHeader) -> bool:
    """Marks the run completed with its totals once every chunk is done. The last chunk's
    transaction does it already; this is for a run with nothing to do and for runs from before."""
    async with sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        status = await (await driver(session)).execute(COMPLETE_RUN, run.id)
    return bool(status == "UPDATE 1")


async def retry_failed(session: AsyncSession, run_id: uuid.UUID) -> int:
    """Puts the run's failed chunks back to pending (after the cause was fixed)."""
    result = await session.execute(
        text(
            "UPDATE payment_run_chunks SET state = 'pending', error = NULL"
            " WHERE run_id = :run AND state = 'failed' RETURNING seq"
        ),
        {"run": run_id},
    )
    count = len(result.all())
    if count == 0:
        raise NotFound("다시 처리할 실패 청크가 없습니다.", fields={"run": "no_failed_chunks"})
    return count
