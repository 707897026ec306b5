"""A database of its own whose writes are committed, for tests that look at the data from outside
the application (a superuser tampering with the 접속기록, pg_dump, the CLI).

Use `committed_urls` from a sync module-scoped fixture (migrations run their own event loop), then
`CommittedApp.start` from an async one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy.engine import make_url

from api.config import Settings
from api.database_server import DatabaseUrls
from api.db import Database, create_database
from api.main import create_app
from tests.baseline import Baseline, load_baseline
from tests.dbsetup import drop_database, fresh_database, superuser_dsn
from tests.tokens import mint_token


def committed_name(prefix: str) -> str:
    """A database name unique to this pytest process (others run in parallel on this machine)."""
    return f"{prefix}_{os.getpid()}"


@contextmanager
def committed_urls(settings: Settings, name: str) -> Iterator[DatabaseUrls]:
    urls = fresh_database(settings, name)
    try:
        yield urls
    finally:
        drop_database(settings, name)


def attacker_dsn(settings: Settings, urls: DatabaseUrls) -> dict[str, object]:
    """Connection arguments for someone with full powers over the tables: the embedded server's
    superuser, or the owner role when the tests run against DATABASE_URL."""
    if not settings.database_url:
        return superuser_dsn(settings, urls)
    parsed = make_url(urls.owner)
    return {
        "user": parsed.username,
        "password": parsed.password,
        "database": parsed.database,
        "host": parsed.query.get("host") or parsed.host,
        "port": parsed.port,
    }


@dataclass
class CommittedApp:
    """The real app on the application role, every request in its own committed transaction."""

    urls: DatabaseUrls
    baseline: Baseline
    database: Database
    client: httpx.AsyncClient

    @classmethod
    async def start(cls, settings: Settings, urls: DatabaseUrls) -> CommittedApp:
        baseline = await load_baseline(urls.owner)
        database = create_database(urls.app, pool_size=1)
        app = create_app(settings, database)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        return cls(urls, baseline, database, client)

    async def close(self) -> None:
        await self.client.aclose()
        await self.database.engine.dispose()

    def headers(self, username: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(self.baseline.account(username))}", **extra}
