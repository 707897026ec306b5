"""Test fixtures. One fresh, migrated database per run; every test runs inside a transaction that is
rolled back, so tests never see each other's writes. Baseline accounts and residents are committed
once per run."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("IEUM_VAR_DIR", str(ROOT / "var" / "test"))
# Contract and property tests call the public simulation far faster than any client may; the limit
# itself is tested with an app of its own.
os.environ.setdefault("IEUM_SIMULATION_RATE_PER_MINUTE", "1000000")
os.environ.setdefault("IEUM_CERTIFICATE_VERIFY_RATE_PER_MINUTE", "1000000")
(ROOT / "var" / "test").mkdir(parents=True, exist_ok=True)

import httpx  # noqa: E402
import pytest  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine  # noqa: E402

from api.config import Settings, get_settings  # noqa: E402
from api.database_server import DatabaseUrls  # noqa: E402
from api.db import Database  # noqa: E402
from api.main import create_app  # noqa: E402
from tests.baseline import Baseline, load_baseline  # noqa: E402
from tests.dbsetup import drop_database, fresh_database  # noqa: E402
from tests.tokens import mint_token  # noqa: E402

# One database per pytest process, so parallel runs on one machine do not trample each other.
TEST_DATABASE = f"ieum_test_{os.getpid()}"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def db_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    yield fresh_database(settings, TEST_DATABASE)
    drop_database(settings, TEST_DATABASE)


@pytest.fixture(scope="session")
async def app_engine(db_urls: DatabaseUrls) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(db_urls.app, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def baseline(db_urls: DatabaseUrls) -> Baseline:
    return await load_baseline(db_urls.owner)


@pytest.fixture
async def database(app_engine: AsyncEngine) -> AsyncIterator[Database]:
    """A Database whose sessions all join one outer transaction, rolled back after the test. A
    request's commit releases a savepoint; its rollback returns to the savepoint."""
    async with app_engine.connect() as conn:
        outer = await conn.begin()
        maker = async_sessionmaker(
            bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        yield Database(app_engine, maker)
        await outer.rollback()


@pytest.fixture(scope="session")
def shared_app(settings: Settings) -> FastAPI:
    """One app for the whole run: FastAPI prepares each route on the first request an app matches,
    which for a new app per test cost a third of a second, over thousands of tests."""
    return create_app(settings)


@pytest.fixture
async def client(database: Database, shared_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    app = shared_app
    app.state.database = database  # this test's rolled-back transaction
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@dataclass
class Auth:
    baseline: Baseline

    def headers(self, username: str, **kwargs: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username, **kwargs)}"}

    def token(self, username: str, **kwargs: object) -> str:
        return mint_token(self.baseline.account(username), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def auth(baseline: Baseline) -> Auth:
    return Auth(baseline)


@pytest.fixture
def new_id() -> Callable[[], uuid.UUID]:
    return uuid.uuid4
