"""Benchmark: an audited person read against a bare read of the same row, in one server process.

- audited: the real route `GET /api/v1/persons/{person_id}` — token check, account check (which also
  sets the transaction's jurisdiction), scoped select and what the read shows beside it, and the
  접속기록 append (`audit_append`) before the commit;
- bare: `GET /bench/bare/{person_id}`, added to the app by this script only — a session from the same
  sessionmaker, the same jurisdiction settings in the same transaction, the same scoped select
  (`RegistryRepository.person`), a small JSON. No token, no audit.

A fresh database `ieum_bench` is made on an embedded PostgreSQL of its own under var/bench (or on the
server named by DATABASE_URL), seeded with the test baseline. The app runs under uvicorn in a child
process (one worker, 127.0.0.1, a socket the parent binds and hands over); this process drives it
with httpx.AsyncClient (HTTP/1.1 keep-alive) at a fixed concurrency, the two endpoints interleaved in
alternating rounds after a warm-up. Everything is bounded: rounds × seconds, request timeouts, and
the child stops when the parent does.

    .venv/bin/python bench/audited_read.py --rounds 3 --seconds 4
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from fastapi import FastAPI

    from api.db import Database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = "ieum_bench"
SIGUNGU = "11110"  # 서울 종로구: the investigator's and the person's 시군구
READER = "t.investigator"
PERSON = "own"
GOAL, FLOOR = 0.6, 0.5
CLIENT_SATURATED = 0.85  # share of one core used by this process: above it, the client is the limit
READY_TIMEOUT = 60.0
ENDPOINTS = ("audited", "bare")

# Handed from the parent to the server child through the environment (not argv: it has a password).
APP_URL_ENV = "IEUM_BENCH_APP_URL"
SOCKET_FD_ENV = "IEUM_BENCH_SOCKET_FD"


# --- the server (child process) ----------------------------------------------------------------


def add_bench_routes(app: FastAPI, database: Database) -> None:
    """The baseline endpoint: the guard's jurisdiction settings and the repository's scoped select in
    one transaction on a session from the app's own sessionmaker — and nothing else. Plus a counter
    of new database connections, read between rounds."""
    from fastapi import HTTPException
    from sqlalchemy import event, text

    from api.registry.repository import RegistryRepository
    from api.security.principal import Principal

    principal = Principal("official", uuid.UUID(int=0), "bench", SIGUNGU, None, (), (), frozenset())
    scope = text("SELECT set_config('ieum.sigungu', :sigungu, true), set_config('ieum.emd', '', true)")
    connects = 0

    def count_connect(*_: object) -> None:
        nonlocal connects
        connects += 1

    event.listen(database.engine.sync_engine, "connect", count_connect)

    @app.get("/bench/stats", include_in_schema=False)
    async def stats() -> dict[str, int]:
        return {"db_connects": connects}

    @app.get("/bench/bare/{person_id}", include_in_schema=False)
    async def bare(person_id: uuid.UUID) -> dict[str, str]:
        async with database.sessionmaker() as session, session.begin():
            await session.execute(scope, {"sigungu": SIGUNGU})
            person = await RegistryRepository(session, principal).person(person_id)
        if person is None:
            raise HTTPException(status_code=404)
        return {"id": str(person.id), "name": person.name}


def serve() -> None:
    """Child: the real app plus the bench routes, under uvicorn on the socket the parent bound."""
    import uvicorn

    from api.config import get_settings
    from api.db import create_database
    from api.main import create_app

    settings = get_settings()
    database = create_database(os.environ[APP_URL_ENV], pool_size=settings.pool_size)
    app = create_app(settings, database)  # its lifespan still refuses a privileged role
    add_bench_routes(app, database)
    sock = socket.socket(fileno=int(os.environ[SOCKET_FD_ENV]))
    # Same loop and protocol as `ieum serve` (auto: uvloop and httptools when installed). The
    # access log is off for both endpoints alike: it would only measure the terminal.
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    parent = os.getppid()

    def watchdog() -> None:  # stop when the benchmark process is gone, however it ended
        while not server.should_exit:
            if os.getppid() != parent:
                server.should_exit = True
            time.sleep(0.5)

    threading.Thread(target=watchdog, daemon=True).start()
    server.run(sockets=[sock])


# --- measurement (parent process) --------------------------------------------------------------


def _proc_stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process (Linux /proc), or None elsewhere."""
    fields = _proc_stat(pid)
    return None if fields is None else (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cluster_cpu_seconds(postmaster: int | None) -> float | None:
    """CPU of the whole PostgreSQL cluster: the postmaster, its live children (backends, writers) and
    the children that already exited (counted in the postmaster's cutime/cstime once reaped)."""
    own = _proc_stat(postmaster) if postmaster else None
    if own is None:
        return None
    ticks = sum(int(x) for x in own[11:15])
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            child = _proc_stat(int(entry.name))
            if child is not None and int(child[1]) == postmaster:
                ticks += int(child[11]) + int(child[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass
class Probe:
    """What the round cost: CPU of the server, the database cluster and this (client) process."""

    server_pid: int
    postmaster: int | None

    def sample(self) -> tuple[float | None, float | None, float]:
        return (
            _cpu_seconds(self.server_pid),
            _cluster_cpu_seconds(self.postmaster),
            time.process_time(),
        )


@dataclass
class Round:
    endpoint: str
    round: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    server_cpu_us_per_req: float | None
    db_cpu_us_per_req: float | None  # the whole PostgreSQL cluster (embedded server only)
    client_cpu_share: float  # of one core; near 1.0 means the load generator is the bottleneck
    db_connects: int  # new pool connections during the round (churn when the pool is too small)
    latencies: list[float] = field(default_factory=list, repr=False)


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))]


def _per_request(before: float | None, after: float | None, count: int) -> float | None:
    if before is None or after is None or not count:
        return None
    return (after - before) / count * 1e6


async def drive(
    client: Any,
    url: str,
    headers: dict[str, str],
    seconds: float,
    concurrency: int,
    probe: Probe,
    label: tuple[str, int],
) -> Round:
    """`concurrency` workers send GET `url` back to back until `seconds` have passed."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        while (start := time.perf_counter()) < deadline:
            response = await client.get(url, headers=headers)
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors += 1

    connects = (await client.get("/bench/stats")).json()["db_connects"]
    server0, db0, client0 = probe.sample()
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    server1, db1, client1 = probe.sample()
    connects = (await client.get("/bench/stats")).json()["db_connects"] - connects
    ordered, count = sorted(latencies), len(latencies)
    return Round(
        endpoint=label[0],
        round=label[1],
        requests=count,
        errors=errors,
        seconds=round(elapsed, 3),
        rps=count / elapsed if elapsed else 0.0,
        p50_ms=_percentile(ordered, 0.50) * 1000,
        p99_ms=_percentile(ordered, 0.99) * 1000,
        server_cpu_us_per_req=_per_request(server0, server1, count),
        db_cpu_us_per_req=_per_request(db0, db1, count),
        client_cpu_share=round((client1 - client0) / elapsed, 3) if elapsed else 0.0,
        db_connects=connects,
        latencies=latencies,
    )


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _summary(rounds: list[Round]) -> dict[str, Any]:
    pooled = sorted(x for r in rounds for x in r.latencies)
    return {
        "rps_median": statistics.median(r.rps for r in rounds),
        "rps_rounds": [round(r.rps, 1) for r in rounds],
        "p50_ms": _percentile(pooled, 0.50) * 1000,
        "p99_ms": _percentile(pooled, 0.99) * 1000,
        "server_cpu_us_per_req": _median([r.server_cpu_us_per_req for r in rounds]),
        "db_cpu_us_per_req": _median([r.db_cpu_us_per_req for r in rounds]),
        "client_cpu_share": statistics.median(r.client_cpu_share for r in rounds),
        "requests": sum(r.requests for r in rounds),
        "errors": sum(r.errors for r in rounds),
        "db_connects": sum(r.db_connects for r in rounds),
    }


def server_cpu_ratio(summaries: dict[str, dict[str, Any]]) -> float | None:
    bare, audited = (summaries[n]["server_cpu_us_per_req"] for n in ("bare", "audited"))
    return bare / audited if bare and audited else None


def verdict(ratio: float) -> str:
    if ratio >= GOAL:
        return f"VERDICT: done — audited/bare = {ratio:.2f}× (goal ≥ {GOAL}×)"
    if ratio >= FLOOR:
        return (
            f"VERDICT: below goal — audited/bare = {ratio:.2f}× (goal ≥ {GOAL}×; under {FLOOR}× is not done)"
        )
    return f"VERDICT: not done — audited/bare = {ratio:.2f}× (below {FLOOR}×; goal ≥ {GOAL}×)"


def _table(summaries: dict[str, dict[str, Any]]) -> str:
    def us(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0f}"

    lines = [
        f"{'endpoint':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'server CPU':>11} {'db CPU':>8} "
        f"{'client CPU':>11} {'requests':>9} {'errors':>7} {'db connects':>12}",
        f"{'':<9} {'median':>8} {'':>8} {'':>8} {'µs/req':>11} {'µs/req':>8} {'(1 core)':>11}",
    ]
    for name, s in summaries.items():
        lines.append(
            f"{name:<9} {s['rps_median']:>8.1f} {s['p50_ms']:>8.2f} {s['p99_ms']:>8.2f} "
            f"{us(s['server_cpu_us_per_req']):>11} {us(s['db_cpu_us_per_req']):>8} "
            f"{s['client_cpu_share']:>11.0%} {s['requests']:>9} {s['errors']:>7} {s['db_connects']:>12}"
        )
    return "\n".join(lines)


# --- setup and orchestration -------------------------------------------------------------------


@dataclass
class Fixture:
    owner_url: str
    app_url: str
    person_id: uuid.UUID
    account: Any  # tests.baseline.Account
    postmaster: int | None  # the embedded server's pid, for its CPU


def prepare() -> Fixture:
    sys.path.insert(0, str(ROOT))  # `tests` is not an installed package
    from api.config import get_settings
    from api.database_server import run_blocking
    from tests.baseline import load_baseline
    from tests.dbsetup import fresh_database

    settings = get_settings()
    urls = fresh_database(settings, DATABASE)
    baseline = run_blocking(load_baseline(urls.owner))
    postmaster = None
    pid_file = settings.var_dir / "pg" / "postmaster.pid"
    if not settings.database_url and pid_file.exists():
        postmaster = int(pid_file.read_text().split()[0])
    return Fixture(urls.owner, urls.app, baseline.people[PERSON], baseline.account(READER), postmaster)


def token_for(account: Any) -> str:
    from tests.tokens import mint_token

    return mint_token(account)


async def count_access_records(owner_url: str) -> int:
    """접속기록 rows of successful GETs by the benchmark's reader (only the audited reads make them)."""
    from sqlalchemy import func, select

    from api.admin_session import owner_session
    from api.models import AccessLog

    async with owner_session(owner_url) as session:
        found = await session.scalar(
            select(func.count())
            .select_from(AccessLog)
            .where(AccessLog.actor == READER, AccessLog.method == "GET", AccessLog.outcome == "success")
        )
    return int(found or 0)


def start_server(fixture: Fixture, pool_size: int | None) -> tuple[subprocess.Popen[bytes], str, Path]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # loopback only, a free port
    port = sock.getsockname()[1]
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS / "server.log"
    env = os.environ | {APP_URL_ENV: fixture.app_url, SOCKET_FD_ENV: str(sock.fileno())}
    if pool_size is not None:
        env["IEUM_POOL_SIZE"] = str(pool_size)
    with log_path.open("wb") as log:
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            env=env,
            pass_fds=(sock.fileno(),),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    sock.close()  # the child has its own copy
    return child, f"http://127.0.0.1:{port}", log_path


async def wait_ready(base: str, child: subprocess.Popen[bytes], log_path: Path) -> None:
    import httpx

    deadline = time.monotonic() + READY_TIMEOUT
    async with httpx.AsyncClient(base_url=base, timeout=5) as client:
        while time.monotonic() < deadline:
            if child.poll() is not None:
                raise RuntimeError(f"server exited ({child.returncode}); see {log_path}")
            try:
                if (await client.get("/api/v1/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT:.0f} s; see {log_path}")


def stop_server(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=5)


async def measure(args: argparse.Namespace, fixture: Fixture, base: str, probe: Probe) -> dict[str, Any]:
    import httpx

    person = fixture.person_id
    urls = {"audited": f"/api/v1/persons/{person}", "bare": f"/bench/bare/{person}"}
    purpose = {"X-Purpose": quote("성능 측정 (bench/audited_read.py)")}

    def headers(endpoint: str) -> dict[str, str]:
        # Minted per phase: a long run must not outlive the 10-minute access token.
        if endpoint == "bare":
            return {}
        return {"Authorization": f"Bearer {token_for(fixture.account)}"} | purpose

    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    rounds: dict[str, list[Round]] = {name: [] for name in ENDPOINTS}
    audited_sent = 0
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for endpoint in ENDPOINTS:  # the responses must be what we think they are
            response = await client.get(urls[endpoint], headers=headers(endpoint))
            if response.status_code != 200 or response.json().get("id") != str(person):
                raise RuntimeError(f"{endpoint}: {response.status_code} {response.text[:300]}")
        audited_sent += 1
        if args.warmup > 0:
            for endpoint in ENDPOINTS:
                warm = await drive(
                    client,
                    urls[endpoint],
                    headers(endpoint),
                    args.warmup,
                    args.concurrency,
                    probe,
                    (endpoint, 0),
                )
                audited_sent += warm.requests if endpoint == "audited" else 0
        for number in range(1, args.rounds + 1):
            for endpoint in ENDPOINTS if number % 2 else tuple(reversed(ENDPOINTS)):
                one = await drive(
                    client,
                    urls[endpoint],
                    headers(endpoint),
                    args.seconds,
                    args.concurrency,
                    probe,
                    (endpoint, number),
                )
                rounds[endpoint].append(one)
                audited_sent += one.requests if endpoint == "audited" else 0
                print(
                    f"  round {number} {endpoint:<8} {one.rps:8.1f} req/s  p50 {one.p50_ms:7.2f} ms"
                    f"  p99 {one.p99_ms:7.2f} ms  errors {one.errors}  db connects {one.db_connects}",
                    flush=True,
                )
    return {
        "summaries": {name: _summary(rs) for name, rs in rounds.items()},
        "rounds": {name: [_public(r) for r in rs] for name, rs in rounds.items()},
        "audited_requests_sent": audited_sent,
    }


def _public(one: Round) -> dict[str, Any]:
    data = asdict(one)
    data.pop("latencies")
    return data


def effective_pool_size(args: argparse.Namespace) -> int:
    from api.config import get_settings

    return int(args.pool_size) if args.pool_size is not None else get_settings().pool_size


def run(args: argparse.Namespace) -> int:
    os.environ["IEUM_VAR_DIR"] = str(Path(args.var_dir).resolve())
    Path(os.environ["IEUM_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    print(f"preparing database {DATABASE} (var dir {os.environ['IEUM_VAR_DIR']}) …", flush=True)
    fixture = prepare()
    records_before = asyncio.run(count_access_records(fixture.owner_url))
    child, base, log_path = start_server(fixture, args.pool_size)
    try:
        asyncio.run(wait_ready(base, child, log_path))
        print(
            f"server pid {child.pid} on {base}; {args.rounds} rounds × {args.seconds:g} s per endpoint, "
            f"concurrency {args.concurrency}, warm-up {args.warmup:g} s, "
            f"pool size {effective_pool_size(args)}",
            flush=True,
        )
        measured = asyncio.run(measure(args, fixture, base, Probe(child.pid, fixture.postmaster)))
    finally:
        stop_server(child)
    records = asyncio.run(count_access_records(fixture.owner_url)) - records_before

    summaries = measured["summaries"]
    ratio = summaries["audited"]["rps_median"] / summaries["bare"]["rps_median"]
    line = verdict(ratio)
    print()
    print(_table(summaries))
    print(f"ratio audited/bare throughput (median req/s): {ratio:.3f}×")
    cpu_ratio = server_cpu_ratio(summaries)
    if cpu_ratio is not None:
        print(f"ratio by server CPU per request (bare/audited; one worker's ceiling): {cpu_ratio:.3f}×")
    saturated = [n for n, s in summaries.items() if s["client_cpu_share"] >= CLIENT_SATURATED]
    if saturated:
        print(
            f"note: the load generator used ≥{CLIENT_SATURATED:.0%} of a core on {', '.join(saturated)}:"
            " that throughput is capped by the client, so the ratio above is less trustworthy than"
            " the CPU ratio"
        )
    sent = measured["audited_requests_sent"]
    print(f"접속기록 rows written by the audited reads: {records} (audited requests sent: {sent})")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load is not None and os.cpu_count() and load[0] > (os.cpu_count() or 1):
        print(f"note: load average {load[0]:.1f} on {os.cpu_count()} CPUs — other work competed for the CPU")
    print(line)

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"audited_read-{stamp}.json"
    report = {
        "benchmark": "audited_read",
        "at": stamp,
        "config": {
            "rounds": args.rounds,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "concurrency": args.concurrency,
            "pool_size": effective_pool_size(args),
            "client": "httpx.AsyncClient (HTTP/1.1 keep-alive)",
            "database": DATABASE,
            "database_server": "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded",
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": load,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "ratio": ratio,
        "server_cpu_ratio": cpu_ratio,
        "verdict": line,
        "access_records_written": records,
        **measured,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    errors = summaries["audited"]["errors"] + summaries["bare"]["errors"]
    if errors:
        print(f"warning: {errors} non-200 responses; see {log_path}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per endpoint (5)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one round (5)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up per endpoint, seconds (2)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (16)")
    parser.add_argument(
        "--pool-size",
        type=int,
        default=None,
        help="the server's IEUM_POOL_SIZE (default: the app's setting, 10: up to 20 connections)",
    )
    parser.add_argument(
        "--var-dir", default=str(ROOT / "var" / "bench"), help="embedded cluster and keys (never var/pg)"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    if args.rounds < 1 or args.seconds <= 0 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--rounds, --seconds and --concurrency must be positive, --warmup not negative")
    if args.pool_size is not None and args.pool_size < 1:
        parser.error("--pool-size must be positive")
    if Path(args.var_dir).resolve() == (ROOT / "var").resolve():
        parser.error("--var-dir var/ would be the development database (var/pg); use its own directory")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
