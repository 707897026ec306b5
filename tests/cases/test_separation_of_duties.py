"""domain.cases.separation_of_duties: only a decision-maker decides, and not the case's investigator
unless the 시군구 allows it."""

from __future__ import annotations

import pytest

from api.security.scopes import Role
from domain.cases.separation_of_duties import (
    Duty,
    DutyForbidden,
    DutySetting,
    Official,
    check_may_decide,
    may_decide,
)
from domain.errors import Conflict, DomainError, InvalidInput, NotFound

STRICT = DutySetting()
LENIENT = DutySetting(investigator_may_decide=True)
DECIDER = Official("kim", frozenset({Duty.DECISION}))
BOTH = Official("lee", frozenset({Duty.DECISION, Duty.INVESTIGATION}))


def test_a_decision_maker_who_did_not_investigate_may_decide() -> None:
    check_may_decide(DECIDER, {"park"}, STRICT)
    assert may_decide(DECIDER, (), STRICT)


@pytest.mark.parametrize(
    "duties",
    [
        frozenset(),
        frozenset({Duty.INTAKE}),
        frozenset({Duty.INVESTIGATION}),
        frozenset({Duty.INTAKE, Duty.INVESTIGATION}),
    ],
)
@pytest.mark.parametrize("setting", [STRICT, LENIENT])
def test_without_the_decision_duty_no_one_decides(duties: frozenset[Duty], setting: DutySetting) -> None:
    official = Official("choi", duties)
    with pytest.raises(DutyForbidden, match="결정 업무"):
        check_may_decide(official, set(), setting)
    assert not may_decide(official, set(), setting)


def test_the_investigator_may_not_decide_by_default() -> None:
    with pytest.raises(DutyForbidden, match="조사한 공무원"):
        check_may_decide(BOTH, ["park", "lee"], STRICT)
    assert not may_decide(BOTH, ["lee"], STRICT)


def test_the_sigungu_may_allow_the_investigator_to_decide() -> None:
    check_may_decide(BOTH, ["lee"], LENIENT)
    assert may_decide(BOTH, ["lee"], LENIENT)


def test_holding_the_investigation_duty_alone_does_not_bar_deciding_other_cases() -> None:
    check_may_decide(BOTH, ["park"], STRICT)


def test_the_error_is_its_own_kind_not_a_state_conflict() -> None:
    assert issubclass(DutyForbidden, DomainError)
    assert not issubclass(DutyForbidden, (Conflict, InvalidInput, NotFound))
    assert DutyForbidden("x").title == "권한이 없습니다"


def test_duties_use_the_api_role_values() -> None:
    roles = {role.value for role in Role}
    assert {duty.value for duty in Duty} <= roles
    assert Duty(Role.DECISION_MAKER.value) is Duty.DECISION
    assert Duty(Role.INVESTIGATOR.value) is Duty.INVESTIGATION
