"""Writes a synthetic population with COPY, batch after batch, in one transaction as the owner role
(like `ieum demo seed`; row-level security binds only the application role). The next batch is
built in a worker thread while the database ingests the last one.

The load is one 접속기록 entry (an administrative bulk load, no data subjects named: the people are
made up), appended through `audit_append` so it joins the hash chain like any other."""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from time import perf_counter
from typing import Any, TypeAlias

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from api.audit.chain import content_hash
from api.audit.trail import Action, AuditTrail, outcome_for
from api.database_server import asyncpg_connect_args
from api.keys import Keys, get_keys
from api.synthetic.amounts import MONTHLY_CASH
from api.synthetic.population import Batch, PopulationGenerator, Totals
from api.synthetic.rows import COLUMNS, TABLE_ORDER
from domain.rules.programs.common import Program

BATCH_HOUSEHOLDS = 5_000
Target: TypeAlias = "str | AsyncEngine | asyncpg.Connection[Any]"
Progress = Callable[[int, int], None]  # (households written, entitlements written)


class AlreadyWritten(RuntimeError):
    """The seed's first household is already in the database."""


@dataclass(frozen=True)
class PopulationSummary:
    seed: int
    households: int
    persons: int
    entitlements: dict[str, int]
    suspended: int
    resumed: int
    ended: int
    amount_changes: int
    mid_month_starts: int
    seconds: float

    @property
    def total_entitlements(self) -> int:
        return sum(self.entitlements.values())


@asynccontextmanager
async def _connection(target: Target) -> AsyncIterator[asyncpg.Connection[Any]]:
    if isinstance(target, asyncpg.Connection):
        yield target
    elif isinstance(target, AsyncEngine):
        async with target.connect() as conn:
            raw = await conn.get_raw_connection()
            yield raw.driver_connection
    else:
        if "+asyncpg" in target.split("://", 1)[0]:
            conn = await asyncpg.connect(**asyncpg_connect_args(target))
        else:
            conn = await asyncpg.connect(target)
        try:
            yield conn
        finally:
            await conn.close()


async def _copy(conn: asyncpg.Connection[Any], batch: Batch) -> None:
    for table in TABLE_ORDER:
        records = batch.rows[table]
        if records:
            await conn.copy_records_to_table(table, records=records, columns=COLUMNS[table])


async def _taken(conn: asyncpg.Connection[Any]) -> set[int]:
    rows = await conn.fetch("SELECT rrn_blind_index FROM persons")
    return {int.from_bytes(bytes(r[0])[:8]) for r in rows}


async def _record_load(conn: asyncpg.Connection[Any], seed: int, totals: Totals) -> None:
    trail = AuditTrail(
        actor="cli:synth",
        actor_kind="system",
        actor_sigungu=None,
        client_ip="local",
        request_id=uuid.uuid4().hex,
        method="CLI",
        route="ieum synth population",
        action=Action.CREATE,
        purpose=(
            f"합성 인구 적재 (seed {seed}: 가구 {totals.households}, 주민 {totals.persons}, "
            f"급여 {totals.total_entitlements}건)"
        ),
    )
    r = trail.fields(201, outcome_for(201))
    await conn.execute(
        "SELECT audit_append($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12, $13, $14, $15)",
        r.occurred_at, r.request_id, r.actor, r.actor_kind, r.actor_sigungu, r.client_ip, [], r.resource,
        r.action, r.purpose, r.method, r.route, r.status, r.outcome, content_hash(r),
    )  # fmt: skip


async def _run(
    target: Target,
    generator_for: Callable[[set[int]], PopulationGenerator],
    plan: Callable[[PopulationGenerator, Totals], Batch | None],
    seed: int,
    progress: Progress | None,
) -> PopulationSummary:
    started = perf_counter()
    totals = Totals()
    # The batch builder is a thread of pure Python: hand the interpreter back to the event loop
    # often, so the COPY of the last batch keeps the database busy meanwhile.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        return await _write(target, generator_for, plan, seed, progress, started, totals)
    finally:
        sys.setswitchinterval(interval)


async def _write(
    target: Target,
    generator_for: Callable[[set[int]], PopulationGenerator],
    plan: Callable[[PopulationGenerator, Totals], Batch | None],
    seed: int,
    progress: Progress | None,
    started: float,
    totals: Totals,
) -> PopulationSummary:
    async with _connection(target) as conn:
        async with conn.transaction():
            generator = generator_for(await _taken(conn))
            pending = asyncio.create_task(asyncio.to_thread(plan, generator, totals))
            first = True
            while (batch := await pending) is not None:
                if first:
                    first = False
                    if batch.rows["households"] and await conn.fetchval(
                        "SELECT EXISTS (SELECT 1 FROM households WHERE id = $1)",
                        batch.rows["households"][0][0],
                    ):
                        raise AlreadyWritten(f"seed {seed}의 합성 인구가 이미 있습니다.")
                totals.add(batch)
                pending = asyncio.create_task(asyncio.to_thread(plan, generator, totals))
                await _copy(conn, batch)
                if progress is not None:
                    progress(totals.households, totals.total_entitlements)
            await _record_load(conn, seed, totals)
        # Fresh statistics, so the first payment run over the new rows gets a sensible plan.
        for table in TABLE_ORDER:
            await conn.execute(f"ANALYZE {table}")
    t = totals
    return PopulationSummary(
        seed, t.households, t.persons, dict(sorted(t.entitlements.items())), t.suspended, t.resumed, t.ended,
        t.amount_changes, t.mid_month_starts, perf_counter() - started,
    )  # fmt: skip


async def write_population(
    target: Target,
    *,
    households: int,
    seed: int,
    programs: Iterable[Program | str] = MONTHLY_CASH,
    sigungu: str | None = None,
    progress: Progress | None = None,
    keys: Keys | None = None,
    batch_households: int = BATCH_HOUSEHOLDS,
    reserved_names: Iterable[str] = (),
) -> PopulationSummary:
    """`households` synthetic households across every 시군구 (or in `sigungu`), with the rights the
    rules engine grants them among `programs`. `target`: an owner URL (SQLAlchemy or plain DSN), an
    engine, or an asyncpg connection (then inside the caller's transaction). `reserved_names`: names
    no synthetic person gets (the demo's hand-made residents)."""
    wanted = [Program(p) for p in programs]
    planned = 0

    def plan(generator: PopulationGenerator, _: Totals) -> Batch | None:
        nonlocal planned
        size = min(batch_households, households - planned)
        if size <= 0:
            return None
        planned += size
        return generator.batch(size)

    def generator_for(taken: set[int]) -> PopulationGenerator:
        return PopulationGenerator(
            seed,
            keys or get_keys(),
            programs=wanted,
            sigungu=sigungu,
            taken=taken,
            reserved_names=frozenset(reserved_names),
        )

    return await _run(target, generator_for, plan, seed, progress)


async def entitlements_only(
    target: Target,
    *,
    program: Program | str = Program.BASIC_PENSION,
    count: int,
    seed: int = 1,
    sigungu: str | None = None,
    progress: Progress | None = None,
    keys: Keys | None = None,
    batch_households: int = BATCH_HOUSEHOLDS,
    life_events: bool = True,
) -> PopulationSummary:
    """Exactly `count` rights to `program` (in `sigungu`, or across the country), each with the
    household, people, 신청, 조사 and decision behind it, and nothing else: the payment-run benchmark's
    population. Most are active; the usual small share is suspended or ended (none with
    `life_events=False`), and rights from 2025 are re-calculated for 2026."""
    only = Program(program)

    def plan(generator: PopulationGenerator, totals: Totals) -> Batch | None:
        # `totals` already holds every batch before this one (the loop adds a batch, then asks for
        # the next).
        missing = count - totals.total_entitlements
        if missing <= 0:
            return None
        return generator.batch(min(batch_households, max(missing, 16)), max_entitlements=missing)

    def generator_for(taken: set[int]) -> PopulationGenerator:
        return PopulationGenerator(
            seed, keys or get_keys(), only=only, sigungu=sigungu, taken=taken, life_events=life_events
        )

    return await _run(target, generator_for, plan, seed, progress)
