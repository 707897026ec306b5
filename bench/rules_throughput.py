"""Benchmark: 생계급여 throughput, every path side by side in one run on the same synthetic households.

- api: `POST /api/v1/simulations` on the real app, served as bench/audited_read.py serves it (its
  `--serve` child under uvicorn, on a database of our own, `ieum_bench_rules`), driven by httpx;
- single: in process, `simulate()` (every program) and `assess(Program.LIVELIHOOD, …)` alone;
- bulk: `domain.rules.bulk.livelihood.livelihood_amounts` over the whole cohort (default 1,000,000);
- openfisca: OpenFisca-core computing the same 생계급여 formula, with the same parameters read from
  our ParameterBook, on the same households, in a venv of its own under bench/results/ (made on first
  use: OpenFisca is a bench-only dependency and never enters the project venv). Its default float32
  variables are compared with the exact amounts household by household.

Figures are ratios measured in the same run (the machine is shared and noisy).

    .venv/bin/python bench/rules_throughput.py --quick
    .venv/bin/python bench/rules_throughput.py --households 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
OPENFISCA_VENV = RESULTS / ".venv-openfisca"  # bench/results/ is git-ignored
DATABASE = "ieum_bench_rules"
SIGUNGU = ("11110", "41110", "28200", "26110", "36110", "48121", "43760")  # every 기본재산액 지역
BULK_GOAL, OPENFISCA_GOAL = 100.0, 1.0
sys.path.insert(0, str(ROOT))  # `tests` (the reference regions, the database setup) is not installed


def rate(count: int, seconds: float) -> dict[str, float]:
    return {
        "households": count,
        "seconds": seconds,
        "per_second": count / seconds,
        "us_each": seconds / count * 1e6,
    }


def cohort_for(args: argparse.Namespace) -> Any:
    from domain.rules.bulk.livelihood import synthetic_cohort
    from tests.rules.regions import region_of

    regions = [r for code in SIGUNGU if (r := region_of(code)) is not None]
    largest = 6 if args.as_of.year >= 2027 else 10  # 2027 has no 7인 기준 중위소득
    return synthetic_cohort(args.households, args.as_of, regions, seed=args.seed, max_size=largest)


# --- single path and bulk -------------------------------------------------------------------------


def measure_single(cohort: Any, count: int, full: int) -> tuple[dict[str, Any], list[Any]]:
    from domain.rules.bulk.livelihood import households_from_cohort
    from domain.rules.parameter_book import load_book
    from domain.rules.programs.common import Program
    from domain.rules.simulate import assess, simulate

    book, households = load_book(), households_from_cohort(cohort, range(count))
    for household in households[:200]:  # warm-up
        assess(Program.LIVELIHOOD, household, book)
    began = time.perf_counter()
    results = [assess(Program.LIVELIHOOD, h, book) for h in households]
    out: dict[str, Any] = {"assess": rate(count, time.perf_counter() - began)}
    try:
        simulate(households[0], book)
    except Exception as exc:  # programs still being written: say so and measure the rest
        out["simulate"] = {"skipped": f"simulate() raised {type(exc).__name__}: {exc}"}
    else:
        began = time.perf_counter()
        for household in households[:full]:
            simulate(household, book)
        out["simulate"] = rate(min(full, count), time.perf_counter() - began)
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


# --- OpenFisca-core (the worker runs in its own venv) ---------------------------------------------


def openfisca_python() -> Path:
    python = OPENFISCA_VENV / "bin" / "python"
    probe = [str(python), "-c", "import openfisca_core, numpy, yaml"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print(f"  creating {OPENFISCA_VENV.relative_to(ROOT)} (python3.11 -m venv, pip install openfisca-core) …")
    subprocess.run(["python3.11", "-m", "venv", str(OPENFISCA_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "openfisca-core", "pyyaml", "numpy"]
    subprocess.run(pip, check=True)
    return python


def run_openfisca(cohort: Any, rounds: int) -> dict[str, Any]:
    from domain.rules.bulk.livelihood import car_values
    from domain.rules.parameter_book import load_book
    from domain.rules.regions import PropertyRegion, property_region

    book = load_book()
    # What an OpenFisca model would be given: the region's class, and the cars already sorted into
    # their rate classes (that needs the cars' order). Neither is part of either timing.
    classes = [
        tuple(PropertyRegion).index(property_region(r, book, cohort.as_of).value) for r in cohort.regions
    ]
    cars_general, cars_full = car_values(cohort, book)
    names = ("member_household", "age", "disabled", "work_income", "other_income", "housing", "general")
    names += ("financial", "debts", "has_obligor", "obligor_income", "obligor_property")
    inputs, outputs = RESULTS / "openfisca-input.npz", RESULTS / "openfisca-output.npz"
    region_class = np.array(classes, dtype=np.int64)[cohort.region]
    arrays = {n: getattr(cohort, n) for n in names}
    np.savez(inputs, region_class=region_class, cars_general=cars_general, cars_full=cars_full, **arrays)
    command = [str(openfisca_python()), __file__, "--openfisca-worker", str(inputs), str(outputs)]
    command += ["--as-of", cohort.as_of.isoformat(), "--openfisca-rounds", str(rounds)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    inputs.unlink()
    if done.returncode != 0:
        return {"skipped": f"the OpenFisca worker failed: {done.stderr.strip()[-1500:]}"}
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    with np.load(outputs) as found:
        report["arrays"] = {name: found[name] for name in found.files}
    outputs.unlink()
    return report


def openfisca_exactness(arrays: dict[str, Any], bulk: Any) -> dict[str, Any]:
    """OpenFisca's figures against the exact ones (bulk, equal to the single path): an amount is wrong
    when it is not the exact won."""
    error = np.abs(arrays["amount"].astype(np.float64) - bulk.amount)
    return {
        "households": int(error.size),
        "amount_wrong": int(np.count_nonzero(error)),
        "max_error_won": float(error.max()) if error.size else 0.0,
        "eligibility_flipped": int(np.count_nonzero((arrays["amount"] > 0) != (bulk.amount > 0))),
        "recognized_income_wrong": int(
            np.count_nonzero(arrays["recognized_income"] != bulk.recognized_income)
        ),
        "threshold_wrong": int(np.count_nonzero(arrays["threshold"] != bulk.threshold)),
    }


def openfisca_worker(inputs: str, outputs: str, as_of: date, rounds: int) -> None:
    """In the OpenFisca venv: a minimal TaxBenefitSystem for 생계급여 whose parameters are the values
    our ParameterBook has in force at `as_of`, written as OpenFisca parameters; default (float32)
    variables, as an OpenFisca country package declares money."""
    from importlib.metadata import version

    from openfisca_core.entities import build_entity
    from openfisca_core.indexed_enums import Enum
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.periods import DateUnit
    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    from domain.rules.parameter_book import load_book
    from domain.rules.regions import PropertyRegion

    book = load_book()
    prefix, start = "livelihood.", as_of.replace(day=1).isoformat()  # OpenFisca's period is the month
    plain: dict[str, Any] = {
        name.removeprefix(prefix): book.at(name, as_of).value
        for name in book.names()
        if name.startswith(prefix)
        and book.at(name, as_of).unit.removesuffix("_table") in {"won", "rate", "years"}
    }
    band = plain.pop("youth_age_band")
    plain["youth_age_min"], plain["youth_age_max"] = band["min"], band["max"]
    plain["median"] = {f"size_{k}": v for k, v in book.at("standard_median_income", as_of).value.items()}

    def node(raw: Any) -> Any:
        if isinstance(raw, dict):
            return {k: node(v) for k, v in raw.items()}
        return {"values": {start: float(raw)}}

    Region = Enum("Region", {r.name.lower(): r.value for r in PropertyRegion})  # our order: the same indices
    person = build_entity("person", "persons", "가구원", is_person=True)
    household = build_entity(
        "household", "households", "가구", roles=[{"key": "member", "plural": "members"}]
    )
    system = TaxBenefitSystem([person, household])
    system.parameters = ParameterNode("", data={"livelihood": node(plain)})

    def pre_deduction(p: Any, period: Any, parameters: Any) -> Any:
        q, age = parameters(period).livelihood, p("age", period)
        youth = (age >= q.youth_age_min) * (age <= q.youth_age_max) * q.youth_pre_deduction
        return np.maximum(
            youth, ((age >= q.elderly_age) + p("disabled", period)) * q.elderly_disabled_pre_deduction
        )

    def evaluated_work(p: Any, period: Any, parameters: Any) -> Any:
        keep = 1 - parameters(period).livelihood.work_income_deduction_rate
        return np.floor(np.maximum(p("work_income", period) - p("pre_deduction", period), 0) * keep)

    def property_income(h: Any, period: Any, parameters: Any) -> Any:
        q, region = parameters(period).livelihood, h("property_region", period)
        limit, rates, owned = q.housing_property_limit[region], q.conversion_rate, h("housing", period)
        housing = np.minimum(owned, limit)
        general = h("general", period) + np.maximum(owned - limit, 0) + h("cars_general", period)
        deduction = q.basic_property[region] + h("debts", period)
        housing_left = np.maximum(housing - deduction, 0)
        deduction = deduction - np.minimum(housing, deduction)
        general_left = np.maximum(general - deduction, 0)
        deduction = deduction - np.minimum(general, deduction)
        financial = np.maximum(h("financial", period) - q.financial_living_allowance - deduction, 0)
        parts = ((housing_left, rates.housing), (general_left, rates.general), (financial, rates.financial))
        return h("cars_full", period) + sum(np.floor(base * r) for base, r in parts)

    def threshold(h: Any, period: Any, parameters: Any) -> Any:
        q, size = parameters(period).livelihood, h.nb_persons()
        table = [q.median[f"size_{k}"] for k in range(1, 8)]
        median = np.select(
            [size == k for k in range(1, 8)], table, table[6] + (table[6] - table[5]) * (size - 7)
        )
        return np.floor(median * q.selection_rate + 0.5)

    def benefit(h: Any, period: Any, parameters: Any) -> Any:
        q, income, line = parameters(period).livelihood, h("recognized", period), h("threshold", period)
        over = (h("obligor_income", period) > q.obligor_income_line) + (
            h("obligor_property", period) > q.obligor_property_line
        )
        return np.where((income <= line) * np.logical_not(h("has_obligor", period) * over), line - income, 0)

    def evaluated(h: Any, period: Any, _: Any) -> Any:
        return h.sum(h.members("evaluated_work", period) + h.members("other_income", period))

    def recognized(h: Any, period: Any, _: Any) -> Any:
        return h("evaluated", period) + h("property_income", period)

    money = ("housing", "general", "financial", "debts", "cars_general", "cars_full", "obligor_income")
    given = {"age": (person, int), "disabled": (person, bool), "has_obligor": (household, bool)}
    given |= dict.fromkeys(("work_income", "other_income"), (person, float))
    given |= dict.fromkeys((*money, "obligor_property"), (household, float))
    computed = {"pre_deduction": (person, pre_deduction), "evaluated_work": (person, evaluated_work)}
    computed |= {
        f.__name__: (household, f) for f in (evaluated, property_income, recognized, threshold, benefit)
    }
    for name, (entity, kind) in given.items():
        attrs = {"value_type": kind, "entity": entity, "definition_period": DateUnit.MONTH, "label": name}
        system.add_variable(type(name, (Variable,), attrs))
    for name, (entity, formula) in computed.items():  # money: OpenFisca's default float (float32)
        attrs = {"value_type": float, "entity": entity, "definition_period": DateUnit.MONTH, "label": name}
        system.add_variable(type(name, (Variable,), attrs | {"formula": formula}))
    attrs = {"possible_values": Region, "default_value": Region.other, "entity": household, "label": "지역"}
    system.add_variable(
        type(
            "property_region", (Variable,), attrs | {"value_type": Enum, "definition_period": DateUnit.MONTH}
        )
    )

    data = dict(np.load(inputs))
    inputs_of = {"property_region": "region_class"} | {name: name for name in given}
    n, people, period = len(data["housing"]), len(data["age"]), as_of.strftime("%Y-%m")
    builds, calculations = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        builder = SimulationBuilder()
        builder.create_entities(system)
        builder.declare_person_entity("person", np.arange(people))
        households = builder.declare_entity("household", np.arange(n))
        builder.join_with_persons(households, data["member_household"], np.zeros(people, dtype=np.int64))
        simulation = builder.build(system)
        for variable, key in inputs_of.items():
            simulation.set_input(variable, period, data[key])
        built = time.perf_counter()
        amount = simulation.calculate("benefit", period)
        builds.append(built - began)
        calculations.append(time.perf_counter() - built)
    results = {"amount": amount} | {k: simulation.calculate(k, period) for k in ("recognized", "threshold")}
    np.savez(outputs, **{"recognized_income" if k == "recognized" else k: v for k, v in results.items()})
    totals = [b + c for b, c in zip(builds, calculations, strict=True)]
    report = {"version": version("openfisca-core"), "numpy": np.__version__, "dtype": str(amount.dtype)}
    report |= {"calculate": rate(n, statistics.median(calculations)) | {"rounds": calculations}}
    report |= {"build_and_calculate": rate(n, statistics.median(totals))}
    print(json.dumps(report))  # the last line of stdout is the parent's


# --- the API --------------------------------------------------------------------------------------


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
    ratio = single["assess"]["us_each"] / bulk_rate["us_each"]
    notes, verdicts = summary(args, mismatches, ratio, bulk_rate, openfisca, exactness, api)
    if "per_second" in api and "per_second" in single["simulate"]:
        wall, cpu = api["us_each"], api["server_cpu_us_per_request"] or float("nan")
        inside = single["simulate"]["us_each"]
        notes.append(
            f"API: one simulation over HTTP costs {wall / inside:.1f}× an in-process simulate() in wall time"
            f" (client and server share the machine), {cpu / inside:.1f}× in server CPU"
        )
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
        **{"bulk_over_single_per_household": ratio, "verdicts": verdicts},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 1 if mismatches else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    option = parser.add_argument
    option("--households", type=int, default=1_000_000, help="the bulk and OpenFisca cohort (1,000,000)")
    option("--single", type=int, default=20_000, help="households through the single path (20,000)")
    option("--full", type=int, default=5_000, help="of those, through simulate() (5,000)")
    option("--rounds", type=int, default=5, help="bulk rounds, before and after the single path (5)")
    option("--openfisca-rounds", type=int, default=3, help="OpenFisca rounds (3)")
    option("--api-seconds", type=float, default=10.0, help="length of the API measurement (10 s)")
    option("--concurrency", type=int, default=8, help="API requests in flight (8)")
    option("--as-of", type=date.fromisoformat, default=date(2026, 5, 1), help="the cohort's date")
    option("--seed", type=int, default=2026)
    option("--quick", action="store_true", help="smoke run: 100,000 households, 2,000 single, short rounds")
    option("--no-api", action="store_true", help="skip the API (no database)")
    option("--no-openfisca", action="store_true", help="skip OpenFisca (no venv, no network)")
    option("--var-dir", default=str(ROOT / "var" / "bench"), help="embedded cluster (never var/)")
    option("--openfisca-worker", nargs=2, metavar=("INPUTS", "OUTPUTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.openfisca_worker:
        openfisca_worker(*args.openfisca_worker, args.as_of, args.openfisca_rounds)
        return 0
    if args.quick:
        args.households, args.single, args.full = min(args.households, 100_000), 2_000, 500
        args.rounds, args.openfisca_rounds, args.api_seconds = 2, 2, 3.0
    if min(args.households, args.single, args.full, args.rounds, args.openfisca_rounds, args.concurrency) < 1:
        parser.error("counts must be positive")
    args.single = min(args.single, args.households)
    if Path(args.var_dir).resolve() == (ROOT / "var").resolve():
        parser.error("--var-dir var/ would be the development database (var/pg); use its own directory")
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
