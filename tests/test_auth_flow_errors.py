"""Errors as clients see them: every one is RFC 9457 problem+json. Unknown routes, wrong methods
(with a correct `Allow`), malformed bodies, NUL characters the database cannot store, and an
unexpected exception: a 500 with a correlation id, nothing from the inside, nothing half-written."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from api.config import Settings
from api.db import Database, SessionDep
from api.main import create_app
from api.models import ServiceClient
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.test_registry import assert_problem

SECRET = "secret internals 900101-1234567"


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    """The real app plus two routes that fail the way a bug would."""
    app = create_app(settings, database)

    @app.get("/api/v1/test/boom", include_in_schema=False)
    async def boom() -> None:
        raise RuntimeError(SECRET)

    @app.post("/api/v1/test/half-written", include_in_schema=False)
    async def half_written(session: SessionDep, client_id: str) -> None:
        session.add(
            ServiceClient(id=uuid.uuid4(), client_id=client_id, name="half", kind="portal", secret_hash="x")
        )
        await session.flush()  # the row is in the transaction...
        raise RuntimeError(SECRET)  # ...which this must undo

    return app


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_unknown_route(http: httpx.AsyncClient, auth: Auth) -> None:
    for headers in ({}, auth.headers("t.investigator")):
        response = await http.get("/api/v1/no-such-thing", headers=headers)
        assert_problem(response, 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/v1/persons", {"POST"}),
        ("PUT", "/api/v1/persons/{own}", {"GET", "PATCH"}),
        ("GET", "/api/v1/persons/search", {"POST"}),  # not taken for a person id
        ("POST", "/api/v1/health", {"GET"}),
    ],
)
async def test_wrong_method(
    http: httpx.AsyncClient, auth: Auth, baseline: Baseline, method: str, path: str, allowed: set[str]
) -> None:
    url = path.format(own=baseline.people["own"])
    response = await http.request(method, url, headers=auth.headers("t.investigator"))
    assert_problem(response, 405)
    assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


async def test_malformed_json_body(http: httpx.AsyncClient, auth: Auth) -> None:
    headers = auth.headers("t.investigator") | {"Content-Type": "application/json"}
    response = await http.post(
        "/api/v1/persons/search", content='{"name": "김청운",'.encode(), headers=headers
    )
    body = assert_problem(response, 422)
    assert body["errors"] and {"field", "message", "code"} <= body["errors"][0].keys()


async def test_text_the_database_cannot_store(http: httpx.AsyncClient, auth: Auth) -> None:
    """NUL is valid JSON and UTF-8 but not PostgreSQL text: a bad request, not a server error."""
    response = await http.post(
        "/api/v1/persons/search", json={"name": "김\x00청운"}, headers=auth.headers("t.investigator")
    )
    assert_problem(response, 422)
    response = await http.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": "t.\x00", "password": "x"}
    )
    assert_problem(response, 422)


async def test_unexpected_error_reveals_nothing(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/v1/test/boom")
    body = assert_problem(response, 500)
    assert len(body["correlation_id"]) == 32
    int(body["correlation_id"], 16)
    for leak in ("secret", "internals", "900101", "1234567", "RuntimeError", "Traceback"):
        assert leak not in response.text


async def test_a_failed_request_leaves_nothing_half_written(
    http: httpx.AsyncClient, database: Database
) -> None:
    client_id = f"half-{uuid.uuid4().hex[:8]}"
    response = await http.post("/api/v1/test/half-written", params={"client_id": client_id})
    assert_problem(response, 500)
    async with database.sessionmaker() as session:
        found = await session.scalar(select(ServiceClient.id).where(ServiceClient.client_id == client_id))
    assert found is None
