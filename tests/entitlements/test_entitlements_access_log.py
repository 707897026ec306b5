"""접속기록 of the entitlement routes: exactly one record per request, with the 수행업무 of the route
and the people whose data it touched — the beneficiary and the members, the applicant of an appealed
decision — and, for another 시군구's entitlement, a not-found record naming no one."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.entitlements.factory import Granted, grant
from tests.test_access_log import assert_record, only_record

E = "/api/v1/entitlements"
CHANGE = {
    "kind": "income",
    "reported_on": "2026-06-10",
    "description": "근로소득 변동",
    "changes": [{"member_id": "m1", "income": {"earned": 800_000}}],
}


@pytest.fixture
async def couple(database: Database, baseline: Baseline) -> Granted:
    """A 생계급여 covering the head and the spouse."""
    members = {"m1": baseline.people["own"], "m2": baseline.people["own_spouse"]}
    mapping = {
        "as_of": "2026-05-01",
        "sigungu_code": "11110",
        "members": [
            {"id": "m1", "relation": "head", "birth_date": "1976-01-15", "income": {"earned": 500_000}},
            {"id": "m2", "relation": "spouse", "birth_date": "1978-02-02"},
        ],
        "housing": {"tenure": "rent", "monthly_rent": 300_000},
    }
    return await grant(database, baseline, members=members, mapping=mapping, monthly_amount=900_000)


Send = Callable[[], Awaitable[httpx.Response]]


async def test_every_route_records_its_subjects(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline, couple: Granted
) -> None:
    people = [baseline.people["own"], baseline.people["own_spouse"]]
    eid, did = couple.entitlement_id, couple.decision_id

    def call(method: str, url: str, user: str, body: Any = None) -> Send:
        return lambda: client.request(method, url, json=body, headers=auth.headers(user))

    async def check(
        send: Send, *, user: str, action: str, route: str, status: int, subjects: list[uuid.UUID]
    ) -> dict[str, Any]:
        response, record = await only_record(database, send())
        assert response.status_code == status, response.text
        method = record.method
        # The first id in the path names the resource (guard's _RESOURCE_PARAMS).
        kinds = re.findall(r"\{(\w+)_id\}", route)
        ids = re.findall(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", str(response.request.url)
        )
        resource = f"{kinds[0]}:{ids[0]}" if kinds else None
        assert_record(
            record,
            actor=user,
            action=action,
            subjects=subjects,
            method=method,
            route=route,
            status=status,
            resource=resource,
        )
        body: dict[str, Any] = response.json()
        return body

    dm, inv = "t.decision_maker", "t.investigator"
    await check(call("GET", E, dm), user=dm, action="조회", route=E, status=200, subjects=[people[0]])
    detail = E + "/{entitlement_id}"
    await check(
        call("GET", f"{E}/{eid}", dm), user=dm, action="조회", route=detail, status=200, subjects=people
    )

    changes = detail + "/changes"
    first = await check(
        call("POST", f"{E}/{eid}/changes", inv, CHANGE),
        user=inv,
        action="입력",
        route=changes,
        status=201,
        subjects=people,
    )
    second = (await client.post(f"{E}/{eid}/changes", json=CHANGE, headers=auth.headers(inv))).json()
    decide = {"version": 1}
    for proposal, verb in ((first, "reject"), (second, "confirm")):
        await check(
            call("POST", f"{E}/{eid}/changes/{proposal['id']}/{verb}", dm, decide),
            user=dm,
            action="변경",
            route=changes + "/{proposal_id}/" + verb,
            status=200,
            subjects=people,
        )

    transitions: list[tuple[str, dict[str, Any]]] = [
        ("suspend", {"reason": "missing", "effective_on": "2026-08-01", "version": 2}),
        ("resume", {"effective_on": "2026-09-01", "version": 3}),
        ("stop", {"reason": "refused", "effective_on": "2026-10-01", "version": 4}),
    ]
    for verb, body in transitions:
        await check(
            call("POST", f"{E}/{eid}/{verb}", dm, body),
            user=dm,
            action="변경",
            route=f"{detail}/{verb}",
            status=200,
            subjects=people,
        )
    lost = await grant(database, baseline)
    await check(
        call(
            "POST",
            f"{E}/{lost.entitlement_id}/lose",
            dm,
            {"reason": "death", "effective_on": "2026-06-01", "version": 1},
        ),
        user=dm,
        action="변경",
        route=f"{detail}/lose",
        status=200,
        subjects=[people[0]],
    )

    appeals = "/api/v1/decisions/{decision_id}/appeals"
    appeal = await check(
        call("POST", f"/api/v1/decisions/{did}/appeals", dm, {"filed_on": "2026-06-01", "grounds": "이의"}),
        user=dm,
        action="입력",
        route=appeals,
        status=201,
        subjects=[people[0]],
    )
    await check(
        call("GET", f"/api/v1/decisions/{did}/appeals", dm),
        user=dm,
        action="조회",
        route=appeals,
        status=200,
        subjects=[people[0]],
    )
    await check(
        call("POST", f"/api/v1/appeals/{appeal['id']}/decide", dm, {"outcome": "withdrawn", "version": 1}),
        user=dm,
        action="변경",
        route="/api/v1/appeals/{appeal_id}/decide",
        status=200,
        subjects=[people[0]],
    )


async def test_refused_requests_are_recorded_too(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline, couple: Granted
) -> None:
    other = await grant(database, baseline, where="other")
    response, record = await only_record(
        database, client.get(f"{E}/{other.entitlement_id}", headers=auth.headers("t.decision_maker"))
    )
    assert response.status_code == 404
    assert (record.outcome, record.action, record.subjects) == ("not_found", "조회", [])

    stale = {"reason": "missing", "effective_on": "2026-08-01", "version": 9}
    response, record = await only_record(
        database,
        client.post(
            f"{E}/{couple.entitlement_id}/suspend", json=stale, headers=auth.headers("t.decision_maker")
        ),
    )
    assert response.status_code == 409
    # The attempt names whose right it was about, even though nothing changed.
    assert (record.outcome, record.action) == ("rejected", "변경")
    assert sorted(record.subjects) == sorted([baseline.people["own"], baseline.people["own_spouse"]])

    response, record = await only_record(
        database,
        client.post(
            f"{E}/{couple.entitlement_id}/changes", json=CHANGE, headers=auth.headers("t.payment_officer")
        ),
    )
    assert response.status_code == 403
    assert (record.outcome, record.action, record.subjects) == ("denied", "입력", [])
