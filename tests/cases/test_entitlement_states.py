"""domain.cases.entitlement: the 수급자격 and 이의신청 tables, checked over every (state, event) pair."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.entitlement import (
    APPEAL_TERMINAL_STATES,
    APPEAL_TRANSITIONS,
    TERMINAL_STATES,
    TRANSITIONS,
    AmountChange,
    Appeal,
    AppealEvent,
    AppealState,
    CancellationReason,
    ChangeReason,
    Entitlement,
    EntitlementEvent,
    EntitlementState,
    LossReason,
    StopReason,
    SuspensionReason,
    appeal_deadline,
    appeal_transition,
    transition,
    within_appeal_window,
)
from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

S, E = EntitlementState, EntitlementEvent
PAIRS = list(itertools.product(EntitlementState, EntitlementEvent))
APPEAL_PAIRS = list(itertools.product(AppealState, AppealEvent))
START = date(2026, 3, 1)
PENSION = Entitlement(Program.BASIC_PENSION, 349_700, START)


def test_the_table_is_the_declared_life_cycle() -> None:
    assert dict(TRANSITIONS) == {
        (S.ACTIVE, E.SUSPEND): S.SUSPENDED,
        (S.ACTIVE, E.CHANGE_AMOUNT): S.ACTIVE,
        (S.ACTIVE, E.STOP): S.STOPPED,
        (S.ACTIVE, E.LOSE): S.LOST,
        (S.SUSPENDED, E.RESUME): S.ACTIVE,
        (S.SUSPENDED, E.STOP): S.STOPPED,
        (S.SUSPENDED, E.LOSE): S.LOST,
        (S.ACTIVE, E.CANCEL): S.CANCELLED,
        (S.SUSPENDED, E.CANCEL): S.CANCELLED,
        (S.STOPPED, E.CANCEL): S.CANCELLED,
        (S.LOST, E.CANCEL): S.CANCELLED,
    }
    # A terminal state admits nothing but a 처분 취소, and a cancelled right nothing at all.
    assert {(state, event) for state, event in TRANSITIONS if state in TERMINAL_STATES} == {
        (S.STOPPED, E.CANCEL),
        (S.LOST, E.CANCEL),
    }
    assert S.CANCELLED not in {state for state, _ in TRANSITIONS}
    assert {state for state, _ in TRANSITIONS} | TERMINAL_STATES == set(EntitlementState)


@pytest.mark.parametrize(("state", "event"), PAIRS, ids=lambda x: x.value)
def test_every_pair_is_allowed_by_the_table_or_a_conflict(
    state: EntitlementState, event: EntitlementEvent
) -> None:
    if (state, event) in TRANSITIONS:
        assert transition(state, event) is TRANSITIONS[(state, event)]
        return
    with pytest.raises(Conflict) as caught:
        transition(state, event)
    assert state.label in caught.value.detail
    assert event.label in caught.value.detail


@pytest.mark.parametrize(("state", "event"), APPEAL_PAIRS, ids=lambda x: x.value)
def test_every_appeal_pair_is_allowed_by_the_table_or_a_conflict(
    state: AppealState, event: AppealEvent
) -> None:
    if (state, event) in APPEAL_TRANSITIONS:
        assert appeal_transition(state, event) is APPEAL_TRANSITIONS[(state, event)]
        return
    with pytest.raises(Conflict) as caught:
        appeal_transition(state, event)
    assert state.label in caught.value.detail
    assert event.label in caught.value.detail


def test_the_appeal_table() -> None:
    assert dict(APPEAL_TRANSITIONS) == {
        (AppealState.FILED, AppealEvent.UPHOLD): AppealState.UPHELD,
        (AppealState.FILED, AppealEvent.OVERTURN): AppealState.OVERTURNED,
        (AppealState.FILED, AppealEvent.WITHDRAW): AppealState.WITHDRAWN,
    }
    assert set(AppealState) - {AppealState.FILED} == APPEAL_TERMINAL_STATES


@pytest.mark.parametrize("reason", list(SuspensionReason))
def test_suspend_and_resume(reason: SuspensionReason) -> None:
    suspended = PENSION.suspend(reason)
    assert (suspended.state, suspended.suspension) == (S.SUSPENDED, reason)
    assert suspended.is_live
    resumed = suspended.resume()
    assert (resumed.state, resumed.suspension) == (S.ACTIVE, None)


def test_suspension_reasons_are_the_law_s_three() -> None:
    labels = [reason.label for reason in SuspensionReason]
    assert labels == [
        "교정시설·치료감호시설 수용(수감)",
        "행방불명·실종",
        "국외 체류 60일 이상 (아동수당 90일 이상)",
    ]


def test_an_active_entitlement_cannot_be_resumed_nor_suspended_twice() -> None:
    with pytest.raises(Conflict, match="'지급중' 상태에서는 '지급재개'"):
        PENSION.resume()
    with pytest.raises(Conflict, match="'지급정지' 상태에서는 '지급정지'"):
        PENSION.suspend(SuspensionReason.MISSING).suspend(SuspensionReason.ABROAD)


@pytest.mark.parametrize("start", [PENSION, PENSION.suspend(SuspensionReason.MISSING)])
def test_stop_and_loss_end_the_entitlement(start: Entitlement) -> None:
    stopped = start.stop(StopReason.REFUSED)
    lost = start.lose(LossReason.DEATH)
    assert (stopped.state, stopped.ended_by) == (S.STOPPED, StopReason.REFUSED)
    assert (lost.state, lost.ended_by) == (S.LOST, LossReason.DEATH)
    for ended in (stopped, lost):
        assert not ended.is_live
        with pytest.raises(Conflict):
            ended.resume()
        with pytest.raises(Conflict):
            ended.change_amount(1, date(2026, 9, 1), ChangeReason.VERIFICATION)


def test_loss_reasons_include_death_nationality_and_moving_out() -> None:
    labels = {reason.label for reason in LossReason}
    assert {"사망", "국적 상실", "전출 (보장기관 변경)"} <= labels


def test_amount_changes_keep_before_after_date_and_reason() -> None:
    changed = PENSION.change_amount(
        279_760, date(2026, 6, 1), ChangeReason.INCOME_OR_PROPERTY, "근로소득 증가"
    )
    changed = changed.change_amount(300_000, date(2026, 9, 1), ChangeReason.VERIFICATION)
    assert changed.monthly_amount == 300_000
    assert changed.amount_history == (
        AmountChange(349_700, 279_760, date(2026, 6, 1), ChangeReason.INCOME_OR_PROPERTY, "근로소득 증가"),
        AmountChange(279_760, 300_000, date(2026, 9, 1), ChangeReason.VERIFICATION),
    )
    assert changed.state is S.ACTIVE
    assert PENSION.amount_history == ()


def test_no_amount_change_while_suspended() -> None:
    with pytest.raises(Conflict, match="'지급정지' 상태에서는 '급여 변경'"):
        PENSION.suspend(SuspensionReason.IMPRISONMENT).change_amount(
            1, date(2026, 9, 1), ChangeReason.VERIFICATION
        )


@pytest.mark.parametrize(
    ("after", "effective", "message"),
    [
        (349_700, date(2026, 6, 1), "같습니다"),
        (-1, date(2026, 6, 1), "0원 이상"),
        (300_000, date(2026, 2, 28), "개시일"),
    ],
)
def test_invalid_amount_changes(after: int, effective: date, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        PENSION.change_amount(after, effective, ChangeReason.HOUSEHOLD)


def test_a_change_cannot_slip_in_before_the_last_one() -> None:
    changed = PENSION.change_amount(300_000, date(2026, 9, 1), ChangeReason.HOUSEHOLD)
    with pytest.raises(InvalidInput, match="직전 변경"):
        changed.change_amount(310_000, date(2026, 8, 1), ChangeReason.HOUSEHOLD)
    assert changed.change_amount(0, date(2026, 9, 1), ChangeReason.EXCLUSIVITY).monthly_amount == 0


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Entitlement(Program.HOUSING, -1, START)


@pytest.mark.parametrize(
    ("program", "notified", "last"),
    [
        (Program.LIVELIHOOD, date(2026, 1, 15), date(2026, 4, 15)),  # 90일: Jan 16 is day 1
        (Program.BASIC_PENSION, date(2027, 12, 1), date(2028, 2, 29)),  # into a leap February
        (Program.EMERGENCY_LIVELIHOOD, date(2026, 12, 10), date(2027, 1, 9)),  # 30일 for 긴급지원
    ],
)
def test_appeal_window(program: Program, notified: date, last: date) -> None:
    assert appeal_deadline(program, notified) == last
    assert within_appeal_window(program, notified, notified)
    assert within_appeal_window(program, notified, last)
    assert not within_appeal_window(program, notified, date.fromordinal(last.toordinal() + 1))
    appeal = Appeal.file(program, notified, last)
    assert appeal.state is AppealState.FILED
    with pytest.raises(Conflict, match="이의신청 기간이 지났습니다"):
        Appeal.file(program, notified, date.fromordinal(last.toordinal() + 1))


def test_an_appeal_cannot_predate_the_notice() -> None:
    with pytest.raises(InvalidInput):
        Appeal.file(Program.LIVELIHOOD, date(2026, 5, 1), date(2026, 4, 30))


@pytest.mark.parametrize(
    ("event", "state"),
    [
        (AppealEvent.UPHOLD, AppealState.UPHELD),
        (AppealEvent.OVERTURN, AppealState.OVERTURNED),
        (AppealEvent.WITHDRAW, AppealState.WITHDRAWN),
    ],
)
def test_an_appeal_is_decided_once(event: AppealEvent, state: AppealState) -> None:
    decided = Appeal.file(Program.HOUSING, date(2026, 5, 1), date(2026, 5, 20)).apply(event)
    assert decided.state is state
    for again in AppealEvent:
        with pytest.raises(Conflict):
            decided.apply(again)


@given(st.lists(st.sampled_from(EntitlementEvent), max_size=30))
def test_random_entitlement_events_stay_inside_the_table(events: list[EntitlementEvent]) -> None:
    state = S.ACTIVE
    for event in events:
        try:
            new = transition(state, event)
        except Conflict:
            assert (state, event) not in TRANSITIONS
            continue
        assert state not in TERMINAL_STATES or event is E.CANCEL
        assert new is TRANSITIONS[(state, event)]
        state = new
    assert state in set(EntitlementState)
    if state in TERMINAL_STATES:
        for event in EntitlementEvent:
            if state is not S.CANCELLED and event is E.CANCEL:
                continue  # an ended right can still be cancelled back
            with pytest.raises(Conflict):
                transition(state, event)


@given(st.lists(st.sampled_from(AppealEvent), max_size=10))
def test_random_appeal_events_stay_inside_the_table(events: list[AppealEvent]) -> None:
    state = AppealState.FILED
    for event in events:
        if (state, event) in APPEAL_TRANSITIONS:
            state = appeal_transition(state, event)
        else:
            with pytest.raises(Conflict):
                appeal_transition(state, event)
    assert state in set(AppealState)
    if state in APPEAL_TERMINAL_STATES:
        assert all((state, event) not in APPEAL_TRANSITIONS for event in AppealEvent)


def test_cancellation_voids_from_a_day_not_before_the_start() -> None:
    cancelled = PENSION.cancel(CancellationReason.FRAUD, START)
    assert (cancelled.state, cancelled.ended_by) == (S.CANCELLED, CancellationReason.FRAUD)
    assert not cancelled.is_live
    stopped = PENSION.stop(StopReason.REFUSED).cancel(CancellationReason.ERRONEOUS_DECISION, START)
    assert stopped.state is S.CANCELLED
    with pytest.raises(InvalidInput) as caught:
        PENSION.cancel(CancellationReason.FRAUD, date(2026, 2, 28))
    assert caught.value.fields == {"void_from": "before_start_date"}
    with pytest.raises(Conflict):
        cancelled.cancel(CancellationReason.FRAUD, START)
    assert CancellationReason.VERIFICATION_REFUSED.needs_hearing
    assert not CancellationReason.FRAUD.needs_hearing
