# ruff: noqa: E501 - the SQL reads better unwrapped in a script that is printed, not imported
"""Benchmark: a monthly payment run over N active entitlements against a bare COPY of N payment rows
into the same table, and the cost of a crash (kill -9 half-way) and resume against an uninterrupted
run — all in one process, side by side.

- run: `plan_run` + `work` with two workers (the product path: chunk claims, row-level security,
  the month's amount per entitlement, the lines inserted, a ledger journal per chunk);
- bare: `COPY payment_lines` of N ready-made rows as the owner (no policies, no computation);
- crash: `ieum payments work` in a child process, killed with SIGKILL once half the chunks are
  done, then resumed; against the same worker process left to finish an identical run.

The entitlements are copies of one granted right (same decision, person and household), written
straight into a fresh database `ieum_bench_pay` as the owner: what the run reads per row is the same
as for distinct people, and seeding a million stays quick.

    .venv/bin/python bench/payment_run.py --entitlements 100000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

DATABASE = "ieum_bench_pay"
IEUM = str(ROOT / ".venv" / "bin" / "ieum")


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def seed(urls: Any, count: int) -> None:
    from api.db import create_database
    from tests.baseline import OWN, load_baseline
    from tests.entitlements.factory import grant

    baseline = await load_baseline(urls.owner)
    database = create_database(urls.app, pool_size=1)
    granted = await grant(
        database, baseline, program="basic_pension", monthly_amount=349_700, start_date=date(2026, 1, 1)
    )
    await database.engine.dispose()
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        await owner.execute(
            "UPDATE persons SET bank_name = '국민은행', bank_account_ciphertext = '\\x00', bank_account_last4 = '1234'"
            " WHERE id = $1",
            granted.person_id,
        )
        await owner.execute(
            """
            INSERT INTO entitlements (id, decision_id, program, person_id, household_id, sigungu_code, emd_code,
                                      state, monthly_amount, start_date)
            SELECT gen_random_uuid(), decision_id, program, person_id, household_id, sigungu_code, emd_code,
                   'active', monthly_amount + (g % 1000), start_date
              FROM entitlements, generate_series(1, $2) g WHERE id = $1
            """,
            granted.entitlement_id,
            count - 1,
        )
        await owner.execute(
            "INSERT INTO entitlement_amounts (entitlement_id, monthly_amount, effective_from, reason, recorded_by)"
            " SELECT id, monthly_amount, start_date, 'grant', 'bench' FROM entitlements"
            " WHERE sigungu_code = $1 AND id <> $2",
            OWN,
            granted.entitlement_id,
        )
        await owner.execute("ANALYZE")
    finally:
        await owner.close()


async def plan(urls: Any, month: date) -> Any:
    from api.db import create_database
    from api.payments.runs import plan_run
    from domain.rules.programs.common import Program
    from tests.baseline import OWN

    database = create_database(urls.app, pool_size=1)
    try:
        async with database.sessionmaker() as session, session.begin():
            planned = await plan_run(
                session,
                program=Program.BASIC_PENSION,
                month=month,
                sigungu=OWN,
                actor="bench",
                chunk_size=2_000,
            )
        return planned
    finally:
        await database.engine.dispose()


async def run_in_process(urls: Any, month: date, workers: int) -> float:
    from api.db import create_database
    from api.payments.runs import work

    planned = await plan(urls, month)
    database = create_database(urls.app, pool_size=workers)
    started = time.perf_counter()
    await asyncio.gather(
        *(work(database.sessionmaker, planned.run, worker=f"bench{i}") for i in range(workers))
    )
    elapsed = time.perf_counter() - started
    await database.engine.dispose()
    return elapsed


async def bare_copy(urls: Any, count: int) -> float:
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        run_id = uuid.uuid4()
        await owner.execute(
            "INSERT INTO payment_runs (id, program, month, sigungu_code, legal_day, pay_date, chunk_size, total_chunks,"
            " planned_entitlements, created_by) VALUES ($1, 'basic_pension', '2031-01-01', '11110', '2031-01-25',"
            " '2031-01-24', 2000, 0, 0, 'bench')",
            run_id,
        )
        ids = [r["id"] for r in await owner.fetch("SELECT id, person_id FROM entitlements")]
        person = await owner.fetchval("SELECT person_id FROM entitlements LIMIT 1")
        month = date(2031, 1, 1)
        records = [
            (run_id, 1, "regular", e, "basic_pension", month, person, "11110", None, "full", 349_700, 0, 349_700,
             "ready", None, "004", "1234", False)
            for e in ids
        ]  # fmt: skip
        columns = (
            "run_id", "chunk_seq", "kind", "entitlement_id", "program", "month", "payee_person_id", "sigungu_code",
            "emd_code", "basis", "gross_amount", "offset_amount", "net_amount", "status", "hold_reason", "bank_code",
            "account_last4", "protected_account",
        )  # fmt: skip
        started = time.perf_counter()
        await owner.copy_records_to_table("payment_lines", records=records[:count], columns=columns)
        return time.perf_counter() - started
    finally:
        await owner.close()


def _env(urls: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    return env | {"DATABASE_URL": urls.owner, "IEUM_APP_DATABASE_URL": urls.app}


async def _done(urls: Any, run_id: uuid.UUID) -> tuple[int, int]:
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        row = await owner.fetchrow(
            "SELECT count(*) FILTER (WHERE state = 'done') AS done, count(*) AS total FROM payment_run_chunks"
            " WHERE run_id = $1",
            run_id,
        )
        return int(row["done"]), int(row["total"])
    finally:
        await owner.close()


async def worker_process(urls: Any, month: date, *, kill_at_half: bool) -> float:
    """Wall time of a run worked by `ieum payments work` (start-up included), killed half-way and
    resumed by a second one when `kill_at_half`."""
    from tests.baseline import OWN

    planned = await plan(urls, month)
    command = [IEUM, "payments", "work", "--run", str(planned.run.id), "--sigungu", OWN]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=_env(urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: ASYNC220
    if kill_at_half:
        while child.poll() is None:
            done, total = await _done(urls, planned.run.id)
            if done >= total // 2:
                child.send_signal(signal.SIGKILL)
                break
            await asyncio.sleep(0.05)
        await asyncio.to_thread(child.wait)
        child = subprocess.Popen(  # noqa: ASYNC220 - started once, then only waited for in a thread
            command, env=_env(urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    await asyncio.to_thread(child.wait)
    return time.perf_counter() - started


async def main(count: int) -> None:
    from api.config import get_settings
    from tests.dbsetup import fresh_database

    urls = fresh_database(get_settings(), DATABASE)
    started = time.perf_counter()
    await seed(urls, count)
    print(f"seeded {count:,} entitlements in {time.perf_counter() - started:.1f} s")
    run = await run_in_process(urls, date(2027, 1, 1), workers=2)
    copy = await bare_copy(urls, count)
    print(f"run (2 workers):  {run:8.2f} s   {count / run:10,.0f} lines/s")
    print(f"bare COPY:        {copy:8.2f} s   {count / copy:10,.0f} rows/s")
    print(f"run / COPY: {run / copy:.2f}×  (goal ≤ 2×; above 3× not done)")
    plain = await worker_process(urls, date(2027, 2, 1), kill_at_half=False)
    crashed = await worker_process(urls, date(2027, 3, 1), kill_at_half=True)
    print(f"worker process, uninterrupted: {plain:.2f} s; killed half-way and resumed: {crashed:.2f} s")
    print(f"crash-and-resume / uninterrupted: {crashed / plain:.2f}×  (goal ≤ 1.1×; above 1.25× not done)")
    national = 4_500_000
    print(
        f"at this rate a national month of {national:,} payments takes {national / (count / run) / 60:.1f} min"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entitlements", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().entitlements))
