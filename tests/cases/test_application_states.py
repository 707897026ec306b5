"""domain.cases.application: the 신청 state table, checked over every (state, event) pair."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.application import (
    REFUSALS_FOR_DISMISSAL,
    TERMINAL_STATES,
    TRANSITIONS,
    Application,
    CaseEvent,
    CaseState,
    Channel,
    ProgramCase,
    transition,
)
from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

S, E = CaseState, CaseEvent
PAIRS = list(itertools.product(CaseState, CaseEvent))
ALLOWED = [pair for pair in PAIRS if pair in TRANSITIONS]
FORBIDDEN = [pair for pair in PAIRS if pair not in TRANSITIONS]
APPLIED = date(2026, 3, 2)


def test_the_table_is_the_declared_workflow() -> None:
    assert dict(TRANSITIONS) == {
        (S.RECEIVED, E.START_INVESTIGATION): S.INVESTIGATING,
        (S.RECEIVED, E.WITHDRAW): S.WITHDRAWN,
        (S.INVESTIGATING, E.RECORD_REFUSAL): S.INVESTIGATING,
        (S.INVESTIGATING, E.COMPLETE_INVESTIGATION): S.INVESTIGATED,
        (S.INVESTIGATING, E.WITHDRAW): S.WITHDRAWN,
        (S.INVESTIGATING, E.DISMISS): S.DISMISSED,
        (S.INVESTIGATED, E.RETURN_FOR_INVESTIGATION): S.INVESTIGATING,
        (S.INVESTIGATED, E.APPROVE): S.APPROVED,
        (S.INVESTIGATED, E.REJECT): S.REJECTED,
        (S.INVESTIGATED, E.WITHDRAW): S.WITHDRAWN,
    }
    assert len(ALLOWED) + len(FORBIDDEN) == len(CaseState) * len(CaseEvent)


def test_the_table_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        TRANSITIONS[(S.APPROVED, E.WITHDRAW)] = S.WITHDRAWN  # type: ignore[index]


@pytest.mark.parametrize(("state", "event"), ALLOWED, ids=lambda x: x.value)
def test_every_allowed_transition_works(state: CaseState, event: CaseEvent) -> None:
    refusals = REFUSALS_FOR_DISMISSAL  # enough for 각하; the guard is tested on its own below
    assert transition(state, event, investigation_refusals=refusals) is TRANSITIONS[(state, event)]


@pytest.mark.parametrize(("state", "event"), FORBIDDEN, ids=lambda x: x.value)
def test_every_other_pair_is_a_conflict_naming_state_and_event(state: CaseState, event: CaseEvent) -> None:
    with pytest.raises(Conflict) as caught:
        transition(state, event, investigation_refusals=99)
    assert state.label in caught.value.detail
    assert event.label in caught.value.detail


def test_terminal_states_have_no_way_out_and_the_others_have_one() -> None:
    sources = {state for state, _ in TRANSITIONS}
    assert sources.isdisjoint(TERMINAL_STATES)
    assert sources | TERMINAL_STATES == set(CaseState)


def test_every_state_is_reachable_from_received() -> None:
    reached, frontier = {S.RECEIVED}, [S.RECEIVED]
    while frontier:
        state = frontier.pop()
        for (source, _), target in TRANSITIONS.items():
            if source is state and target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(CaseState)


@pytest.mark.parametrize("refusals", [0, 1])
def test_dismissal_needs_two_refusals(refusals: int) -> None:
    with pytest.raises(Conflict, match="2회 이상"):
        transition(S.INVESTIGATING, E.DISMISS, investigation_refusals=refusals)


def test_a_case_counts_refusals_and_is_dismissed_after_the_second() -> None:
    case = ProgramCase(Program.LIVELIHOOD).apply(E.START_INVESTIGATION).apply(E.RECORD_REFUSAL)
    assert case.investigation_refusals == 1
    with pytest.raises(Conflict):
        case.apply(E.DISMISS)
    case = case.apply(E.RECORD_REFUSAL).apply(E.DISMISS)
    assert case.state is S.DISMISSED
    assert case.is_closed


def test_investigation_may_go_back_and_forth_before_a_decision() -> None:
    case = ProgramCase(Program.BASIC_PENSION)
    for event in (E.START_INVESTIGATION, E.COMPLETE_INVESTIGATION, E.RETURN_FOR_INVESTIGATION):
        case = case.apply(event)
    assert case.state is S.INVESTIGATING
    case = case.apply(E.COMPLETE_INVESTIGATION).apply(E.APPROVE)
    assert case.state is S.APPROVED


def test_an_application_holds_one_case_per_program_decided_separately() -> None:
    app = Application.receive(APPLIED, Channel.VISIT, [Program.LIVELIHOOD, Program.HOUSING])
    assert app.programs == (Program.LIVELIHOOD, Program.HOUSING)
    assert all(case.state is S.RECEIVED for case in app.cases)
    for event in (E.START_INVESTIGATION, E.COMPLETE_INVESTIGATION, E.APPROVE):
        app = app.apply(Program.LIVELIHOOD, event)
    assert app.case(Program.LIVELIHOOD).state is S.APPROVED
    assert app.case(Program.HOUSING).state is S.RECEIVED
    assert not app.is_closed
    app = app.apply(Program.HOUSING, E.WITHDRAW)
    assert app.is_closed
    assert app.applied_on == APPLIED


def test_a_rejected_transition_leaves_the_application_as_it_was() -> None:
    app = Application.receive(APPLIED, Channel.ONLINE, [Program.CHILD_ALLOWANCE])
    with pytest.raises(Conflict, match="'접수' 상태에서는 '선정 결정'"):
        app.apply(Program.CHILD_ALLOWANCE, E.APPROVE)
    assert app.case(Program.CHILD_ALLOWANCE).state is S.RECEIVED


@pytest.mark.parametrize(
    ("programs", "channel", "consent", "message"),
    [
        ([], Channel.VISIT, False, "하나 이상"),
        ([Program.HOUSING, Program.HOUSING], Channel.VISIT, False, "두 번"),
        ([Program.LIVELIHOOD], Channel.EX_OFFICIO, False, "동의"),
    ],
)
def test_invalid_applications(programs: list[Program], channel: Channel, consent: bool, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Application.receive(APPLIED, channel, programs, consent_given=consent)


def test_ex_officio_with_consent_is_an_application() -> None:
    app = Application.receive(APPLIED, Channel.EX_OFFICIO, [Program.LIVELIHOOD], consent_given=True)
    assert app.channel.label == "직권"


def test_a_program_outside_the_application_is_refused() -> None:
    app = Application.receive(APPLIED, Channel.VISIT, [Program.LIVELIHOOD])
    with pytest.raises(InvalidInput):
        app.apply(Program.MEDICAL, E.START_INVESTIGATION)


def test_channels_are_visit_online_and_ex_officio() -> None:
    assert [channel.label for channel in Channel] == ["방문", "온라인", "직권"]


@given(st.lists(st.sampled_from(CaseEvent), max_size=30))
def test_random_event_sequences_stay_inside_the_table(events: list[CaseEvent]) -> None:
    case = ProgramCase(Program.LIVELIHOOD)
    for event in events:
        before = case
        try:
            case = case.apply(event)
        except Conflict:
            # Refused: either no row for the pair, or 각하 before the second refusal.
            assert (before.state, event) not in TRANSITIONS or (
                event is E.DISMISS and before.investigation_refusals < REFUSALS_FOR_DISMISSAL
            )
            continue
        assert TRANSITIONS[(before.state, event)] is case.state
        assert before.state not in TERMINAL_STATES
    assert case.state in set(CaseState)
    if case.state in TERMINAL_STATES:
        for event in CaseEvent:
            with pytest.raises(Conflict):
                case.apply(event)
