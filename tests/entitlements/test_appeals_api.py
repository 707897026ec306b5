"""이의신청 against a decision: recorded within its window (90 days, 30 for 긴급지원), refused
outside it, and decided once."""

from __future__ import annotations

import uuid

import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.entitlements.calls import Api, fields, problem
from tests.entitlements.factory import Granted, grant


async def test_appeal_within_the_window_is_recorded_and_decided(api: Api, own: Granted) -> None:
    url = f"/api/v1/decisions/{own.decision_id}/appeals"
    response = await api.post(url, {"filed_on": "2026-06-01", "grounds": "근로소득이 잘못 반영되었습니다."})
    assert response.status_code == 201, response.text
    appeal = response.json()
    assert (appeal["state"], appeal["notified_on"], appeal["deadline"]) == (
        "filed",
        "2026-05-04",
        "2026-08-02",
    )
    assert (appeal["recorded_by"], appeal["version"], appeal["program"]) == (
        "t.decision_maker",
        1,
        "livelihood",
    )
    listed = await api.get(url)
    assert [a["id"] for a in listed.json()] == [appeal["id"]]
    assert [a["id"] for a in (await api.detail(own.entitlement_id))["appeals"]] == [appeal["id"]]

    decide = f"/api/v1/appeals/{appeal['id']}/decide"
    problem(await api.post(decide, {"outcome": "upheld", "version": 2}), 409)
    response = await api.post(decide, {"outcome": "upheld", "note": "소득 산정 적정", "version": 1})
    assert response.status_code == 200, response.text
    decided = response.json()
    assert (decided["state"], decided["state_label"]) == ("upheld", "기각(원처분 유지)")
    assert (decided["decided_by"], decided["outcome_note"], decided["version"]) == (
        "t.decision_maker",
        "소득 산정 적정",
        2,
    )
    assert decided["decided_at"] is not None
    problem(await api.post(decide, {"outcome": "overturned", "version": 2}), 409)


async def test_appeal_on_the_deadline_is_in_time(api: Api, own: Granted) -> None:
    url = f"/api/v1/decisions/{own.decision_id}/appeals"
    assert (await api.post(url, {"filed_on": "2026-08-02", "grounds": "마감일 접수"})).status_code == 201


@pytest.mark.parametrize(
    ("filed_on", "code", "words"),
    [
        ("2026-08-03", "after_deadline", ["90일", "2026-08-02"]),
        ("2026-05-03", "before_notice", ["2026-05-04"]),
        ("2099-01-01", "future", []),
    ],
)
async def test_appeal_outside_the_window_is_refused(
    api: Api, own: Granted, filed_on: str, code: str, words: list[str]
) -> None:
    url = f"/api/v1/decisions/{own.decision_id}/appeals"
    body = problem(await api.post(url, {"filed_on": filed_on, "grounds": "늦은 이의신청"}), 422)
    assert fields(body) == {"filed_on": code}
    assert all(word in body["detail"] for word in words), body["detail"]
    assert (await api.get(url)).json() == []


async def test_emergency_appeal_window_is_30_days(api: Api, database: Database, baseline: Baseline) -> None:
    emergency = await grant(database, baseline, program="emergency_livelihood", monthly_amount=730_500)
    url = f"/api/v1/decisions/{emergency.decision_id}/appeals"
    body = problem(await api.post(url, {"filed_on": "2026-06-04", "grounds": "지원 기간 부족"}), 422)
    assert "30일" in body["detail"] and "2026-06-03" in body["detail"]
    assert (await api.post(url, {"filed_on": "2026-06-03", "grounds": "지원 기간 부족"})).status_code == 201


@pytest.mark.parametrize(("outcome", "state"), [("overturned", "overturned"), ("withdrawn", "withdrawn")])
async def test_appeal_outcomes(api: Api, own: Granted, outcome: str, state: str) -> None:
    url = f"/api/v1/decisions/{own.decision_id}/appeals"
    appeal = (await api.post(url, {"filed_on": "2026-06-01", "grounds": "사유"})).json()
    response = await api.post(f"/api/v1/appeals/{appeal['id']}/decide", {"outcome": outcome, "version": 1})
    assert response.status_code == 200, response.text
    assert response.json()["state"] == state


async def test_unknown_decision_and_appeal_are_not_found(api: Api, own: Granted) -> None:
    problem(await api.get(f"/api/v1/decisions/{uuid.uuid4()}/appeals"), 404)
    problem(
        await api.post(f"/api/v1/appeals/{uuid.uuid4()}/decide", {"outcome": "upheld", "version": 1}), 404
    )
