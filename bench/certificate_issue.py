"""Benchmark: issuing a certificate through the API against rendering the same page alone.

- issue: `POST /api/v1/certificates` as a 읍면동 intake official, each with a new `Idempotency-Key` —
  token and account check, the idempotency claim, the certificate rules over the person's
  entitlements (`certificate_basis`), the document serial (its own short transaction), the PDF, its
  encryption, the rows, the 접속기록, the stored answer and the commit;
- render: `render_certificate` in this process for the same page (the same holder, facts and members);
- fpdf2: the same strings on a bare fpdf2 page that loads the four Nanum files itself, as fpdf2 does
  without our font cache (`certificate_render.render_baseline`).

Latency: one request at a time, the three alternating, so that each sees the same machine. Throughput:
`--concurrency` requests in flight for `--seconds`, then this process rendering for as long (one
thread; the server renders on one worker process too). The server is the real app under uvicorn in a
child process, on a fresh database `ieum_bench` of an embedded PostgreSQL under var/bench (or on
DATABASE_URL), seeded with the test baseline and one 생계급여 household.

    .venv/bin/python bench/certificate_issue.py                 # 200 of each, then 10 s of load
    .venv/bin/python bench/certificate_issue.py -n 50 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `api` and `tests` without an install

import audited_read  # noqa: E402  (bench/: the uvicorn child and its start and stop)
from certificate_render import render_baseline  # noqa: E402

from api.certificates import CertificateDocument, CertificateLine, MemberLine, render_certificate  # noqa: E402

RESULTS = ROOT / "bench" / "results"
ISSUER_ACCOUNT = "t.intake"
GOAL_P95_MS = 300.0
BODY_PURPOSE = "public_office"  # prints the most: number, address, programs, start date, members


def same_page(issued: dict[str, Any], i: int) -> CertificateDocument:
    """The page the API printed for `issued`, rebuilt for an in-process render (a new number each)."""
    number = f"2026-11110-{90_000_000 + i:08d}"
    return CertificateDocument(
        title=issued["title"],
        legal_basis="국민기초생활보장법 시행규칙 제40조, 별지 제3호서식",
        document_number=number,
        verification_code=issued["verification_code"],
        verification_url=issued["verification_url"].replace(issued["document_number"], number),
        holder_name=issued["holder"]["name"],
        holder_rrn=issued["holder"]["rrn_masked"],
        holder_address="김청운 주소 1",
        facts=(CertificateLine("수급(보장) 구분", "생계급여"), CertificateLine("책정일", "2026. 5. 1.")),
        members=(
            MemberLine("본인(세대주)", "김청운", "700101-1******"),
            MemberLine("배우자", "이청운", "720202-2******"),
        ),
        purpose=issued["purpose_label"],
        issued_on=datetime.fromisoformat(issued["issued_on"]).date(),
        issuer=issued["issuer"],
    )


def prepare() -> tuple[str, str, Any, uuid.UUID, int | None]:
    from api.config import get_settings
    from api.database_server import run_blocking
    from api.db import create_database
    from tests.baseline import load_baseline
    from tests.dbsetup import fresh_database
    from tests.entitlements.factory import grant

    settings = get_settings()
    urls = fresh_database(settings, audited_read.DATABASE)
    baseline = run_blocking(load_baseline(urls.owner))

    async def household() -> None:
        database = create_database(urls.app, pool_size=2)
        members = {"m1": baseline.people["own"], "m2": baseline.people["own_spouse"]}
        await grant(database, baseline, members=members)
        await database.engine.dispose()

    run_blocking(household())
    postmaster = None
    pid_file = settings.var_dir / "pg" / "postmaster.pid"
    if not settings.database_url and pid_file.exists():
        postmaster = int(pid_file.read_text().split()[0])
    return urls.owner, urls.app, baseline.account(ISSUER_ACCOUNT), baseline.people["own"], postmaster


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": statistics.median(ordered),
        "p95_ms": statistics.quantiles(ordered, n=20)[18],
        "mean_ms": statistics.fmean(ordered),
        "count": len(ordered),
    }


class Issuer:
    def __init__(self, client: Any, account: Any, person: uuid.UUID) -> None:
        self.client = client
        self.account = account
        self.body = {
            "person_id": str(person),
            "certificate_type": "basic_livelihood",
            "purpose": BODY_PURPOSE,
        }
        self.token = ""
        self.minted = 0.0

    def headers(self) -> dict[str, str]:
        from tests.tokens import mint_token

        if time.monotonic() - self.minted > 300:  # well inside the 10-minute token
            self.token, self.minted = mint_token(self.account), time.monotonic()
        return {
            "Authorization": f"Bearer {self.token}",
            "Idempotency-Key": uuid.uuid4().hex,
            "X-Purpose": quote("성능 측정 (bench/certificate_issue.py)"),
        }

    async def issue(self) -> dict[str, Any]:
        response = await self.client.post("/api/v1/certificates", json=self.body, headers=self.headers())
        if response.status_code != 201:
            raise RuntimeError(f"issue: {response.status_code} {response.text[:300]}")
        issued: dict[str, Any] = response.json()
        return issued


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


async def latency(issuer: Issuer, n: int, warmup: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    sample = await issuer.issue()
    times: dict[str, list[float]] = {"issue": [], "render": [], "fpdf2": []}
    for i in range(warmup + n):
        started = time.perf_counter()
        await issuer.issue()
        issue_ms = (time.perf_counter() - started) * 1000
        page = same_page(sample, i)
        render_ms = timed(lambda page=page: render_certificate(page))
        fpdf2_ms = timed(lambda page=page: render_baseline(page))
        if i >= warmup:
            times["issue"].append(issue_ms)
            times["render"].append(render_ms)
            times["fpdf2"].append(fpdf2_ms)
    return times, sample


async def throughput(
    issuer: Issuer, sample: dict[str, Any], seconds: float, concurrency: int
) -> dict[str, float]:
    done = errors = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done, errors
        while time.perf_counter() < deadline:
            try:
                await issuer.issue()
                done += 1
            except RuntimeError:
                errors += 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    issue_rate = done / (time.perf_counter() - began)
    renders, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        render_certificate(same_page(sample, renders))
        renders += 1
    render_rate = renders / (time.perf_counter() - began)
    return {"issue_per_s": issue_rate, "render_per_s": render_rate, "issue_errors": errors}


async def count_certificates(owner_url: str) -> int:
    from sqlalchemy import func, select

    from api.admin_session import owner_session
    from api.models import CertificateRow

    async with owner_session(owner_url) as session:
        return int(await session.scalar(select(func.count()).select_from(CertificateRow)) or 0)


async def measure(args: argparse.Namespace, base: str, account: Any, person: uuid.UUID) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        issuer = Issuer(client, account, person)
        times, sample = await latency(issuer, args.n, args.warmup)
        rates = await throughput(issuer, sample, args.seconds, args.concurrency)
    return {"latency": {name: summary(values) for name, values in times.items()}, "throughput": rates}


def report(measured: dict[str, Any]) -> str:
    lat, rates = measured["latency"], measured["throughput"]
    render = lat["render"]
    lines = [
        f"{'':<8} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}   {'× render p50':>12} {'× render p95':>12}"
    ]
    for name in ("issue", "render", "fpdf2"):
        s = lat[name]
        lines.append(
            f"{name:<8} {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} {s['mean_ms']:>8.1f}   "
            f"{s['p50_ms'] / render['p50_ms']:>12.2f} {s['p95_ms'] / render['p95_ms']:>12.2f}"
        )
    lines.append(
        f"throughput: {rates['issue_per_s']:.1f} issued/s through the API, {rates['render_per_s']:.1f} "
        f"pages/s rendered alone ({rates['issue_per_s'] / rates['render_per_s']:.2f}×)"
    )
    p95 = lat["issue"]["p95_ms"]
    verdict = "meets" if p95 < GOAL_P95_MS else "misses"
    lines.append(f"VERDICT: issuance p95 {p95:.0f} ms {verdict} the goal (p95 < {GOAL_P95_MS:.0f} ms)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    os.environ["IEUM_VAR_DIR"] = str(Path(args.var_dir).resolve())
    Path(os.environ["IEUM_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    print(f"preparing database {audited_read.DATABASE} (var dir {os.environ['IEUM_VAR_DIR']}) …", flush=True)
    owner_url, app_url, account, person, postmaster = prepare()
    fixture = audited_read.Fixture(owner_url, app_url, person, account, postmaster)
    child, base, log_path = audited_read.start_server(fixture, None)
    try:
        asyncio.run(audited_read.wait_ready(base, child, log_path))
        print(
            f"server pid {child.pid} on {base}; {args.n} of each (after {args.warmup}), alternating; then "
            f"{args.seconds:g} s at concurrency {args.concurrency} …",
            flush=True,
        )
        measured = asyncio.run(measure(args, base, account, person))
    finally:
        audited_read.stop_server(child)
    stored = asyncio.run(count_certificates(owner_url))
    text = report(measured)
    print()
    print(text)
    print(f"certificates stored: {stored}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"certificate_issue-{stamp}.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "certificate_issue",
        "at": stamp,
        "config": vars(args),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "certificates_stored": stored,
        **measured,
        "verdict": text.splitlines()[-1],
    }
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 1 if measured["throughput"]["issue_errors"] else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="timed issuances (and renders) (200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed ones first (10)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the throughput phase (10)")
    parser.add_argument("--concurrency", type=int, default=4, help="issuances in flight (4)")
    parser.add_argument(
        "--var-dir", default=str(ROOT / "var" / "bench"), help="embedded cluster and keys (never var/pg)"
    )
    args = parser.parse_args()
    if args.n < 2 or args.warmup < 0 or args.seconds <= 0 or args.concurrency < 1:
        parser.error("-n must be at least 2, --warmup not negative, --seconds and --concurrency positive")
    if Path(args.var_dir).resolve() == (ROOT / "var").resolve():
        parser.error("--var-dir var/ would be the development database (var/pg); use its own directory")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
