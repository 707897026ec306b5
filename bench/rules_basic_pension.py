"""The 기초연금 rows of bench/rules_throughput.py: `basic_pension_amounts` over a synthetic cohort of
units drawn directly as arrays (`synthetic_cohort` in domain/rules/bulk/basic_pension_synthetic.py,
one household per unit, a single or a couple), beside `assess(Program.BASIC_PENSION, …)` on
households rebuilt from its first units, compared member by member
(tests/rules/test_basic_pension_synthetic.py holds the generator and the rebuild to the same claim)."""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import numpy as np
from rules_common import BULK_GOAL, bench_regions, rate


def measure_bulk(cohort: Any, book: Any, rounds: int) -> tuple[list[float], Any]:
    from domain.rules.bulk.basic_pension import basic_pension_amounts

    result = basic_pension_amounts(cohort, book)  # warm-up
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        result = basic_pension_amounts(cohort, book)
        times.append(time.perf_counter() - began)
    return times, result


def measure_single(households: list[Any], book: Any) -> tuple[dict[str, float], list[Any]]:
    from domain.rules.programs.common import Program
    from domain.rules.simulate import assess

    for household in households[:200]:  # warm-up
        assess(Program.BASIC_PENSION, household, book)
    began = time.perf_counter()
    results = [assess(Program.BASIC_PENSION, h, book) for h in households]
    return rate(len(households), time.perf_counter() - began), results


def differences(households: list[Any], results: list[Any], bulk: Any) -> dict[str, int]:
    """Member by member: a member aged 65+ has the same status, amount, 소득인정액 and 선정기준액 on
    both paths; one under 65 (not assessed by the single path) is unpaid in bulk."""
    from domain.rules.programs.common import Status

    compared = under_65 = wrong = 0
    for row, (household, result) in enumerate(zip(households, results, strict=True)):
        found = {m.member_id: m for m in result.members}
        unit = (int(bulk.recognized_income[row]), int(bulk.threshold[row]))
        for slot, member in enumerate(household.members):
            got = (bool(bulk.eligible[row, slot]), int(bulk.amount[row, slot]))
            expected = found.get(member.id)
            if expected is None:
                under_65 += 1
                wrong += got != (False, 0)
                continue
            compared += 1
            paid = (expected.status is Status.ELIGIBLE, expected.monthly_amount)
            wrong += (got, unit) != (paid, (expected.recognized_income, expected.threshold))
    return {"members_compared": compared, "members_under_65": under_65, "mismatches": wrong}


def spread(cohort: Any, bulk: Any, book: Any) -> dict[str, Any]:
    """What the cohort is made of and what it is paid: evidence that it reaches every branch."""

    def value(name: str) -> Any:
        return book.at(f"basic_pension.{name}", cohort.as_of).value

    standard, reduction = value("standard_amount"), value("couple_reduction_rate")
    full = {standard, int(standard * (1 - reduction)) // 10 * 10}  # alone, or both spouses paid
    floor = int(standard * value("income_reversal_floor_rate")["single"]) // 10 * 10
    present = np.stack([np.ones(len(cohort), dtype=np.bool_), cohort.couple], axis=1)
    paid = bulk.amount[bulk.eligible]
    return {
        "units": len(cohort),
        "couples": int(np.count_nonzero(cohort.couple)),
        "members": int(np.count_nonzero(present)),
        "members_65_and_over": int(np.count_nonzero(present & (cohort.age >= value("age")))),
        "cars": int(cohort.car_value.size),
        "occupational_pension": int(np.count_nonzero(cohort.occupational)),
        "members_paid": int(paid.size),
        "paid_in_full": int(np.count_nonzero(np.isin(paid, list(full)))),
        "paid_at_floor": int(np.count_nonzero(paid == floor)),
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from domain.rules.bulk.basic_pension_synthetic import households_from_cohort, synthetic_cohort
    from domain.rules.parameter_book import load_book

    book = load_book()
    units, count = args.pension_units, min(args.single, args.pension_units)
    print(f"기초연금: {units:,} synthetic units, as_of {args.as_of}, seed {args.seed}")
    cohort = synthetic_cohort(units, args.as_of, bench_regions(), book, seed=args.seed)
    print(f"  bulk ({args.rounds} rounds), single path on the first {count:,}, bulk again …", flush=True)
    before, bulk = measure_bulk(cohort, book, args.rounds)
    households = households_from_cohort(cohort, range(count))
    single, results = measure_single(households, book)
    after, _ = measure_bulk(cohort, book, args.rounds)  # before and after: the machine's mood moves
    bulk_rate = rate(len(cohort), statistics.median(before + after)) | {"rounds": before + after}
    return {
        "single": single,
        "bulk": bulk_rate,
        "single_households": count,
        **differences(households, results, bulk),
        "cohort": spread(cohort, bulk, book),
        "bulk_over_single_per_household": single["us_each"] / bulk_rate["us_each"],
    }


def summary(report: dict[str, Any]) -> tuple[list[str], list[str]]:
    met = {True: "met", False: "NOT met"}
    c, ratio, wrong = report["cohort"], report["bulk_over_single_per_household"], report["mismatches"]
    members = report["members_compared"] + report["members_under_65"]
    elderly = max(c["members_65_and_over"], 1)  # a tiny cohort may have no one aged 65+
    notes = [
        f"기초연금 cohort: {c['units']:,} units ({c['couples'] / c['units']:.0%} couples), {c['members']:,} "
        f"members ({1 - c['members_65_and_over'] / c['members']:.0%} under 65), {c['cars']:,} cars, "
        f"직역연금 {c['occupational_pension']:,}; {c['members_paid'] / elderly:.0%} of "
        f"members aged 65+ paid: {c['paid_in_full']:,} in full, {c['paid_at_floor']:,} at the 소득역전 "
        f"floor, {c['members_paid'] - c['paid_in_full'] - c['paid_at_floor']:,} reduced",
        f"기초연금 single vs bulk on {report['single_households']:,} households: {wrong} of {members:,} "
        f"members differ ({report['members_compared']:,} aged 65+: status, amount, 소득인정액, 선정기준액; "
        f"{report['members_under_65']:,} under 65: unpaid)",
    ]
    verdict = (
        f"기초연금 bulk/single per household {ratio:,.0f}× (goal ≥ {BULK_GOAL:.0f}×): "
        f"{met[ratio >= BULK_GOAL]}; exact per member: {'yes' if not wrong else 'NO'}"
    )
    return notes, [verdict]
