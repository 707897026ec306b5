"""The 수급자격 API as officials of 종로구 (11110): reads scoped by jurisdiction, and 지급정지·재개·
중지·상실 through the domain's state machine. Entitlements are granted by tests/entitlements/factory.py;
변동신고 is in test_entitlement_changes.py, 이의신청 in test_appeals_api.py."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from api.db import Database
from tests.baseline import OWN, Baseline
from tests.entitlements.calls import INCOME_800K, Api, E, fields, problem
from tests.entitlements.factory import LIVELIHOOD_AMOUNT, Granted, grant


# --- reads ------------------------------------------------------------------------------------------
async def test_list_shows_only_own_jurisdiction(api: Api, own: Granted, other: Granted) -> None:
    response = await api.get(E)
    assert response.status_code == 200, response.text
    assert response.json() == [
        {
            "id": str(own.entitlement_id),
            "program": "livelihood",
            "person": {"id": str(own.person_id), "name": "김청운", "rrn_masked": "700101-1******"},
            "state": "active",
            "state_label": "지급중",
            "monthly_amount": LIVELIHOOD_AMOUNT,
            "start_date": "2026-05-01",
            "end_date": None,
            "cancelled_from": None,
            "sigungu_code": OWN,
        }
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("program=livelihood", True),
        ("program=housing", False),
        ("state=active", True),
        ("state=suspended", False),
        ("limit=1&offset=0", True),
        ("offset=1", False),
    ],
)
async def test_list_filters(api: Api, own: Granted, query: str, found: bool) -> None:
    response = await api.get(f"{E}?{query}")
    assert response.status_code == 200, response.text
    assert [e["id"] for e in response.json()] == ([str(own.entitlement_id)] if found else [])


async def test_list_by_person_includes_members(
    api: Api, database: Database, baseline: Baseline, own: Granted
) -> None:
    spouse = baseline.people["own_spouse"]
    assert (await api.get(f"{E}?person_id={spouse}")).json() == []
    couple = await grant(database, baseline, members={"m1": own.person_id, "m2": spouse})
    found = (await api.get(f"{E}?person_id={spouse}")).json()
    assert [e["id"] for e in found] == [str(couple.entitlement_id)]
    by_head = (await api.get(f"{E}?person_id={own.person_id}")).json()
    assert {e["id"] for e in by_head} == {str(own.entitlement_id), str(couple.entitlement_id)}


@pytest.mark.parametrize("query", ["limit=201", "limit=0", "offset=-1", "state=paid", "program=pension"])
async def test_list_rejects_bad_paging_and_codes(api: Api, query: str) -> None:
    problem(await api.get(f"{E}?{query}"), 422)


async def test_detail(api: Api, own: Granted) -> None:
    body = await api.detail(own.entitlement_id)
    assert body["id"] == str(own.entitlement_id)
    assert body["decision_id"] == str(own.decision_id)
    assert body["household_id"] == str(own.household_id)
    assert body["version"] == 1 and body["state_reason"] is None
    assert body["members"] == [{"id": str(own.person_id), "name": "김청운", "rrn_masked": "700101-1******"}]
    assert [(a["monthly_amount"], a["effective_from"], a["reason"]) for a in body["amounts"]] == [
        (LIVELIHOOD_AMOUNT, "2026-05-01", "initial")
    ]
    assert [(e["event"], e["to_state"]) for e in body["events"]] == [("grant", "active")]
    assert body["pending_changes"] == [] and body["appeals"] == []


async def test_other_jurisdiction_reads_and_writes_as_not_found(
    api: Api, own: Granted, other: Granted
) -> None:
    problem(await api.get(f"{E}/{other.entitlement_id}"), 404)
    problem(await api.get(f"{E}/{uuid.uuid4()}"), 404)
    suspend = {"reason": "imprisonment", "effective_on": "2026-06-01", "version": 1}
    problem(await api.transition(other.entitlement_id, "suspend", suspend), 404)
    problem(
        await api.post(
            f"/api/v1/decisions/{other.decision_id}/appeals", {"filed_on": "2026-06-01", "grounds": "부당"}
        ),
        404,
    )
    # 중구's investigator may take 변동신고, but not for 종로구's beneficiaries.
    problem(await api.post(f"{E}/{own.entitlement_id}/changes", INCOME_800K, "o.investigator"), 404)
    assert (
        await api.post(f"{E}/{other.entitlement_id}/changes", INCOME_800K, "o.investigator")
    ).status_code == 201


# --- 지급정지 · 재개 · 중지 · 상실 -----------------------------------------------------------------------
async def test_suspend_and_resume(api: Api, own: Granted) -> None:
    suspended = await api.transition(
        own.entitlement_id,
        "suspend",
        {"reason": "imprisonment", "effective_on": "2026-06-01", "note": "교정시설 수용 통보", "version": 1},
    )
    assert suspended.status_code == 200, suspended.text
    body = suspended.json()
    assert (body["state"], body["state_reason"], body["version"]) == ("suspended", "imprisonment", 2)
    event = body["events"][-1]
    assert (event["event"], event["from_state"], event["to_state"], event["reason_code"]) == (
        "suspend",
        "active",
        "suspended",
        "imprisonment",
    )
    assert (event["note"], event["effective_on"], event["actor"]) == (
        "교정시설 수용 통보",
        "2026-06-01",
        "t.decision_maker",
    )
    # Suspending twice is a transition the state machine does not have.
    again = {"reason": "missing", "effective_on": "2026-06-02", "version": 2}
    problem(await api.transition(own.entitlement_id, "suspend", again), 409)
    # A 변동신고 is still taken while suspended.
    assert (await api.report(own.entitlement_id)).status_code == 201

    resumed = await api.transition(own.entitlement_id, "resume", {"effective_on": "2026-09-01", "version": 2})
    assert resumed.status_code == 200, resumed.text
    body = resumed.json()
    assert (body["state"], body["state_reason"], body["version"]) == ("active", None, 3)
    assert [e["event"] for e in body["events"]] == ["grant", "suspend", "resume"]
    problem(
        await api.transition(own.entitlement_id, "resume", {"effective_on": "2026-09-02", "version": 3}), 409
    )


async def test_stale_entitlement_version_conflicts(api: Api, own: Granted) -> None:
    body = {"reason": "imprisonment", "effective_on": "2026-06-01", "version": 2}
    problem(await api.transition(own.entitlement_id, "suspend", body), 409)


async def test_effective_date_before_the_start_is_refused(api: Api, own: Granted) -> None:
    body = {"reason": "imprisonment", "effective_on": "2026-04-30", "version": 1}
    assert fields(problem(await api.transition(own.entitlement_id, "suspend", body), 422)) == {
        "effective_on": "before_start_date"
    }


@pytest.mark.parametrize(
    ("program", "abroad_since", "effective_on", "status"),
    [
        ("livelihood", "2026-05-01", "2026-06-29", 422),  # 59 days
        ("livelihood", "2026-05-01", "2026-06-30", 200),  # 60 days
        ("basic_pension", "2026-05-01", "2026-06-30", 200),
        ("child_allowance", "2026-05-01", "2026-06-30", 422),  # 아동수당: 90 days
        ("child_allowance", "2026-05-01", "2026-07-30", 200),
    ],
)
async def test_abroad_suspension_needs_the_legal_stay(
    api: Api,
    database: Database,
    baseline: Baseline,
    program: str,
    abroad_since: str,
    effective_on: str,
    status: int,
) -> None:
    granted = await grant(database, baseline, program=program, monthly_amount=100_000)
    body = {"reason": "abroad", "abroad_since": abroad_since, "effective_on": effective_on, "version": 1}
    response = await api.transition(granted.entitlement_id, "suspend", body)
    assert response.status_code == status, response.text
    if status == 422:
        refused = response.json()
        assert fields(refused) == {"effective_on": "abroad_too_short"}
        assert "국외 체류" in refused["detail"] and "일 이상" in refused["detail"]
    else:
        assert response.json()["events"][-1]["note"].startswith(f"출국일 {abroad_since}")


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({}, "abroad_since", "required"),
        ({"abroad_since": "2026-07-02"}, "abroad_since", "after_effective_on"),
    ],
)
async def test_abroad_suspension_needs_a_departure_date(
    api: Api, own: Granted, extra: dict[str, str], field: str, code: str
) -> None:
    body = {"reason": "abroad", "effective_on": "2026-07-01", "version": 1, **extra}
    assert fields(problem(await api.transition(own.entitlement_id, "suspend", body), 422)) == {field: code}


async def test_departure_date_only_for_abroad(api: Api, own: Granted) -> None:
    body = {"reason": "missing", "abroad_since": "2026-05-01", "effective_on": "2026-07-01", "version": 1}
    assert fields(problem(await api.transition(own.entitlement_id, "suspend", body), 422)) == {
        "abroad_since": "not_abroad"
    }


async def test_stop_ends_the_right(api: Api, own: Granted) -> None:
    unchanged = {**INCOME_800K, "kind": "other", "reason": "verification", "changes": []}
    pending = await api.proposal(own.entitlement_id, unchanged)  # would be a "no change"
    body = {
        "reason": "refused",
        "effective_on": "2026-08-01",
        "note": "수급자가 급여 포기서 제출",
        "version": 1,
    }
    response = await api.transition(own.entitlement_id, "stop", body)
    assert response.status_code == 200, response.text
    stopped = response.json()
    assert (stopped["state"], stopped["state_reason"], stopped["end_date"]) == (
        "stopped",
        "refused",
        "2026-08-01",
    )
    problem(await api.report(own.entitlement_id), 409)
    problem(await api.decide(own.entitlement_id, pending, "confirm"), 409)
    problem(
        await api.transition(own.entitlement_id, "resume", {"effective_on": "2026-09-01", "version": 2}), 409
    )
    again = {"reason": "death", "effective_on": "2026-09-01", "version": 2}
    problem(await api.transition(own.entitlement_id, "lose", again), 409)


async def test_lose_ends_the_right(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id)  # pending when the recipient dies
    body = {"reason": "death", "effective_on": "2026-06-20", "version": 1}
    response = await api.transition(own.entitlement_id, "lose", body)
    assert response.status_code == 200, response.text
    lost = response.json()
    assert (lost["state"], lost["state_label"], lost["end_date"]) == ("lost", "수급권 상실", "2026-06-20")
    assert (lost["events"][-1]["event"], lost["events"][-1]["reason_code"]) == ("lose", "death")
    problem(await api.report(own.entitlement_id), 409)
    problem(await api.decide(own.entitlement_id, proposal, "confirm"), 409)
    suspend = {"reason": "missing", "effective_on": "2026-07-01", "version": 2}
    problem(await api.transition(own.entitlement_id, "suspend", suspend), 409)


@pytest.mark.parametrize(
    ("verb", "body"),
    [
        ("suspend", {"reason": "vacation", "effective_on": "2026-06-01", "version": 1}),
        ("stop", {"reason": "death", "effective_on": "2026-06-01", "version": 1}),
        ("lose", {"reason": "refused", "effective_on": "2026-06-01", "version": 1}),
        ("resume", {"effective_on": "2026-06-01"}),
        ("resume", {"effective_on": "2026-06-01", "version": 0}),
    ],
)
async def test_transition_bodies_are_validated(
    api: Api, own: Granted, verb: str, body: dict[str, Any]
) -> None:
    problem(await api.transition(own.entitlement_id, verb, body), 422)
