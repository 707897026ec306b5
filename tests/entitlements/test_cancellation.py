"""처분 취소 of an entitlement: void from a day not before the start and not in the future, from any
state but cancelled, with the 청문 date where the law requires a hearing; the event keeps it all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from api.clock import today
from api.db import Database
from tests.baseline import Baseline
from tests.entitlements.calls import Api, fields, problem
from tests.entitlements.factory import START, Granted, grant


def body(**changes: object) -> dict[str, object]:
    return {"reason": "erroneous_decision", "void_from": START.isoformat(), "version": 1, **changes}


async def test_cancel_voids_the_right_and_records_why(api: Api, own: Granted) -> None:
    response = await api.transition(own.entitlement_id, "cancel", body(note="소득 누락 확인"))
    assert response.status_code == 200, response.text
    read = response.json()
    assert (read["state"], read["state_label"], read["cancelled_from"]) == (
        "cancelled",
        "처분 취소",
        "2026-05-01",
    )
    assert read["state_reason"] == "erroneous_decision"
    event = read["events"][-1]
    assert (event["event"], event["from_state"], event["to_state"]) == ("cancel", "active", "cancelled")
    assert (event["reason_code"], event["note"], event["effective_on"]) == (
        "erroneous_decision",
        "소득 누락 확인",
        "2026-05-01",
    )
    again = await api.transition(own.entitlement_id, "cancel", body(version=read["version"]))
    assert "처분 취소" in problem(again, 409)["detail"]


@pytest.mark.parametrize("state", ["suspended", "stopped", "lost"])
async def test_an_ended_or_suspended_right_can_be_cancelled(
    api: Api, database: Database, baseline: Baseline, state: str
) -> None:
    reason = {"suspended": "missing", "stopped": "refused", "lost": "death"}[state]
    granted = await grant(database, baseline, state=state, state_reason=reason)
    response = await api.transition(granted.entitlement_id, "cancel", body(reason="fraud"))
    assert response.status_code == 200, response.text
    assert response.json()["events"][-1]["from_state"] == state


async def test_void_from_must_lie_between_the_start_and_today(api: Api, own: Granted) -> None:
    early = await api.transition(
        own.entitlement_id, "cancel", body(void_from=(START - timedelta(days=1)).isoformat())
    )
    assert fields(problem(early, 422)) == {"void_from": "before_start_date"}
    future = await api.transition(
        own.entitlement_id, "cancel", body(void_from=(today() + timedelta(days=1)).isoformat())
    )
    assert fields(problem(future, 422)) == {"void_from": "future"}


async def test_refused_verification_needs_the_hearing(api: Api, own: Granted) -> None:
    missing = await api.transition(own.entitlement_id, "cancel", body(reason="verification_refused"))
    assert fields(problem(missing, 422)) == {"hearing_held_on": "required"}
    later = (today() + timedelta(days=3)).isoformat()
    future = await api.transition(
        own.entitlement_id, "cancel", body(reason="verification_refused", hearing_held_on=later)
    )
    assert fields(problem(future, 422)) == {"hearing_held_on": "future"}
    held = await api.transition(
        own.entitlement_id,
        "cancel",
        body(reason="verification_refused", hearing_held_on="2026-11-02", note="2회 거부"),
    )
    assert held.status_code == 200, held.text
    assert held.json()["events"][-1]["note"] == "청문 2026-11-02. 2회 거부"


async def test_a_cancelled_right_no_longer_counts_as_held(api: Api, own: Granted) -> None:
    response = await api.transition(own.entitlement_id, "cancel", body())
    assert response.status_code == 200, response.text
    listed = await api.get("/api/v1/entitlements?state=active")
    assert listed.json() == []
    version = response.json()["version"]
    for verb, reason in (("suspend", "missing"), ("resume", None), ("stop", "refused"), ("lose", "death")):
        sent = {"effective_on": today().isoformat(), "version": version}
        if reason:
            sent["reason"] = reason
        attempt = await api.transition(own.entitlement_id, verb, sent)
        assert "처분 취소" in problem(attempt, 409)["detail"], verb
