"""Rule tests as data: every file in cases/ lists households in the 모의계산 contract's request shape
and what each named program must return for them (or the error it must raise).

    cases:
      - name: what the case shows
        source: where the expected figures come from (contract example, shared/rules §…)
        household: {as_of: ..., sigungu_code: ..., members: [...], ...}
        expect:
          livelihood: {status: eligible, monthly_amount: 470556, threshold: 820556}
          basic_pension:
            monthly_amount: 559520
            members: {m1: {status: eligible, monthly_amount: 279760}}
        errors:                     # optional: programs whose assessment must fail
          parent_benefit: ParameterUnavailable

Only the keys a case names are compared, so a case states exactly what its source supports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from domain.errors import InvalidInput
from domain.rules.household_codec import household_from_mapping
from domain.rules.parameter_book import ParameterUnavailable
from domain.rules.programs.common import Program, ProgramResult
from domain.rules.simulate import assess
from tests.rules.regions import region_of

CASES = Path(__file__).parent / "cases"
ERRORS = {"ParameterUnavailable": ParameterUnavailable, "InvalidInput": InvalidInput}


def _load() -> list[Any]:
    found = []
    for path in sorted(CASES.glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            found.append(pytest.param(case, id=f"{path.stem}[{index}] {case['name']}"))
    return found


def _program_view(result: ProgramResult) -> dict[str, Any]:
    view: dict[str, Any] = {
        "status": result.status.value,
        "monthly_amount": result.monthly_amount,
        "recognized_income": result.recognized_income,
        "threshold": result.threshold,
        "grade": result.grade,
        "annual_amount": result.annual_amount,
    }
    if result.repair is not None:
        view["repair_support_rate_percent"] = result.repair.support_rate_percent
    if result.duration is not None:
        view["duration_months"] = result.duration.months
        view["max_duration_months"] = result.duration.max_months
    view["members"] = {
        m.member_id: {
            "status": m.status.value,
            "monthly_amount": m.monthly_amount,
            "annual_amount": m.annual_amount,
            "amount_pending_confirmation": m.amount_pending_confirmation,
        }
        for m in result.members
    }
    return view


def _compare(expected: Any, actual: Any, path: str) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected a mapping, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems += _compare(value, actual[key], f"{path}.{key}")
        return problems
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("case", _load())
def test_rule_case(case: dict[str, Any]) -> None:
    household = household_from_mapping(case["household"], region_of)
    problems: list[str] = []
    for program, expected in (case.get("expect") or {}).items():
        result = assess(Program(program), household)
        problems += _compare(expected, _program_view(result), program)
    for program, error in (case.get("errors") or {}).items():
        with pytest.raises(ERRORS[error]):
            assess(Program(program), household)
    assert not problems, "\n".join(problems)


def test_every_case_file_has_cases() -> None:
    files = sorted(CASES.glob("*.yaml"))
    assert files
    for path in files:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["cases"], path.name
