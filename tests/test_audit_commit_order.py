"""A read's 접속기록 is committed before the response starts: checked at the moment the ASGI app
sends `http.response.start`, from a separate connection, on a database with real commits."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from api.config import Settings
from api.database_server import DatabaseUrls, asyncpg_connect_args
from api.db import create_database
from api.main import create_app
from tests.baseline import Baseline, load_baseline
from tests.dbsetup import drop_database, fresh_database
from tests.tokens import mint_token


@pytest.fixture(scope="module")
async def committed(settings: Settings) -> AsyncIterator[tuple[DatabaseUrls, Baseline]]:
    name = f"ieum_order_{os.getpid()}"
    urls = fresh_database(settings, name)
    yield urls, await load_baseline(urls.owner)
    drop_database(settings, name)


async def _count(urls: DatabaseUrls, person: str) -> int:
    conn = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        count: int = await conn.fetchval("SELECT count(*) FROM access_logs WHERE $1 = ANY(subjects)", person)
        return count
    finally:
        await conn.close()


async def test_record_is_committed_before_the_response_starts(
    committed: tuple[DatabaseUrls, Baseline], settings: Settings
) -> None:
    urls, baseline = committed
    person = baseline.people["own"]
    database = create_database(urls.app, pool_size=2)
    app = create_app(settings, database)
    token = mint_token(baseline.account("t.investigator"))
    before = await _count(urls, str(person))
    seen_at_start: list[int] = []
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
            seen_at_start.append(await _count(urls, str(person)))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/api/v1/persons/{person}",
        "raw_path": f"/api/v1/persons/{person}".encode(),
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {token}".encode())],
    }
    try:
        await app(scope, receive, send)
    finally:
        await database.engine.dispose()
    assert status == [200]
    assert seen_at_start == [before + 1]
