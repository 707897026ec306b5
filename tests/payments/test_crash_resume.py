"""Payment runs survive `kill -9`: a worker process (`ieum payments work`) is killed at a seeded
random moment, another worker resumes, and the run ends with exactly one line per entitlement and
month, a balanced ledger and the same totals as a run nobody interrupted. Two workers on one run
never pay twice. The data is committed (a database of its own), as a real crash would leave it."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from api.config import Settings
from api.database_server import DatabaseUrls
from api.db import Database, create_database
from api.payments.chunks import scope_to
from api.payments.runs import plan_run, work
from domain.rules.programs.common import Program
from tests.baseline import OWN, Baseline, load_baseline
from tests.committed_db import committed_name, committed_urls
from tests.entitlements.factory import grant

pytestmark = pytest.mark.slow

IEUM = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "ieum")
ENTITLEMENTS = 40
CHUNK_SIZE = 1
SEEDS = range(20)
# Chunks the killed worker had committed, per seed: the kills must land at varied points.
KILLED_AT: dict[int, int] = {}


@pytest.fixture(scope="module")
def urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_crash")) as found:
        yield found


@pytest.fixture(scope="module")
async def seeded(urls: DatabaseUrls) -> AsyncIterator[tuple[Database, Baseline]]:
    database = create_database(urls.app, pool_size=2)
    baseline = await load_baseline(urls.owner)
    for index in range(ENTITLEMENTS):
        await grant(
            database,
            baseline,
            program="basic_pension",
            monthly_amount=300_000 + index,
            start_date=date(2026, 1, 1),
        )
    yield database, baseline
    await database.engine.dispose()


def _month(index: int) -> date:
    return date(2027 + index // 12, index % 12 + 1, 1)


async def _plan(database: Database, month: date) -> Any:
    async with database.sessionmaker() as session, session.begin():
        planned = await plan_run(
            session, program=Program.BASIC_PENSION, month=month, sigungu=OWN, actor="t", chunk_size=CHUNK_SIZE
        )
    return planned.run


async def _outcome(database: Database, run_id: uuid.UUID) -> dict[str, Any]:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        lines = (
            await session.execute(
                text(
                    "SELECT count(*) AS n, count(DISTINCT entitlement_id) AS distinct_n,"
                    " coalesce(sum(gross_amount), 0) AS gross FROM payment_lines WHERE run_id = :r"
                ),
                {"r": run_id},
            )
        ).one()
        ledger = (
            await session.execute(
                text(
                    "SELECT coalesce(sum(e.debit), 0) AS d, coalesce(sum(e.credit), 0) AS c"
                    " FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id WHERE j.run_id = :r"
                ),
                {"r": run_id},
            )
        ).one()
        run = (
            await session.execute(
                text("SELECT state, line_count, total_gross FROM payment_runs WHERE id = :r"), {"r": run_id}
            )
        ).one()
    return {
        "lines": lines.n,
        "distinct": lines.distinct_n,
        "gross": lines.gross,
        "debits": ledger.d,
        "credits": ledger.c,
        "state": run.state,
        "run_total": run.total_gross,
        "run_lines": run.line_count,
    }


@pytest.fixture(scope="module")
async def reference(seeded: tuple[Database, Baseline]) -> dict[str, Any]:
    database, _ = seeded
    run = await _plan(database, date(2026, 12, 1))
    await work(database.sessionmaker, run, worker="reference")
    return await _outcome(database, run.id)


def _env(urls: DatabaseUrls, settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    return env | {
        "DATABASE_URL": urls.owner,
        "IEUM_APP_DATABASE_URL": urls.app,
        "IEUM_VAR_DIR": str(settings.var_dir),
    }


@pytest.mark.parametrize("seed", SEEDS)
async def test_a_killed_run_resumes_to_the_same_result(
    seed: int,
    seeded: tuple[Database, Baseline],
    reference: dict[str, Any],
    urls: DatabaseUrls,
    settings: Settings,
) -> None:
    database, _ = seeded
    assert reference["lines"] == reference["distinct"] == ENTITLEMENTS
    run = await _plan(database, _month(seed))
    worker = subprocess.Popen(  # noqa: ASYNC220 - started once, then only polled
        [IEUM, "payments", "work", "--run", str(run.id), "--sigungu", OWN],
        env=_env(urls, settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Killed once it has committed a seeded number of chunks, a seeded few milliseconds later: in the
    # middle of the next chunk's transaction, or between two, or (rarely) after the end.
    rng = random.Random(seed)
    target, delay = rng.randrange(ENTITLEMENTS // CHUNK_SIZE), rng.uniform(0, 0.02)
    while worker.poll() is None and await _chunks_done(database, run.id) < target:  # noqa: ASYNC110
        await asyncio.sleep(0.002)
    await asyncio.sleep(delay)
    worker.send_signal(signal.SIGKILL)
    await asyncio.to_thread(worker.wait, 30)

    before_resume = await _chunks_done(database, run.id)
    await work(database.sessionmaker, run, worker=f"resume-{seed}")
    outcome = await _outcome(database, run.id)
    KILLED_AT[seed] = before_resume
    assert outcome["state"] == "completed"
    assert outcome["lines"] == outcome["distinct"] == reference["lines"]
    assert outcome["gross"] == outcome["run_total"] == reference["gross"]
    assert outcome["debits"] == outcome["credits"] == reference["debits"]


def test_the_kills_landed_before_during_and_after_the_work() -> None:
    assert len(KILLED_AT) == len(SEEDS)
    mid_run = [done for done in KILLED_AT.values() if 0 < done < ENTITLEMENTS // CHUNK_SIZE]
    assert len(mid_run) >= 5, KILLED_AT


async def _chunks_done(database: Database, run_id: uuid.UUID) -> int:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        found = await session.execute(
            text("SELECT count(*) FROM payment_run_chunks WHERE run_id = :r AND state = 'done'"),
            {"r": run_id},
        )
        return int(found.scalar_one())


async def test_two_workers_on_one_run_never_pay_twice(
    seeded: tuple[Database, Baseline], reference: dict[str, Any]
) -> None:
    database, _ = seeded
    run = await _plan(database, date(2030, 1, 1))
    counts = await asyncio.gather(*(work(database.sessionmaker, run, worker=f"w{i}") for i in range(3)))
    assert sum(counts) == ENTITLEMENTS // CHUNK_SIZE
    outcome = await _outcome(database, run.id)
    assert outcome["lines"] == outcome["distinct"] == reference["lines"]
    assert outcome["gross"] == reference["gross"]

    # Re-running the finished run, planning included, creates nothing.
    again = await _plan(database, date(2030, 1, 1))
    assert again.id == run.id
    assert await work(database.sessionmaker, again, worker="again") == 0
    assert await _outcome(database, run.id) == outcome
