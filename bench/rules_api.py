"""The API row of bench/rules_throughput.py: `POST /api/v1/simulations` on the real app, served as
bench/audited_read.py serves it (its `--serve` child under uvicorn) on a fresh database of our own,
`ieum_bench_rules`, on the same embedded cluster, driven by httpx."""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import warnings
from pathlib import Path
from typing import Any

from rules_common import rate

DATABASE = "ieum_bench_rules"


def request_body(household: Any) -> dict[str, Any]:
    """The contract's JSON shape (shared/contracts/simulation.md) of a Household."""
    incomes = ("earned", "business", "property", "public_transfer", "private_transfer", "national_pension")
    assets = household.assets
    members = [
        {"id": m.id, "relation": m.relation.value, "birth_date": m.birth_date.isoformat()}
        | {"disability": m.disability.value, "income": {f: getattr(m.income, f) for f in incomes}}
        for m in household.members
    ]
    return {
        "as_of": household.as_of.isoformat(),
        "sigungu_code": household.region.code,
        "members": members,
        "assets": {f: getattr(assets, f) for f in ("housing", "general", "financial", "debts")}
        | {"vehicles": [{"value": v.value, "cc": v.cc, "use": v.use.value} for v in assets.vehicles]},
        "obligors": [
            {"annual_income": o.annual_income, "general_property": o.general_property}
            for o in household.obligors
        ],
    }


async def drive_api(
    base: str, bodies: list[Any], expected: list[Any], args: argparse.Namespace, pid: int
) -> dict[str, Any]:
    import httpx
    from audited_read import _cpu_seconds, _percentile

    url = "/api/v1/simulations"
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        first = await client.post(url, json=bodies[0])
        if first.status_code != 200:
            missing = " (the route is not there yet)" if first.status_code == 404 else ""
            return {"skipped": f"POST {url} answered {first.status_code}{missing}: {first.text[:300]}"}
        wrong, keys = 0, ("status", "monthly_amount", "recognized_income", "threshold")
        for body, exact in list(zip(bodies, expected, strict=True))[:50]:  # the API must agree with the rules
            results = (await client.post(url, json=body)).json()["results"]
            found = next(r for r in results if r["program"] == "livelihood")
            wrong += tuple(found[k] for k in keys) != exact
        latencies: list[float] = []
        statuses: dict[int, int] = {}

        async def worker(seconds: float, k: int) -> None:
            deadline = time.perf_counter() + seconds
            while (began := time.perf_counter()) < deadline:
                response = await client.post(url, json=bodies[k % len(bodies)])
                latencies.append(time.perf_counter() - began)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                k += args.concurrency

        warm_up = min(2.0, args.api_seconds)
        await asyncio.gather(*(worker(warm_up, k) for k in range(args.concurrency)))
        latencies.clear()
        statuses.clear()
        cpu0, began = _cpu_seconds(pid), time.perf_counter()
        await asyncio.gather(*(worker(args.api_seconds, k) for k in range(args.concurrency)))
        elapsed, cpu1 = time.perf_counter() - began, _cpu_seconds(pid)
    ordered, sent = sorted(latencies), len(latencies)
    server_cpu = (cpu1 - cpu0) / sent * 1e6 if cpu0 is not None and cpu1 is not None and sent else None
    return rate(max(statuses.get(200, 0), 1), elapsed) | {
        "requests": sent,
        "statuses": statuses,
        "p50_ms": _percentile(ordered, 0.5) * 1000,
        "p99_ms": _percentile(ordered, 0.99) * 1000,
        "server_cpu_us_per_request": server_cpu,
        "livelihood_mismatches_in_first_50": wrong,
        "concurrency": args.concurrency,
    }


def measure_api(args: argparse.Namespace, cohort: Any, single: list[Any]) -> dict[str, Any]:
    """The app in audited_read.py's `--serve` child (the real app; its extra /bench routes are not
    called here), on a fresh database of its own on the same embedded cluster."""
    import uuid

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")  # platformdirs, via the database
    os.environ["IEUM_VAR_DIR"] = str(Path(args.var_dir).resolve())
    Path(os.environ["IEUM_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    # The per-client limit stays in the path (its cost is part of a request), but must not cap a
    # benchmark that sends everything from one address.
    os.environ["IEUM_SIMULATION_RATE_PER_MINUTE"] = str(10**9)
    from audited_read import Fixture, start_server, stop_server, wait_ready

    from api.config import get_settings
    from domain.rules.bulk.livelihood import households_from_cohort
    from tests.dbsetup import fresh_database

    print(f"  preparing database {DATABASE} (var dir {os.environ['IEUM_VAR_DIR']}) …", flush=True)
    urls = fresh_database(get_settings(), DATABASE)
    count = min(len(single), 2_000)
    bodies = [request_body(h) for h in households_from_cohort(cohort, range(count))]
    expected = [(r.status.value, r.monthly_amount, r.recognized_income, r.threshold) for r in single[:count]]
    child, base, log_path = start_server(Fixture(urls.owner, urls.app, uuid.UUID(int=0), None, None), None)
    try:
        asyncio.run(wait_ready(base, child, log_path))
        return asyncio.run(drive_api(base, bodies, expected, args, child.pid))
    except RuntimeError as exc:
        return {"skipped": str(exc)}
    finally:
        stop_server(child)
