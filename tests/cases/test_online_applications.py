"""온라인 신청 by a portal for the citizen it asserted, and its `Idempotency-Key` conformance on the real
route: replay, reuse with another body, in flight, missing or malformed keys, a failed first attempt,
and the citizen boundary (no binding, another citizen's application)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from sqlalchemy import text

from api.db import Database
from api.idempotency.store import fingerprint
from api.keys import get_keys
from api.security.citizen import citizen_index
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.tokens import mint_token

ROUTE = "/api/v1/applications/online"
BODY = {
    "programs": ["livelihood", "housing"],
    "privacy_notice": {"version": "2026-01", "given_on": "2026-11-20"},
}


def portal(baseline: Baseline, citizen: str | None = "own", key: str | None = None) -> dict[str, str]:
    bound = citizen_index(get_keys(), baseline.rrns[citizen].replace("-", "")) if citizen else None
    token = mint_token(
        baseline.account("portal"), citizen=bound, citizen_verified_by="simple_auth" if bound else None
    )
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


async def submit(
    client: httpx.AsyncClient, baseline: Baseline, key: str | None, body: dict[str, Any] = BODY
) -> httpx.Response:
    return await client.post(ROUTE, json=body, headers=portal(baseline, key=key))


async def test_online_application_for_the_asserted_citizen(
    client: httpx.AsyncClient, baseline: Baseline, auth: Auth
) -> None:
    response = await submit(client, baseline, str(uuid.uuid4()))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["channel"] == "online"
    assert body["applicant_person_id"] == str(baseline.people["own"])
    assert body["household_id"] == str(baseline.households["own"])
    assert body["applicant_name"] is None  # a portal gets no names from the registry
    assert response.headers["location"] == f"{ROUTE}/{body['id']}"
    # The 읍면동 sees it in its list; the citizen sees it through the portal.
    listed = await client.get("/api/v1/applications", headers=auth.headers("t.emd.intake"))
    assert body["id"] in {a["id"] for a in listed.json()}
    mine = await client.get(f"{ROUTE}/{body['id']}", headers=portal(baseline))
    assert mine.status_code == 200 and mine.json()["id"] == body["id"]


async def test_same_key_and_body_replays_the_first_response(
    client: httpx.AsyncClient, baseline: Baseline, database: Database
) -> None:
    key = str(uuid.uuid4())
    first = await submit(client, baseline, key)
    again = await submit(client, baseline, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    async with database.sessionmaker() as session:
        subjects = await session.scalar(
            text("SELECT subjects FROM access_logs WHERE request_id = :r"),
            {"r": again.headers["x-request-id"]},
        )
    assert subjects == [baseline.people["own"]]  # the replay's 접속기록 names whose data it showed again
    assert again.headers["location"] == first.headers["location"]
    mine = await client.get(ROUTE, headers=portal(baseline))
    assert [a["id"] for a in mine.json()].count(first.json()["id"]) == 1
    assert len([a for a in mine.json() if a["channel"] == "online"]) == 1  # nothing was submitted twice


async def test_same_key_other_body_is_422(client: httpx.AsyncClient, baseline: Baseline) -> None:
    key = str(uuid.uuid4())
    assert (await submit(client, baseline, key)).status_code == 201
    other = await submit(client, baseline, key, {**BODY, "programs": ["basic_pension"]})
    assert other.status_code == 422
    assert other.headers["content-type"].startswith("application/problem+json")
    assert other.json()["type"].endswith("idempotency-key-reused")


async def test_key_in_flight_is_409(
    client: httpx.AsyncClient, baseline: Baseline, database: Database
) -> None:
    key = str(uuid.uuid4())
    raw = json.dumps(BODY).encode()
    target = {"path": {}, "query": []}
    async with database.sessionmaker() as session:
        await session.execute(
            text(
                "INSERT INTO idempotency_records (client_id, key, request_hash, method, route, state)"
                " VALUES (:c, :k, :h, 'POST', :r, 'in_flight')"
            ),
            {
                "c": baseline.account("portal").id,
                "k": key,
                "h": fingerprint("POST", ROUTE, target, raw),
                "r": ROUTE,
            },
        )
        await session.commit()
    response = await client.post(
        ROUTE, content=raw, headers={**portal(baseline, key=key), "Content-Type": "application/json"}
    )
    assert response.status_code == 409, response.text
    assert response.json()["type"].endswith("idempotency-key-in-flight")
    assert response.headers.get("retry-after") == "1"


async def test_missing_or_malformed_key_is_422(client: httpx.AsyncClient, baseline: Baseline) -> None:
    for key in (None, "", "x" * 256, "a b"):
        response = await client.post(
            ROUTE, json=BODY, headers=portal(baseline, key=key) if key is not None else portal(baseline)
        )
        assert response.status_code == 422, (key, response.text)


async def test_a_failed_first_attempt_frees_the_key(client: httpx.AsyncClient, baseline: Baseline) -> None:
    key = str(uuid.uuid4())
    bad = {**BODY, "privacy_notice": {"version": "2026-01", "given_on": "2099-01-01"}}
    failed = await submit(client, baseline, key, bad)
    assert failed.status_code == 422
    # Nothing is kept for a failure, so the corrected request may reuse the key.
    assert (await submit(client, baseline, key)).status_code == 201


async def test_citizen_boundary(client: httpx.AsyncClient, baseline: Baseline) -> None:
    unbound = await client.post(
        ROUTE, json=BODY, headers=portal(baseline, citizen=None, key=str(uuid.uuid4()))
    )
    assert unbound.status_code == 403
    mine = await submit(client, baseline, str(uuid.uuid4()))
    assert mine.status_code == 201
    other = await client.get(f"{ROUTE}/{mine.json()['id']}", headers=portal(baseline, citizen="other"))
    assert other.status_code == 404
    officials_route = await client.get(f"/api/v1/applications/{mine.json()['id']}", headers=portal(baseline))
    assert officials_route.status_code == 403
