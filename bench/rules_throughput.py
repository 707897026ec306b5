"""Benchmark: 생계급여 and 기초연금 throughput, every path side by side in one run on synthetic households.

- api: `POST /api/v1/simulations` on the real app, served as bench/audited_read.py serves it (its
  `--serve` child under uvicorn, on a database of our own, `ieum_bench_rules`), driven by httpx;
- single: in process, `simulate()` (every program) and `assess(Program.LIVELIHOOD, …)` alone;
- bulk: `domain.rules.bulk.livelihood.livelihood_amounts` over the whole cohort (default 1,000,000);
- openfisca: OpenFisca-core computing the same 생계급여 formula, with the same parameters read from
  our ParameterBook, on the same households, in a venv of its own under bench/results/ (made on first
  use: OpenFisca is a bench-only dependency and never enters the project venv). Its default float32
  variables are compared with the exact amounts household by household (openfisca_livelihood.py);
- 기초연금: `basic_pension_amounts` over a cohort of its own units (default as many), beside
  `assess(Program.BASIC_PENSION, …)` on its first units, compared member by member
  (rules_basic_pension.py).

Figures are ratios measured in the same run (the machine is shared and noisy).

    .venv/bin/python bench/rules_throughput.py --quick
    .venv/bin/python bench/rules_throughput.py --households 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import rules_basic_pension
from openfisca_livelihood import OPENFISCA_GOAL, OPENFISCA_VENV, openfisca_exactness, run_openfisca
from rules_api import measure_api
from rules_common import BULK_GOAL, RESULTS, ROOT, bench_regions, rate


def cohort_for(args: argparse.Namespace) -> Any:
    from domain.rules.bulk.livelihood import synthetic_cohort

    largest = 6 if args.as_of.year >= 2027 else 10  # 2027 has no 7인 기준 중위소득
    return synthetic_cohort(args.households, args.as_of, bench_regions(), seed=args.seed, max_size=largest)


# --- single path and bulk -------------------------------------------------------------------------


def measure_single(cohort: Any, count: int, full: int) -> tuple[dict[str, Any], list[Any]]:
    from domain.rules.bulk.livelihood import households_from_cohort
    from domain.rules.parameter_book import ParameterUnavailable, load_book
    from domain.rules.programs.common import Program
    from domain.rules.simulate import assess, simulate

    book, households = load_book(), households_from_cohort(cohort, range(count))
    for household in households[:200]:  # warm-up
        assess(Program.LIVELIHOOD, household, book)
    began = time.perf_counter()
    results = [assess(Program.LIVELIHOOD, h, book) for h in households]
    out: dict[str, Any] = {"assess": rate(count, time.perf_counter() - began)}
    # A household that needs a figure not in force on the date (e.g. a 보육료 단가 of a year not yet
    # loaded) is refused by simulate(): time the others, and say how many were left out.
    sample, refused = [], 0
    for household in households[:full]:
        try:
            simulate(household, book)
        except ParameterUnavailable:
            refused += 1
        else:
            sample.append(household)
    began = time.perf_counter()
    for household in sample:
        simulate(household, book)
    out["simulate"] = rate(len(sample), time.perf_counter() - began) | {"refused": refused}
    if refused:
        print(f"  simulate(): {refused} of {refused + len(sample)} refused (a figure not in force)")
    return out, results


def measure_bulk(cohort: Any, rounds: int) -> tuple[list[float], Any]:
    from domain.rules.bulk.livelihood import livelihood_amounts
    from domain.rules.parameter_book import load_book

    book = load_book()
    result = livelihood_amounts(cohort, book)  # warm-up
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        result = livelihood_amounts(cohort, book)
        times.append(time.perf_counter() - began)
    return times, result


def single_vs_bulk(results: list[Any], bulk: Any) -> int:
    from domain.rules.bulk.livelihood import STATUSES

    columns = (bulk.status, bulk.amount, bulk.recognized_income, bulk.threshold)
    exact = zip(*(column[: len(results)].tolist() for column in columns), strict=True)
    return sum(
        (r.status, r.monthly_amount, r.recognized_income, r.threshold) != (STATUSES[s], a, i, t)
        for r, (s, a, i, t) in zip(results, exact, strict=True)
    )


# --- the run --------------------------------------------------------------------------------------


def table(rows: dict[str, dict[str, Any]], single_us: float) -> str:
    lines = [f"{'path':<44} {'households':>10} {'households/s':>13} {'µs each':>10} {'× single':>9}"]
    for label, row in rows.items():
        if "skipped" in row:
            lines.append(f"{label:<44} skipped — {row['skipped'][:300]}")
        else:
            figures = f"{row['households']:>10,} {row['per_second']:>13,.0f} {row['us_each']:>10.3f}"
            lines.append(f"{label:<44} {figures} {single_us / row['us_each']:>8.3g}×")
    return "\n".join(lines)


def summary(
    args: argparse.Namespace, mismatches: int, ratio: float, bulk: Any, of: Any, exact: Any, api: Any
) -> tuple[list[str], list[str]]:
    met = {True: "met", False: "NOT met"}
    notes = [
        f"single vs bulk on {args.single:,} households: {mismatches} differ (status, amounts, thresholds)"
    ]
    verdicts = [
        f"bulk/single per household {ratio:,.0f}× (goal ≥ {BULK_GOAL:.0f}×): {met[ratio >= BULK_GOAL]}"
    ]
    if exact is not None:
        calc = bulk["per_second"] / of["calculate"]["per_second"]
        total = bulk["per_second"] / of["build_and_calculate"]["per_second"]
        notes.append(
            f"OpenFisca-core {of['version']} ({of['dtype']}) vs exact: {exact['amount_wrong']:,} of "
            f"{exact['households']:,} amounts wrong to the won (max {exact['max_error_won']:,.0f} won), "
            f"eligibility flipped {exact['eligibility_flipped']:,}, 소득인정액 wrong "
            f"{exact['recognized_income_wrong']:,}, 선정기준액 wrong {exact['threshold_wrong']:,}"
        )
        verdicts.append(
            f"bulk/OpenFisca households/s {calc:.2f}× against its calculate, {total:.2f}× with build and "
            f"set_input (goal ≥ {OPENFISCA_GOAL:.0f}×): {met[calc >= OPENFISCA_GOAL]}; exact to the won: "
            f"ieum {'yes' if not mismatches else 'NO'}, OpenFisca {'no' if exact['amount_wrong'] else 'yes'}"
        )
    if "per_second" in api:
        cpu = api["server_cpu_us_per_request"]
        notes.append(
            f"API: statuses {api['statuses']}, p50 {api['p50_ms']:.1f} ms, p99 {api['p99_ms']:.1f} ms, "
            f"server CPU {cpu or float('nan'):,.0f} µs/request, concurrency {api['concurrency']}; livelihood "
            f"differs from the single path in {api['livelihood_mismatches_in_first_50']} of the first 50"
        )
        if set(api["statuses"]) - {200}:
            notes.append("note: some requests were not 200 (see statuses); households/s counts the 200s only")
    return notes, verdicts


def run(args: argparse.Namespace) -> int:
    print(f"cohort: {args.households:,} synthetic households, as_of {args.as_of}, seed {args.seed}")
    cohort = cohort_for(args)
    print(f"  {len(cohort.age):,} members, {len(cohort.car_value):,} cars", flush=True)
    print(f"bulk ({args.rounds} rounds), single path on the first {args.single:,}, bulk again …", flush=True)
    before, bulk = measure_bulk(cohort, args.rounds)
    single, single_results = measure_single(cohort, args.single, args.full)
    after, _ = measure_bulk(cohort, args.rounds)  # before and after: the machine's mood moves
    bulk_rate = rate(len(cohort), statistics.median(before + after)) | {"rounds": before + after}
    mismatches = single_vs_bulk(single_results, bulk)
    pension: dict[str, Any] = {"skipped": "--no-pension"}
    if not args.no_pension:
        pension = rules_basic_pension.measure(args)
    openfisca: dict[str, Any] = {"skipped": "--no-openfisca"}
    if not args.no_openfisca:
        print(f"OpenFisca-core in {OPENFISCA_VENV.relative_to(ROOT)} …", flush=True)
        openfisca = run_openfisca(cohort, args.openfisca_rounds)
    exactness = openfisca_exactness(openfisca.pop("arrays"), bulk) if "arrays" in openfisca else None
    api: dict[str, Any] = {"skipped": "--no-api"}
    if not args.no_api:
        print("API …", flush=True)
        api = measure_api(args, cohort, single_results)

    rows = {
        "API POST /api/v1/simulations (all programs)": api,
        "in process simulate() (all programs)": single["simulate"],
        "in process assess(livelihood) (single)": single["assess"],
        "bulk livelihood_amounts": bulk_rate,
        "OpenFisca-core calculate": openfisca.get("calculate", openfisca),
        "OpenFisca-core build + set_input + calculate": openfisca.get("build_and_calculate", openfisca),
    }
    print(f"\n{table(rows, single['assess']['us_each'])}")
    if "bulk" in pension:  # a table of its own: its × single is against its own single path
        rows = {"in process assess(basic_pension) (single)": pension["single"]}
        rows["bulk basic_pension_amounts"] = pension["bulk"]
        print(f"\n{table(rows, pension['single']['us_each'])}")
    ratio = single["assess"]["us_each"] / bulk_rate["us_each"]
    notes, verdicts = summary(args, mismatches, ratio, bulk_rate, openfisca, exactness, api)
    if "per_second" in api and "per_second" in single["simulate"]:
        wall, cpu = api["us_each"], api["server_cpu_us_per_request"] or float("nan")
        inside = single["simulate"]["us_each"]
        notes.append(
            f"API: one simulation over HTTP costs {wall / inside:.1f}× an in-process simulate() in wall time"
            f" (client and server share the machine), {cpu / inside:.1f}× in server CPU"
        )
    if "bulk" in pension:
        more_notes, more_verdicts = rules_basic_pension.summary(pension)
        notes, verdicts = notes + more_notes, verdicts + more_verdicts
    load = os.getloadavg()
    if load[0] > (os.cpu_count() or 1):
        notes.append(f"note: load average {load[0]:.1f} on {os.cpu_count()} CPUs — other work competed")
    print("\n".join(notes + [f"VERDICT: {v}" for v in verdicts]))

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"rules_throughput-{stamp}.json"
    report = {
        "benchmark": "rules_throughput",
        "at": stamp,
        "config": {k: str(v) if isinstance(v, date) else v for k, v in vars(args).items()},
        "machine": {"cpus": os.cpu_count(), "load_average": load, "platform": platform.platform()},
        **{"api": api, "single": single, "bulk": bulk_rate, "openfisca": openfisca},
        **{"openfisca_exactness": exactness, "single_vs_bulk_mismatches": mismatches},
        **{"bulk_over_single_per_household": ratio, "basic_pension": pension, "verdicts": verdicts},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 1 if mismatches or pension.get("mismatches") else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    option = parser.add_argument
    option("--households", type=int, default=1_000_000, help="the bulk and OpenFisca cohort (1,000,000)")
    option("--pension-units", type=int, help="the 기초연금 cohort's units (default: --households)")
    option("--single", type=int, default=20_000, help="households through the single path (20,000)")
    option("--full", type=int, default=5_000, help="of those, through simulate() (5,000)")
    option("--rounds", type=int, default=5, help="bulk rounds, before and after the single path (5)")
    option("--openfisca-rounds", type=int, default=3, help="OpenFisca rounds (3)")
    option("--api-seconds", type=float, default=10.0, help="length of the API measurement (10 s)")
    option("--concurrency", type=int, default=8, help="API requests in flight (8)")
    option("--as-of", type=date.fromisoformat, default=date(2026, 5, 1), help="the cohort's date")
    option("--seed", type=int, default=2026)
    option("--quick", action="store_true", help="smoke run: 100,000 per cohort, 2,000 single, short rounds")
    option("--no-api", action="store_true", help="skip the API (no database)")
    option("--no-openfisca", action="store_true", help="skip OpenFisca (no venv, no network)")
    option("--no-pension", action="store_true", help="skip 기초연금")
    option("--var-dir", default=str(ROOT / "var" / "bench"), help="embedded cluster (never var/)")
    args = parser.parse_args()
    if args.pension_units is None:  # the same N as the 생계급여 cohort
        args.pension_units = args.households
    if args.quick:
        args.households, args.single, args.full = min(args.households, 100_000), 2_000, 500
        args.pension_units = min(args.pension_units, 100_000)
        args.rounds, args.openfisca_rounds, args.api_seconds = 2, 2, 3.0
    counts = (args.households, args.pension_units, args.single, args.full, args.rounds, args.openfisca_rounds)
    if min(*counts, args.concurrency) < 1:
        parser.error("counts must be positive")
    args.single = min(args.single, args.households)
    if Path(args.var_dir).resolve() == (ROOT / "var").resolve():
        parser.error("--var-dir var/ would be the development database (var/pg); use its own directory")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
