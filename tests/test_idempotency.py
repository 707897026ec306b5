"""`Idempotency-Key` (api/idempotency): a repeat gets the first answer without the work being done
again; a reused key, a missing or malformed one, and a key still in flight are refused; a failure
keeps nothing; every answer, replays included, is in the 접속기록.

The routes here are the test's own: each run counts its executions and answers a fresh id, so a
replay (same id, count unchanged) is told apart from a second execution. Most tests run on the
rolled-back `database`; real concurrency and lock behaviour need committed transactions, on a
database of their own at the end of the module."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Body, Depends, FastAPI, Request, Response
from pydantic import BaseModel
from sqlalchemy import func, select, update

from api.audit.trail import Action
from api.config import Settings
from api.database_server import DatabaseUrls
from api.db import Database, SessionDep, create_database
from api.errors import IdempotentReplay, status_for_exception
from api.idempotency import (
    HEADER,
    Idempotency,
    IdempotencyDep,
    OptionalIdempotencyDep,
    idempotency,
    purge_expired,
)
from api.main import create_app
from api.models import AccessLog
from api.models.entitlements import IdempotencyRecord
from api.problems import IDEMPOTENCY_PROBLEMS, PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from domain.errors import InvalidInput
from tests.baseline import load_baseline
from tests.committed_db import CommittedApp, committed_name, committed_urls
from tests.conftest import Auth

PROBLEM_JSON = "application/problem+json"
BASE = "/api/v1/idempotency-probe"
APPLICATIONS = f"{BASE}/applications"
CERTIFICATES = f"{BASE}/certificates"
OPTIONAL = f"{BASE}/optional"


@dataclass
class Probe:
    runs: int = 0
    fail: str | None = None  # "before" or "after" the route's respond()
    status: int = 201
    started: asyncio.Event | None = None
    proceed: asyncio.Event | None = None


PROBE = Probe()


class ProbeAnswer(BaseModel):
    id: uuid.UUID
    run: int
    caller: str


Applicant = Annotated[Principal, Depends(guard(Scope.CITIZEN_APPLICATIONS, audit=Action.CREATE))]
# The kiosk may not apply, only take certificates: the route both callers may use.
CertificateTaker = Annotated[Principal, Depends(guard(Scope.CITIZEN_CERTIFICATES, audit=Action.CREATE))]
AnyJson = Annotated[dict[str, Any], Body()]

router = APIRouter(prefix=BASE, responses=PROBLEMS)


async def _work(principal: Principal, session: SessionDep, idem: Idempotency) -> Response:
    PROBE.runs += 1
    if PROBE.started is not None and PROBE.proceed is not None:
        PROBE.started.set()
        await PROBE.proceed.wait()
    if PROBE.fail == "before":
        raise InvalidInput("실패하도록 설정된 요청입니다.")
    answer = ProbeAnswer(id=uuid.uuid4(), run=PROBE.runs, caller=principal.name)
    response = await idem.respond(
        session, PROBE.status, answer, headers={"Location": f"{BASE}/things/{answer.id}"}
    )
    if PROBE.fail == "after":
        raise InvalidInput("응답을 만든 뒤 실패하도록 설정된 요청입니다.")
    return response


@router.post("/applications", status_code=201, response_model=ProbeAnswer, responses=IDEMPOTENCY_PROBLEMS)
async def apply(body: AnyJson, principal: Applicant, session: SessionDep, idem: IdempotencyDep) -> Response:
    return await _work(principal, session, idem)


@router.post("/certificates", status_code=201, response_model=ProbeAnswer, responses=IDEMPOTENCY_PROBLEMS)
async def certify(
    body: AnyJson, principal: CertificateTaker, session: SessionDep, idem: IdempotencyDep
) -> Response:
    return await _work(principal, session, idem)


@router.post("/optional", status_code=201, response_model=ProbeAnswer, responses=IDEMPOTENCY_PROBLEMS)
async def optional(
    body: AnyJson, principal: Applicant, session: SessionDep, idem: OptionalIdempotencyDep
) -> Response:
    return await _work(principal, session, idem)


def probe_app(settings: Settings, database: Database) -> FastAPI:
    app = create_app(settings, database)
    app.include_router(router)
    return app


def _http(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture(autouse=True)
def probe() -> Iterator[Probe]:
    global PROBE
    PROBE = Probe()
    yield PROBE
    PROBE = Probe()


@pytest.fixture
async def client(database: Database, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with _http(probe_app(settings, database)) as http:
        yield http


def new_key() -> str:
    return str(uuid.uuid4())


async def send(
    client: httpx.AsyncClient,
    auth_headers: dict[str, str],
    body: object,
    key: str | bytes | None,
    path: str = APPLICATIONS,
) -> httpx.Response:
    """POSTs `body` with the key; bytes go on the wire as they are (a non-ASCII key)."""
    headers = [(name.encode(), value.encode()) for name, value in auth_headers.items()]
    if key is not None:
        headers.append((HEADER.encode(), key if isinstance(key, bytes) else key.encode()))
    return await client.post(path, json=body, headers=headers)


async def records(database: Database, key: str) -> list[IdempotencyRecord]:
    async with database.sessionmaker() as session:
        found = await session.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
        return list(found.all())


async def set_record(database: Database, key: str, **values: Any) -> None:
    async with database.sessionmaker() as session, session.begin():
        await session.execute(update(IdempotencyRecord).where(IdempotencyRecord.key == key).values(**values))


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    problem: dict[str, Any] = response.json()
    assert problem["type"].endswith(slug) and problem["status"] == status
    return problem


# --- replay -------------------------------------------------------------------------------------


async def test_repeat_gets_the_first_response_without_running_again(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database
) -> None:
    portal, key = auth.headers("portal"), new_key()
    first = await send(client, portal, {"program": "livelihood", "members": [1, 2]}, key)
    assert first.status_code == 201, first.text
    # The same JSON with its keys in another order and other spacing is the same request.
    again = await client.post(
        APPLICATIONS,
        content=b'{ "members": [1, 2],  "program": "livelihood" }',
        headers={**portal, HEADER: key, "Content-Type": "application/json"},
    )
    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["location"] == first.headers["location"] == f"{BASE}/things/{first.json()['id']}"
    assert again.headers["content-type"] == "application/json"
    assert probe.runs == 1
    [record] = await records(database, key)
    assert record.state == "completed" and record.status == 201
    assert record.route == APPLICATIONS and record.method == "POST"


async def test_same_key_with_another_body_or_route_is_refused(
    client: httpx.AsyncClient, auth: Auth, probe: Probe
) -> None:
    portal, key = auth.headers("portal"), new_key()
    assert (await send(client, portal, {"program": "livelihood"}, key)).status_code == 201
    reused = await send(client, portal, {"program": "medical"}, key)
    problem = assert_problem(reused, 422, "/idempotency-key-reused")
    assert "Idempotency-Key" in problem["detail"]
    other_route = await send(client, portal, {"program": "livelihood"}, key, path=CERTIFICATES)
    assert_problem(other_route, 422, "/idempotency-key-reused")
    assert probe.runs == 1


# --- the key itself -----------------------------------------------------------------------------


async def test_missing_key_is_refused(client: httpx.AsyncClient, auth: Auth, probe: Probe) -> None:
    response = await send(client, auth.headers("portal"), {"program": "livelihood"}, None)
    problem = assert_problem(response, 422, "/invalid-input")
    assert problem["errors"] == [{"field": HEADER, "message": "required", "code": "required"}]
    assert probe.runs == 0


@pytest.mark.parametrize(
    "key",
    ["", "x" * 256, "x" * 300, "키".encode(), "with space", "tab\there"],
    ids=["empty", "256", "300", "non-ascii", "space", "tab"],
)
async def test_malformed_key_is_refused(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, key: str | bytes
) -> None:
    response = await send(client, auth.headers("portal"), {"program": "livelihood"}, key)
    problem = assert_problem(response, 422, "/invalid-input")
    assert problem["errors"][0]["field"] == HEADER
    assert probe.runs == 0


async def test_longest_key_is_accepted(client: httpx.AsyncClient, auth: Auth) -> None:
    key = "~!" * 127 + "Z"
    assert (await send(client, auth.headers("portal"), {}, key)).status_code == 201


async def test_optional_key(client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database) -> None:
    portal = auth.headers("portal")
    without = [await send(client, portal, {"n": 1}, None, path=OPTIONAL) for _ in range(2)]
    assert [r.status_code for r in without] == [201, 201] and probe.runs == 2
    assert without[0].json()["id"] != without[1].json()["id"]
    key = new_key()
    first = await send(client, portal, {"n": 1}, key, path=OPTIONAL)
    again = await send(client, portal, {"n": 1}, key, path=OPTIONAL)
    assert again.content == first.content and probe.runs == 3
    assert len(await records(database, key)) == 1
    assert_problem(await send(client, portal, {"n": 1}, "", path=OPTIONAL), 422, "/invalid-input")


# --- failures keep nothing ----------------------------------------------------------------------


@pytest.mark.parametrize("when", ["before", "after"])
async def test_failure_releases_the_key(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database, when: str
) -> None:
    """What the client sees. (Here the claim rolls back with the request's savepoint anyway; the
    release itself is tested on committed data below.)"""
    portal, key, body = auth.headers("portal"), new_key(), {"program": "livelihood"}
    probe.fail = when
    assert_problem(await send(client, portal, body, key), 422, "/invalid-input")
    assert await records(database, key) == []
    probe.fail = None
    retried = await send(client, portal, body, key)
    assert retried.status_code == 201 and probe.runs == 2
    assert (await send(client, portal, body, key)).content == retried.content
    assert probe.runs == 2


async def test_error_status_without_exception_is_not_stored(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database
) -> None:
    portal, key = auth.headers("portal"), new_key()
    probe.status = 409
    assert (await send(client, portal, {}, key)).status_code == 409
    assert await records(database, key) == []
    probe.status = 201
    assert (await send(client, portal, {}, key)).status_code == 201
    assert probe.runs == 2


async def test_refused_caller_claims_nothing(
    client: httpx.AsyncClient, auth: Auth, database: Database
) -> None:
    key = new_key()
    response = await send(client, auth.headers("kiosk"), {}, key)
    assert_problem(response, 403, "/forbidden")
    assert await records(database, key) == []


# --- callers ------------------------------------------------------------------------------------


async def test_callers_with_the_same_key_are_independent(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database
) -> None:
    key, body = new_key(), {"certificate": "수급자 증명서"}
    portal = await send(client, auth.headers("portal"), body, key, path=CERTIFICATES)
    kiosk = await send(client, auth.headers("kiosk"), body, key, path=CERTIFICATES)
    assert portal.status_code == kiosk.status_code == 201 and probe.runs == 2
    assert portal.json()["caller"] == "portal" and kiosk.json()["caller"] == "kiosk"
    kiosk_again = await send(client, auth.headers("kiosk"), body, key, path=CERTIFICATES)
    portal_again = await send(client, auth.headers("portal"), body, key, path=CERTIFICATES)
    assert (kiosk_again.content, portal_again.content) == (kiosk.content, portal.content)
    assert probe.runs == 2
    assert len(await records(database, key)) == 2


# --- in flight, abandoned, expired --------------------------------------------------------------


async def test_claim_in_flight_answers_409_until_it_turns_stale(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database
) -> None:
    """A claim left in flight: the first request still running (409), then, once older than the
    timeout, left by a process that died (taken over by the same request, refused to another)."""
    portal, key, body = auth.headers("portal"), new_key(), {"program": "livelihood"}
    first = await send(client, portal, body, key)
    in_flight = {"state": "in_flight", "status": None, "response": None, "completed_at": None}
    await set_record(database, key, **in_flight, created_at=func.clock_timestamp())
    busy = await send(client, portal, body, key)
    assert_problem(busy, 409, "/idempotency-key-in-flight")
    assert busy.headers["retry-after"] == "1"
    assert probe.runs == 1

    await set_record(database, key, created_at=func.clock_timestamp() - timedelta(minutes=2))
    assert_problem(await send(client, portal, {"program": "medical"}, key), 422, "/idempotency-key-reused")
    taken = await send(client, portal, body, key)
    assert taken.status_code == 201 and probe.runs == 2
    assert taken.json()["id"] != first.json()["id"]
    assert (await send(client, portal, body, key)).content == taken.content
    assert probe.runs == 2


async def test_expired_key_is_free_again(
    client: httpx.AsyncClient, auth: Auth, probe: Probe, database: Database
) -> None:
    portal, key = auth.headers("portal"), new_key()
    assert (await send(client, portal, {"program": "livelihood"}, key)).status_code == 201
    await set_record(database, key, created_at=func.clock_timestamp() - timedelta(hours=25))
    fresh = await send(client, portal, {"program": "medical"}, key)
    assert fresh.status_code == 201 and probe.runs == 2
    [record] = await records(database, key)
    assert record.state == "completed" and record.response == fresh.content


async def test_purge_expired(client: httpx.AsyncClient, auth: Auth, database: Database) -> None:
    portal, old, recent = auth.headers("portal"), new_key(), new_key()
    for key in (old, recent):
        assert (await send(client, portal, {}, key)).status_code == 201
    await set_record(database, old, created_at=func.clock_timestamp() - timedelta(hours=24, seconds=5))
    async with database.sessionmaker() as session, session.begin():
        assert await purge_expired(session, datetime.now(UTC)) == 1
    assert await records(database, old) == [] and len(await records(database, recent)) == 1
    async with database.sessionmaker() as session, session.begin():
        assert await purge_expired(session, datetime.now(UTC) + timedelta(hours=25)) == 1
    assert await records(database, recent) == []


# --- 접속기록 -----------------------------------------------------------------------------------


async def _last_log_id(database: Database) -> int:
    async with database.sessionmaker() as session:
        return int(await session.scalar(select(func.coalesce(func.max(AccessLog.id), 0))) or 0)


async def _logs_after(database: Database, after: int) -> list[AccessLog]:
    async with database.sessionmaker() as session:
        rows = await session.scalars(select(AccessLog).where(AccessLog.id > after).order_by(AccessLog.id))
        return list(rows.all())


async def test_every_answer_is_in_the_access_log(
    client: httpx.AsyncClient, auth: Auth, database: Database
) -> None:
    portal, key, body = auth.headers("portal"), new_key(), {"program": "livelihood"}
    before = await _last_log_id(database)
    responses = [
        await send(client, portal, body, key),  # done
        await send(client, portal, body, key),  # replayed
        await send(client, portal, {"program": "medical"}, key),  # reused
        await send(client, portal, body, None),  # no key
    ]
    await set_record(database, key, state="in_flight", created_at=func.clock_timestamp())
    responses.append(await send(client, portal, body, key))  # in flight
    assert [r.status_code for r in responses] == [201, 201, 422, 422, 409]
    logs = await _logs_after(database, before)
    assert [(log.status, log.outcome) for log in logs] == [
        (201, "success"),
        (201, "success"),
        (422, "rejected"),
        (422, "rejected"),
        (409, "rejected"),
    ]
    assert [log.request_id for log in logs] == [r.headers["x-request-id"] for r in responses]
    for log in logs:
        assert (log.actor, log.actor_kind, log.action) == ("portal", "portal", "입력")
        assert (log.method, log.route) == ("POST", APPLICATIONS)


def test_a_replay_keeps_its_status() -> None:
    assert status_for_exception(IdempotentReplay(201, b"{}", {})) == 201
    assert status_for_exception(IdempotentReplay(200, b"{}", {})) == 200


# --- wiring -------------------------------------------------------------------------------------


async def test_dependency_without_principal_fails_loudly() -> None:
    request = Request({"type": "http", "method": "POST", "path": "/", "headers": [], "state": {}})
    dependency = idempotency()(request, new_key())
    with pytest.raises(RuntimeError, match="principal"):
        await anext(dependency)


def test_header_is_documented(settings: Settings, database: Database) -> None:
    operation = probe_app(settings, database).openapi()["paths"][APPLICATIONS]["post"]
    [header] = [p for p in operation["parameters"] if p["name"] == HEADER]
    assert header["in"] == "header" and "필수" in header["description"]
    assert header["schema"]["maxLength"] == 255
    assert "Idempotency-Key" in operation["responses"]["409"]["description"]


# --- committed transactions: real concurrency ---------------------------------------------------


@pytest.fixture(scope="module")
def idem_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_idempotency")) as urls:
        yield urls


@pytest.fixture(scope="module")
async def committed(settings: Settings, idem_urls: DatabaseUrls) -> AsyncIterator[CommittedApp]:
    baseline = await load_baseline(idem_urls.owner)
    # A request holds its session's connection while it claims its key on a second one; two
    # requests at once need three.
    database = create_database(idem_urls.app, pool_size=3)
    app = CommittedApp(idem_urls, baseline, database, _http(probe_app(settings, database)))
    yield app
    await app.close()


async def _post(committed: CommittedApp, key: str, body: object) -> httpx.Response:
    headers = committed.headers("portal", **{HEADER: key})
    return await asyncio.wait_for(committed.client.post(APPLICATIONS, json=body, headers=headers), 10)


async def _hold_first_request(
    committed: CommittedApp, probe: Probe, key: str, body: object
) -> tuple[asyncio.Task[httpx.Response], asyncio.Event]:
    """Starts a request that stops inside the route, its claim committed, until the returned event
    is set. Later requests run straight through."""
    started, proceed = asyncio.Event(), asyncio.Event()
    probe.started, probe.proceed = started, proceed
    first = asyncio.create_task(_post(committed, key, body))
    await asyncio.wait_for(started.wait(), 10)
    probe.started = probe.proceed = None
    return first, proceed


async def test_concurrent_duplicate_gets_409_while_the_first_runs(
    committed: CommittedApp, probe: Probe
) -> None:
    key, body = new_key(), {"program": "livelihood"}
    first, proceed = await _hold_first_request(committed, probe, key, body)
    try:
        duplicate = await _post(committed, key, body)
    finally:
        proceed.set()
    assert_problem(duplicate, 409, "/idempotency-key-in-flight")
    assert duplicate.headers["retry-after"] == "1"
    done = await first
    assert done.status_code == 201 and probe.runs == 1
    replay = await _post(committed, key, body)
    assert replay.status_code == 201 and replay.content == done.content
    assert replay.headers["location"] == done.headers["location"]
    assert probe.runs == 1


async def test_stale_claim_is_taken_over_and_its_first_owner_rolls_back(
    committed: CommittedApp, probe: Probe
) -> None:
    """The first request outlives the in-flight timeout: a repeat takes the key over and does the
    work; when the first finally answers, its claim is no longer its own, so it rolls back (409)
    rather than do the work a second time."""
    key, body = new_key(), {"program": "livelihood"}
    first, proceed = await _hold_first_request(committed, probe, key, body)
    try:
        await set_record(committed.database, key, created_at=func.clock_timestamp() - timedelta(minutes=2))
        taken = await _post(committed, key, body)
    finally:
        proceed.set()
    assert taken.status_code == 201 and probe.runs == 2
    assert_problem(await first, 409, "/idempotency-key-in-flight")
    replay = await _post(committed, key, body)
    assert replay.content == taken.content and probe.runs == 2


@pytest.mark.parametrize(
    ("when", "slug"), [("before", "/invalid-input"), ("after", "/invalid-input"), ("body", "/validation")]
)
async def test_failure_releases_the_key_for_real(
    committed: CommittedApp, probe: Probe, when: str, slug: str
) -> None:
    """With committed transactions the claim outlives the request's rollback, so only the release
    frees the key: after the route failed before or after `respond` (then the answer rolls back with
    the work, and the release must come after the request's transaction and its lock on the record
    are gone), or after the body failed validation, the key already claimed."""
    key, body = new_key(), {"program": "livelihood"}
    probe.fail = when
    assert_problem(await _post(committed, key, [1, 2] if when == "body" else body), 422, slug)
    assert await records(committed.database, key) == []
    probe.fail = None
    retried = await _post(committed, key, body)
    assert retried.status_code == 201 and probe.runs == (1 if when == "body" else 2)
    [record] = await records(committed.database, key)
    assert record.state == "completed" and record.response == retried.content
