"""`ieum payments run --workers N` works a month's runs in every 시군구 with N worker processes that
claim chunks across the runs: each entitlement is paid once, every run completes in its last chunk's
transaction with a balanced ledger, a re-run creates nothing; killing the command with -9 takes its
worker processes with it, and running it again finishes the month exactly. A month with nothing to
pay in a 시군구 is complete as planned."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from api.config import Settings
from api.database_server import DatabaseUrls, asyncpg_connect_args
from api.db import Database, create_database
from api.payments.runs import plan_run, work_many
from domain.rules.programs.common import Program
from tests.baseline import OTHER, OWN, Baseline, load_baseline
from tests.committed_db import committed_name, committed_urls
from tests.entitlements.factory import grant

pytestmark = pytest.mark.slow

IEUM = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "ieum")
PER_SIGUNGU = {OWN: 24, OTHER: 16}


@pytest.fixture(scope="module")
def urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_workers")) as found:
        yield found


@pytest.fixture(scope="module")
async def seeded(urls: DatabaseUrls) -> AsyncIterator[Database]:
    database = create_database(urls.app, pool_size=2)
    baseline: Baseline = await load_baseline(urls.owner)
    for where, sigungu in (("own", OWN), ("other", OTHER)):
        for index in range(PER_SIGUNGU[sigungu]):
            await grant(
                database,
                baseline,
                where=where,
                program="basic_pension",
                monthly_amount=300_000 + index,
                start_date=date(2026, 1, 1),
            )
    yield database
    await database.engine.dispose()


def _env(urls: DatabaseUrls, settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    return env | {
        "DATABASE_URL": urls.owner,
        "IEUM_APP_DATABASE_URL": urls.app,
        "IEUM_VAR_DIR": str(settings.var_dir),
    }


def _command(month: str) -> list[str]:
    return [
        IEUM,
        "payments",
        "run",
        "--program",
        "basic_pension",
        "--month",
        month,
        "--workers",
        "2",
        "--chunk-size",
        "1",
    ]


async def _month(urls: DatabaseUrls, month: date) -> dict[str, Any]:
    """As the owner (across 시군구): lines, distinct entitlements, runs and their states, the
    ledger's imbalance and the chunks done."""
    conn = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        row = await conn.fetchrow(
            """
            SELECT (SELECT count(*) FROM payment_lines WHERE month = $1) AS lines,
                   (SELECT count(DISTINCT entitlement_id) FROM payment_lines WHERE month = $1) AS distinct_n,
                   (SELECT array_agg(sigungu_code || ':' || state ORDER BY sigungu_code)
                      FROM payment_runs WHERE month = $1) AS runs,
                   (SELECT coalesce(sum(e.debit - e.credit), 0) FROM ledger_entries e
                      JOIN ledger_journals j ON j.id = e.journal_id JOIN payment_runs r ON r.id = j.run_id
                     WHERE r.month = $1) AS imbalance,
                   (SELECT count(*) FROM payment_run_chunks c JOIN payment_runs r ON r.id = c.run_id
                     WHERE r.month = $1 AND c.state = 'done') AS done,
                   (SELECT coalesce(sum(total_gross), 0) FROM payment_runs WHERE month = $1) AS total
            """,
            month,
        )
        return dict(row)
    finally:
        await conn.close()


async def test_a_month_worked_by_two_processes_across_sigungu(
    seeded: Database, urls: DatabaseUrls, settings: Settings
) -> None:
    done = await asyncio.to_thread(
        subprocess.run,
        _command("2031-01"),
        env=_env(urls, settings),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    outcome = await _month(urls, date(2031, 1, 1))
    expected = sum(PER_SIGUNGU.values())
    assert outcome["lines"] == outcome["distinct_n"] == expected, outcome
    assert outcome["runs"] == [f"{OWN}:completed", f"{OTHER}:completed"] and outcome["imbalance"] == 0
    assert "지급일" in done.stdout and "완료" in done.stdout
    assert "failed" not in done.stderr, done.stderr  # no worker took a chunk another had done

    again = await asyncio.to_thread(
        subprocess.run,
        _command("2031-01"),
        env=_env(urls, settings),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert await _month(urls, date(2031, 1, 1)) == outcome


async def test_killing_the_command_stops_its_workers_and_a_rerun_finishes(
    seeded: Database, urls: DatabaseUrls, settings: Settings
) -> None:
    month = date(2031, 2, 1)
    command = subprocess.Popen(  # noqa: ASYNC220 - started once, then only polled
        _command("2031-02"), env=_env(urls, settings), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while command.poll() is None and (await _month(urls, month))["done"] < 5:  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    command.send_signal(signal.SIGKILL)
    await asyncio.to_thread(command.wait, 30)
    await asyncio.sleep(1.0)  # time for orphaned workers to go on, were there any
    stopped = (await _month(urls, month))["done"]
    await asyncio.sleep(1.0)
    assert (await _month(urls, month))["done"] == stopped  # nobody is working any more
    total = sum(PER_SIGUNGU.values())
    assert stopped < total, "the run ended before the kill: make it longer"

    rerun = await asyncio.to_thread(
        subprocess.run,
        _command("2031-02"),
        env=_env(urls, settings),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    outcome = await _month(urls, month)
    assert outcome["lines"] == outcome["distinct_n"] == total and outcome["imbalance"] == 0
    assert outcome["total"] == (await _month(urls, date(2031, 1, 1)))["total"]


async def test_work_many_in_one_process_and_a_month_with_nothing_to_pay(
    seeded: Database, urls: DatabaseUrls
) -> None:
    runs = []
    for sigungu in (OWN, OTHER):
        async with seeded.sessionmaker() as session, session.begin():
            planned = await plan_run(
                session,
                program=Program.BASIC_PENSION,
                month=date(2031, 3, 1),
                sigungu=sigungu,
                actor="t",
                chunk_size=3,
            )
        runs.append(planned.run)
    counts = await asyncio.gather(*(work_many(seeded.sessionmaker, runs, worker=f"w{i}") for i in range(3)))
    assert sum(counts) == sum(-(-n // 3) for n in PER_SIGUNGU.values())
    outcome = await _month(urls, date(2031, 3, 1))
    assert (
        outcome["lines"] == outcome["distinct_n"] == sum(PER_SIGUNGU.values()) and outcome["imbalance"] == 0
    )
    assert outcome["runs"] == [f"{OWN}:completed", f"{OTHER}:completed"]

    # 아동수당 has no rights here: its run is complete when planned, with no lines.
    async with seeded.sessionmaker() as session, session.begin():
        empty = await plan_run(
            session, program=Program.CHILD_ALLOWANCE, month=date(2031, 3, 1), sigungu=OWN, actor="t"
        )
    assert empty.chunks == 0
    conn = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        row = await conn.fetchrow("SELECT state, line_count FROM payment_runs WHERE id = $1", empty.run.id)
    finally:
        await conn.close()
    assert (row["state"], row["line_count"]) == ("completed", 0)
