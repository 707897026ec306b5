# ruff: noqa: E501 - the SQL reads better unwrapped in a script that is printed, not imported
"""Benchmark: a national monthly payment run over N active entitlements against a bare COPY of N
payment rows into the same table, and the cost of a crash (kill -9 half-way) and resume against an
uninterrupted run — side by side, in one run.

- population: `entitlements_only` of the synthetic population generator (api/synthetic): N
  기초연금 rights across every 시군구, each with its household, people (encrypted 주민등록번호, bank
  account), 신청, 조사 and decision, all active (`life_events=False`), written into a fresh database
  `ieum_bench_pay` as the owner;
- run: `ieum payments run --program basic_pension --month … --workers W` as a child process — the
  product path end to end: planning every 시군구's run, W worker processes claiming chunks, row-level
  security, the month's amount per entitlement, the lines, a ledger journal per chunk, completion;
- bare: `COPY payment_lines` of N ready-made rows as the owner (no policies, no computation);
- crash: the same command for another month killed with SIGKILL once half the chunks are done
  (its worker processes die with it), then run again to finish; against an uninterrupted run.

    .venv/bin/python bench/payment_run.py --entitlements 1000000     # the issue's size; ~10 min to seed
    .venv/bin/python bench/payment_run.py --entitlements 100000      # a quick look

Results go to bench/results/payment_run-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

DATABASE = "ieum_bench_pay"
IEUM = str(ROOT / ".venv" / "bin" / "ieum")
RESULTS = ROOT / "bench" / "results"
NATIONAL = 4_500_000


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def seed(urls: Any, count: int, seed: int) -> None:
    from api.synthetic import entitlements_only

    await entitlements_only(urls.owner, program="basic_pension", count=count, seed=seed, life_events=False)
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        await owner.execute("ANALYZE")
    finally:
        await owner.close()


def _env(urls: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IEUM_") and k != "DATABASE_URL"}
    return env | {"DATABASE_URL": urls.owner, "IEUM_APP_DATABASE_URL": urls.app}


def _command(month: str, workers: int) -> list[str]:
    return [
        IEUM,
        "payments",
        "run",
        "--program",
        "basic_pension",
        "--month",
        month,
        "--workers",
        str(workers),
    ]


async def _chunks(urls: Any, month: date) -> tuple[int, int]:
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        row = await owner.fetchrow(
            "SELECT count(*) FILTER (WHERE c.state = 'done') AS done, count(*) AS total FROM payment_run_chunks c"
            " JOIN payment_runs r ON r.id = c.run_id WHERE r.month = $1",
            month,
        )
        return int(row["done"]), int(row["total"])
    finally:
        await owner.close()


async def national_run(urls: Any, month: date, workers: int, *, kill_at_half: bool = False) -> float:
    """Wall time of `ieum payments run` for `month` (start-up included); when `kill_at_half`, killed
    with SIGKILL once half the month's chunks are done, then run again to the end."""
    command = _command(f"{month:%Y-%m}", workers)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=_env(urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: ASYNC220
    if kill_at_half:
        killed = False
        while child.poll() is None:
            done, total = await _chunks(urls, month)
            if total and done >= total // 2:
                child.send_signal(signal.SIGKILL)
                killed = True
                break
            await asyncio.sleep(0.05)
        await asyncio.to_thread(child.wait)
        if not killed:
            raise SystemExit("the run ended before it could be killed half-way: use more entitlements")
        child = subprocess.Popen(  # noqa: ASYNC220 - started once, then only waited for in a thread
            command, env=_env(urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    code = await asyncio.to_thread(child.wait)
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with {code}")
    return time.perf_counter() - started


async def check_month(urls: Any, month: date, count: int) -> dict[str, Any]:
    """Exactly one line per entitlement, every run completed, every chunk's ledger balanced."""
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        row = await owner.fetchrow(
            """
            SELECT (SELECT count(*) FROM payment_lines WHERE month = $1) AS lines,
                   (SELECT count(DISTINCT entitlement_id) FROM payment_lines WHERE month = $1) AS entitlements,
                   (SELECT count(*) FROM payment_runs WHERE month = $1 AND state <> 'completed') AS open_runs,
                   (SELECT coalesce(sum(total_gross), 0) FROM payment_runs WHERE month = $1) AS total,
                   (SELECT coalesce(sum(e.debit) - sum(e.credit), 0) FROM ledger_entries e
                      JOIN ledger_journals j ON j.id = e.journal_id JOIN payment_runs r ON r.id = j.run_id
                     WHERE r.month = $1) AS imbalance
            """,
            month,
        )
        checked = dict(row)
        assert checked["lines"] == checked["entitlements"] == count, checked
        assert checked["open_runs"] == 0 and checked["imbalance"] == 0, checked
        return checked
    finally:
        await owner.close()


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
        rows = await owner.fetch("SELECT id, person_id, sigungu_code, emd_code FROM entitlements")
        month = date(2031, 1, 1)
        records = [
            (run_id, 1, "regular", r["id"], "basic_pension", month, r["person_id"], r["sigungu_code"], r["emd_code"],
             "full", 349_700, 0, 349_700, "ready", None, "004", "1234", False)
            for r in rows[:count]
        ]  # fmt: skip
        columns = (
            "run_id", "chunk_seq", "kind", "entitlement_id", "program", "month", "payee_person_id", "sigungu_code",
            "emd_code", "basis", "gross_amount", "offset_amount", "net_amount", "status", "hold_reason", "bank_code",
            "account_last4", "protected_account",
        )  # fmt: skip
        started = time.perf_counter()
        await owner.copy_records_to_table("payment_lines", records=records, columns=columns)
        return time.perf_counter() - started
    finally:
        await owner.close()


async def _clear_payments(urls: Any, count: int) -> None:
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        found = await owner.fetchval("SELECT count(*) FROM entitlements")
        if found != count:
            raise SystemExit(f"--reuse: {DATABASE} holds {found:,} entitlements, not {count:,}")
        # The ledger is append-only for the application; the owner may start the benchmark over.
        await owner.execute(
            "TRUNCATE ledger_entries, ledger_journals, bank_transfers, bank_files, payment_line_actions,"
            " recovery_receipts, payment_lines, payment_run_chunks, payment_runs CASCADE"
        )
        await owner.execute("VACUUM ANALYZE")
    finally:
        await owner.close()


async def _setting(urls: Any, name: str) -> str:
    owner = await asyncpg.connect(_dsn(urls.owner))
    try:
        return str(await owner.fetchval("SELECT current_setting($1)", name))
    finally:
        await owner.close()


async def main(count: int, workers: int, seed_value: int, reuse: bool) -> None:
    from api.config import get_settings
    from tests.dbsetup import fresh_database

    settings = get_settings()
    started = time.perf_counter()
    if reuse:
        # The population of an earlier run, and its months' lines cleared: seeding a million takes minutes.
        from api.database_server import resolve

        urls = resolve(settings, database=DATABASE)
        await _clear_payments(urls, count)
    else:
        urls = fresh_database(settings, DATABASE)
        await seed(urls, count, seed_value)
    seeded = time.perf_counter() - started
    print(f"seeded {count:,} 기초연금 entitlements across the country in {seeded:.0f} s")
    print(f"server: shared_buffers {await _setting(urls, 'shared_buffers')}, {os.cpu_count()} CPUs")

    # The run and its baseline back to back, then the crash pair back to back.
    run = await national_run(urls, date(2027, 1, 1), workers)
    copy = await bare_copy(urls, count)
    checked = await check_month(urls, date(2027, 1, 1), count)
    print(f"run ({workers} worker processes): {run:8.2f} s   {count / run:10,.0f} lines/s")
    print(f"bare COPY:                  {copy:8.2f} s   {count / copy:10,.0f} rows/s")
    print(f"run / COPY: {run / copy:.2f}×  (goal ≤ 2×; above 3× not done)")
    plain = await national_run(urls, date(2027, 2, 1), workers)
    crashed = await national_run(urls, date(2027, 3, 1), workers, kill_at_half=True)
    await check_month(urls, date(2027, 3, 1), count)
    print(f"uninterrupted: {plain:.2f} s; killed half-way with -9 and run again: {crashed:.2f} s")
    print(f"crash-and-resume / uninterrupted: {crashed / plain:.2f}×  (goal ≤ 1.1×; above 1.25× not done)")
    minutes = NATIONAL / (count / run) / 60
    print(f"at this rate a national month of {NATIONAL:,} payments takes {minutes:.1f} min on this machine")

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "payment_run",
        "at": stamp,
        "config": {"entitlements": count, "workers": workers, "seed": seed_value, "reused": reuse},
        "server": {"shared_buffers": await _setting(urls, "shared_buffers")},
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "python": platform.python_version(),
        },
        "seconds": {
            "seed": seeded,
            "run": run,
            "bare_copy": copy,
            "uninterrupted": plain,
            "crashed": crashed,
        },
        "ratio_run_to_copy": run / copy,
        "ratio_crash_to_uninterrupted": crashed / plain,
        "national_minutes": minutes,
        "checked": {k: int(v) for k, v in checked.items()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"payment_run-{stamp}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entitlements", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the population of the last run of this size"
    )
    args = parser.parse_args()
    asyncio.run(main(args.entitlements, args.workers, args.seed, args.reuse))
