"""Property-based contract tests: schemathesis drives every operation of the app's OpenAPI document
against the in-process app, signed in as officials of 종로구 (11110), with all default checks:
no 5xx, only documented statuses, content types, headers and bodies, invalid requests rejected,
valid ones accepted, authentication enforced, 405 with a correct `Allow`.

Each operation runs on one database transaction that is rolled back afterwards (checked)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.routing import iter_route_contexts
from hypothesis import HealthCheck, settings
from schemathesis.python import asgi as schemathesis_asgi
from schemathesis.specs.openapi.checks import negative_data_rejection
from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncTransaction,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.config import Settings, get_settings
from api.database_server import DatabaseUrls, run_blocking
from api.db import Database
from api.main import create_app
from tests.baseline import CHEONGUN, OWN, PASSWORD, Baseline
from tests.conftest import Auth

MAX_EXAMPLES = 25
# The official who signs in for an operation, by the operation's tag: the duty that owns it, so
# most calls get past the guard and into the route.
BY_DUTY = "by-duty"
ACCOUNT_FOR_TAG = {
    "officials": "t.admin",
    "audit": "t.privacy_officer",
    "applications": "t.intake",
    "decisions": "t.decision_maker",
    "entitlements": "t.decision_maker",
}
# The second pass: an intake worker limited to one 읍면동, without the rrn, admin or audit duties.
NARROW = "t.emd.intake"

VALIDATION_PROBLEM = "https://ieum.go.kr/problems/validation"
# RFC 6265: a cookie value cannot carry these. A generated value with one reaches the app cut short
# (at `;`) or re-quoted, so what the app judged is not the value schemathesis meant to send.
COOKIE_UNSAFE = frozenset('",;\\ \t')
TABLES = ("persons", "households", "household_members", "family_relations", "officials", "access_logs")


class RolledBackApp:
    """The API on one database transaction that is rolled back at the end.

    schemathesis serves an ASGI app from an event loop of its own, so the connection is opened
    there: the lifespan startup opens it and begins the outer transaction (each request then works
    in a savepoint, as with the `database` fixture); the lifespan shutdown rolls it all back."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = ""
        self._app: ASGIApp | None = None
        self._engine: AsyncEngine | None = None
        self._conn: AsyncConnection | None = None
        self._outer: AsyncTransaction | None = None

    async def _start(self) -> None:
        self._engine = create_async_engine(self.url, poolclass=NullPool)
        self._conn = await self._engine.connect()
        self._outer = await self._conn.begin()
        maker = async_sessionmaker(
            bind=self._conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        self._app = create_app(self.settings, Database(self._engine, maker))

    async def _stop(self) -> None:
        assert self._outer is not None and self._conn is not None and self._engine is not None
        await self._outer.rollback()
        await self._conn.close()
        await self._engine.dispose()
        self._app = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            assert self._app is not None, "lifespan not started"
            await self._app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self._start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260101,
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
        "checks": {
            # A schema-valid request may still break a business rule the schema cannot state (an
            # address outside the caller's 시군구, 2월 30일 in a 주민등록번호, a relation to oneself):
            # 422 `invalid-input`. `schema_valid_passes_validation` keeps the stricter half.
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409", "422"]},
        },
    }
)

APP = RolledBackApp(get_settings())
# The document the app serves (the committed openapi.yaml is rendered from it).
schema = schemathesis.openapi.from_dict(create_app(get_settings()).openapi(), config=CONFIG)
schema.app = APP


def schema_valid_passes_validation(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """What the document promises, request validation accepts: a schema-valid request never gets
    the 422 `validation` problem, except from a rule beyond JSON Schema (a model validator's
    cross-field check, code `value_error`)."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 422:
        return
    body = response.json()
    if body.get("type") == VALIDATION_PROBLEM and any(
        error["code"] != "value_error" for error in body.get("errors", [])
    ):
        raise AssertionError(f"schema-valid request failed request validation: {body['errors']}")


@pytest.fixture(scope="session")
def known(baseline: Baseline) -> dict[str, list[Any]]:
    """Values that exist in this run's database, by parameter or body property name."""
    people = [str(baseline.people[key]) for key in ("own", "own_spouse", "own_other_emd", "other")]
    # Not the accounts that sign in here: a change of their grants would void their tokens.
    officials = ("t.intake", "t.decision_maker", "t.payment_officer", "o.admin")
    return {
        "person_id": people,
        "head_person_id": people,
        "related_person_id": people,
        "household_id": [str(baseline.households[key]) for key in ("own", "other")],
        "official_id": [str(baseline.account(name).id) for name in officials],
        "rrn": list(baseline.rrns.values()),
        "emd_code": [None, CHEONGUN],
        "sigungu_code": [OWN],
        "password": [PASSWORD],
        "programs": [["livelihood"], ["livelihood", "basic_pension"]],
        "version": [1],
    }


def _aim_at_known_data(case: schemathesis.Case, known: dict[str, list[Any]]) -> None:
    """Random ids only ever read as 404, random 주민등록번호 and 시군구 as 422. So half of the
    schema-valid cases get values that exist in 종로구 (or a new, real-looking number): the run then
    also reaches the routes' success and conflict paths. The values stay schema-valid."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    rng = random.Random(repr((case.operation.label, case.path_parameters, case.body)))
    if rng.random() < 0.5:
        return
    targets = [case.path_parameters or {}]
    if isinstance(case.body, dict):
        targets.append(case.body)
        if isinstance(case.body.get("address"), dict):
            targets.append(case.body["address"])
    for target in targets:
        for name in target.keys() & known.keys():
            target[name] = rng.choice(known[name])
    if isinstance(case.body, dict) and "rrn" in case.body and rng.random() < 0.5:
        born = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        case.body["rrn"] = f"{born}-{rng.choice('1256')}{rng.randint(0, 999_999):06d}"


def _cookies_survive_the_wire(case: schemathesis.Case) -> bool:
    return all(
        isinstance(value, str) and value.isascii() and value.isprintable() and COOKIE_UNSAFE.isdisjoint(value)
        for value in (case.cookies or {}).values()
    )


async def _row_counts(url: str) -> dict[str, int]:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return {t: (await conn.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one() for t in TABLES}
    finally:
        await engine.dispose()


@pytest.fixture
def rolled_back(db_urls: DatabaseUrls) -> Iterator[RolledBackApp]:
    """Points the app at this run's database; afterwards ends its lifespan (the rollback) and checks
    that nothing the operation's requests wrote is left."""
    before = run_blocking(_row_counts(db_urls.owner))
    APP.url = db_urls.app
    yield APP
    schemathesis_asgi.shutdown_lifespans()
    assert run_blocking(_row_counts(db_urls.owner)) == before


@pytest.fixture(params=[BY_DUTY, NARROW])
def signed_in_as(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_contract(
    case: schemathesis.Case,
    auth: Auth,
    known: dict[str, list[Any]],
    rolled_back: RolledBackApp,
    signed_in_as: str,
) -> None:
    _aim_at_known_data(case, known)
    username = signed_in_as
    if signed_in_as == BY_DUTY:
        username = ACCOUNT_FOR_TAG.get((case.operation.tags or [""])[0], "t.investigator")
    case.call_and_validate(
        headers=auth.headers(username),
        additional_checks=[schema_valid_passes_validation],
        # A cookie the wire cannot carry intact says nothing about how the app treats bad input.
        excluded_checks=[] if _cookies_survive_the_wire(case) else [negative_data_rejection],
    )


def test_document_covers_every_route() -> None:
    """The run above is only as wide as the document: every route of the app is in it."""
    routed = {
        (method.lower(), route.path_format)
        for route in iter_route_contexts(create_app(get_settings()).routes)  # into included routers
        if getattr(route, "include_in_schema", False)
        for method in route.methods or ()
    }
    documented = {(method, path) for path, item in schema.raw_schema["paths"].items() for method in item}
    assert routed == documented
    assert len(documented) >= 25
