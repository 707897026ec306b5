"""OpenFisca-core beside the bulk 생계급여 path (bench/rules_throughput.py): a minimal TaxBenefitSystem for
the same formula, with the parameters our ParameterBook has in force, run on the same cohort in a venv
of its own under bench/results/ (made on first use: OpenFisca is a bench-only dependency and never
enters the project venv). This file is also the worker that venv runs:

    bench/results/.venv-openfisca/bin/python bench/openfisca_livelihood.py INPUTS OUTPUTS --as-of D --rounds N
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from rules_common import RESULTS, ROOT, rate

OPENFISCA_VENV = RESULTS / ".venv-openfisca"
OPENFISCA_GOAL = 1.0  # bulk over OpenFisca's calculate, households/s


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
    RESULTS.mkdir(parents=True, exist_ok=True)
    region_class = np.array(classes, dtype=np.int64)[cohort.region]
    arrays = {n: getattr(cohort, n) for n in names}
    np.savez(inputs, region_class=region_class, cars_general=cars_general, cars_full=cars_full, **arrays)
    command = [str(openfisca_python()), __file__, str(inputs), str(outputs)]
    command += ["--as-of", cohort.as_of.isoformat(), "--rounds", str(rounds)]
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


def main() -> int:
    parser = argparse.ArgumentParser(description="the OpenFisca worker (run by rules_throughput.py)")
    parser.add_argument("inputs")
    parser.add_argument("outputs")
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    openfisca_worker(args.inputs, args.outputs, args.as_of, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
