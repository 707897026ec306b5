"""접속기록: one record per request that touches personal data, with 계정·일시·접속지·정보주체·수행업무
filled in, none for anything else, and the application role unable to rewrite the log. Tamper
detection is in test_access_log_tamper.py (it needs committed data)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable
from datetime import UTC, datetime
from urllib.parse import quote

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.db import Database
from api.models import AccessLog
from tests.baseline import CHEONGUN, OWN, Baseline
from tests.conftest import Auth

PERSON_ROUTE = "/api/v1/persons/{person_id}"


async def _last_id(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int(await session.scalar(select(func.coalesce(func.max(AccessLog.id), 0))) or 0)


async def _records_after(database: Database, after: int) -> list[AccessLog]:
    async with database.sessionmaker() as session:
        rows = await session.scalars(select(AccessLog).where(AccessLog.id > after).order_by(AccessLog.id))
        return list(rows.all())


async def only_record(
    database: Database, request: Awaitable[httpx.Response]
) -> tuple[httpx.Response, AccessLog]:
    """Sends the request and returns its response and the one access record it wrote."""
    before = await _last_id(database)
    started = datetime.now(UTC)
    response = await request
    rows = await _records_after(database, before)
    assert len(rows) == 1, [(r.route, r.status) for r in rows]
    record = rows[0]
    assert started <= record.occurred_at <= datetime.now(UTC)
    assert record.request_id == response.headers["x-request-id"]
    return response, record


def assert_record(
    record: AccessLog,
    *,
    actor: str,
    action: str,
    subjects: list[uuid.UUID],
    method: str,
    route: str,
    status: int,
    outcome: str = "success",
    resource: str | None = None,
    purpose: str | None = None,
) -> None:
    assert record.actor == actor
    assert record.actor_kind == "official"
    assert record.actor_sigungu == OWN
    assert record.client_ip == "127.0.0.1"
    assert sorted(record.subjects) == sorted(subjects)
    assert len(record.subjects) == len(subjects)
    assert record.action == action
    assert record.method == method
    assert re.sub(r":\w+}", "}", record.route) == route  # the template, with or without `:uuid`
    assert record.status == status
    assert record.outcome == outcome
    assert record.resource == resource
    assert record.purpose == purpose
    assert len(record.content_hash) == 32 and len(record.chain_hash) == 32


def new_person(rrn: str, name: str = "신규등록") -> dict[str, object]:
    return {
        "name": name,
        "rrn": rrn,
        "address": {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 1"},
    }


# --- one record per personal-data request ------------------------------------------------------


async def test_read_person(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    own = baseline.people["own"]
    response, record = await only_record(
        database, client.get(f"/api/v1/persons/{own}", headers=auth.headers("t.investigator"))
    )
    assert response.status_code == 200
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[own],
        method="GET",
        route=PERSON_ROUTE,
        status=200,
        resource=f"person:{own}",
    )


async def test_search(client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline) -> None:
    response, record = await only_record(
        database,
        client.post(
            "/api/v1/persons/search", json={"name": "김청운"}, headers=auth.headers("t.investigator")
        ),
    )
    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [str(baseline.people["own"])]
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[baseline.people["own"]],
        method="POST",
        route="/api/v1/persons/search",
        status=200,
    )


async def test_search_outside_jurisdiction_names_no_subject(
    client: httpx.AsyncClient, database: Database, auth: Auth
) -> None:
    response, record = await only_record(
        database,
        client.post(
            "/api/v1/persons/search", json={"name": "최중구"}, headers=auth.headers("t.investigator")
        ),
    )
    assert response.status_code == 200 and response.json() == []
    assert record.subjects == [] and record.outcome == "success"


async def test_lookup(client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline) -> None:
    response, record = await only_record(
        database,
        client.post(
            "/api/v1/persons/lookup",
            json={"rrn": baseline.rrns["own_spouse"]},
            headers=auth.headers("t.investigator"),
        ),
    )
    assert response.status_code == 200
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[baseline.people["own_spouse"]],
        method="POST",
        route="/api/v1/persons/lookup",
        status=200,
    )


async def test_register(client: httpx.AsyncClient, database: Database, auth: Auth) -> None:
    response, record = await only_record(
        database,
        client.post("/api/v1/persons", json=new_person("950505-1234567"), headers=auth.headers("t.intake")),
    )
    assert response.status_code == 201, response.text
    assert_record(
        record,
        actor="t.intake",
        action="입력",
        subjects=[uuid.UUID(response.json()["id"])],
        method="POST",
        route="/api/v1/persons",
        status=201,
    )


async def test_update(client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline) -> None:
    own = baseline.people["own"]
    headers = auth.headers("t.intake")
    version = (await client.get(f"/api/v1/persons/{own}", headers=headers)).json()["version"]
    response, record = await only_record(
        database,
        client.patch(
            f"/api/v1/persons/{own}", json={"version": version, "phone": "010-1234-5678"}, headers=headers
        ),
    )
    assert response.status_code == 200, response.text
    assert_record(
        record,
        actor="t.intake",
        action="변경",
        subjects=[own],
        method="PATCH",
        route=PERSON_ROUTE,
        status=200,
        resource=f"person:{own}",
    )


async def test_reveal_rrn_records_the_reason(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    own = baseline.people["own"]
    response, record = await only_record(
        database,
        client.post(
            f"/api/v1/persons/{own}/rrn",
            json={"reason": "통합조사 본인 확인"},
            headers=auth.headers("t.investigator"),
        ),
    )
    assert response.status_code == 200
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[own],
        method="POST",
        route="/api/v1/persons/{person_id}/rrn",
        status=200,
        resource=f"person:{own}",
        purpose="통합조사 본인 확인",
    )


async def test_read_household_names_every_member(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    household = baseline.households["own"]
    response, record = await only_record(
        database, client.get(f"/api/v1/households/{household}", headers=auth.headers("t.investigator"))
    )
    assert response.status_code == 200
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[baseline.people["own"], baseline.people["own_spouse"]],
        method="GET",
        route="/api/v1/households/{household_id}",
        status=200,
        resource=f"household:{household}",
    )


async def test_purpose_header_is_recorded(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    headers = auth.headers("t.investigator") | {"X-Purpose": quote("통합조사")}
    _, record = await only_record(
        database, client.get(f"/api/v1/persons/{baseline.people['own']}", headers=headers)
    )
    assert record.purpose == "통합조사"


async def test_resident_number_typed_into_a_purpose_is_masked(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    own = baseline.people["own"]
    headers = auth.headers("t.investigator") | {"X-Purpose": quote("조사 700101-1000101")}
    _, record = await only_record(database, client.get(f"/api/v1/persons/{own}", headers=headers))
    assert record.purpose == "조사 700101-1******"
    _, record = await only_record(
        database,
        client.post(
            f"/api/v1/persons/{own}/rrn",
            json={"reason": "민원인 7001011000101 본인 확인"},
            headers=auth.headers("t.investigator"),
        ),
    )
    assert record.purpose == "민원인 700101-1****** 본인 확인"


@pytest.mark.parametrize(
    ("path", "username"),
    [
        ("/api/v1/health", None),
        ("/api/v1/auth/me", "t.investigator"),
        ("/api/v1/reference/sigungu", "t.investigator"),
    ],
)
async def test_no_record_for_routes_without_personal_data(
    client: httpx.AsyncClient, database: Database, auth: Auth, path: str, username: str | None
) -> None:
    before = await _last_id(database)
    response = await client.get(path, headers=auth.headers(username) if username else None)
    assert response.status_code == 200
    assert await _records_after(database, before) == []


# --- refused attempts are recorded too ---------------------------------------------------------


async def test_forbidden_attempt_is_recorded(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    own = baseline.people["own"]
    response, record = await only_record(
        database,
        client.post(
            f"/api/v1/persons/{own}/rrn",
            json={"reason": "지급 계좌 확인"},
            headers=auth.headers("t.payment_officer"),
        ),
    )
    assert response.status_code == 403
    assert_record(
        record,
        actor="t.payment_officer",
        action="조회",
        subjects=[],
        method="POST",
        route="/api/v1/persons/{person_id}/rrn",
        status=403,
        outcome="denied",
        resource=f"person:{own}",
    )


async def test_cross_jurisdiction_read_is_recorded_as_not_found(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    other = baseline.people["other"]
    response, record = await only_record(
        database, client.get(f"/api/v1/persons/{other}", headers=auth.headers("t.investigator"))
    )
    assert response.status_code == 404
    assert_record(
        record,
        actor="t.investigator",
        action="조회",
        subjects=[],
        method="GET",
        route=PERSON_ROUTE,
        status=404,
        outcome="not_found",
        resource=f"person:{other}",
    )


# --- the application role cannot rewrite the log -----------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_logs SET actor = 'x'",
        "DELETE FROM access_logs",
        "TRUNCATE access_logs",
        # Records are appended only through audit_append; a row inserted directly (say at lane_seq 0,
        # which the verifier never walks) would escape the chain.
        "INSERT INTO access_logs (lane, lane_seq, occurred_at, request_id, actor, actor_kind, client_ip,"
        " subjects, action, method, route, status, outcome, content_hash, chain_hash)"
        " VALUES (0, 0, now(), 'forged', 'someone.else', 'official', '10.0.0.1', '{}', '조회', 'GET',"
        " '/api/v1/persons/{person_id}', 200, 'success', '\\x00', '\\x00')",
        "UPDATE audit_chain_heads SET last_seq = 0",
        "DELETE FROM audit_chain_heads",
        "TRUNCATE audit_chain_heads",
    ],
)
async def test_app_role_cannot_rewrite_the_log(app_engine: AsyncEngine, statement: str) -> None:
    async with app_engine.connect() as conn:
        transaction = await conn.begin()
        try:
            with pytest.raises(DBAPIError) as caught:
                await conn.execute(text(statement))
        finally:
            await transaction.rollback()
    assert isinstance(caught.value.orig.__cause__, asyncpg.exceptions.InsufficientPrivilegeError)
