"""접속기록 tamper detection. An attacker with full powers over the tables (the superuser) changes,
removes or truncates committed records; `verify_chain`, `GET /api/v1/audit/verify` and
`ieum audit verify` must name the first broken link. Each tampering is undone afterwards, so the
chain is intact again at the start of every test.

Needs committed data, so it runs on a database of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from api.admin_session import owner_session
from api.audit.verify import VerifyReport, verify_chain
from api.config import Settings
from api.database_server import DatabaseUrls
from tests.committed_db import CommittedApp, attacker_dsn, committed_name, committed_urls

LANES = 16


@pytest.fixture(scope="module")
def tamper_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_tamper")) as urls:
        yield urls


@pytest.fixture(scope="module")
async def tamper_app(settings: Settings, tamper_urls: DatabaseUrls) -> AsyncIterator[CommittedApp]:
    app = await CommittedApp.start(settings, tamper_urls)
    own, spouse = app.baseline.people["own"], app.baseline.people["own_spouse"]
    investigator = app.headers("t.investigator")
    requests = [
        app.client.get(f"/api/v1/persons/{own}", headers=investigator),
        app.client.get(f"/api/v1/persons/{spouse}", headers=investigator),
        app.client.post("/api/v1/persons/search", json={"name": "김청운"}, headers=investigator),
        app.client.post(
            "/api/v1/persons/lookup", json={"rrn": app.baseline.rrns["own"]}, headers=investigator
        ),
        app.client.post(f"/api/v1/persons/{own}/rrn", json={"reason": "본인 확인"}, headers=investigator),
        app.client.get(f"/api/v1/households/{app.baseline.households['own']}", headers=investigator),
        app.client.get(f"/api/v1/persons/{app.baseline.people['other']}", headers=investigator),
    ]
    for request in requests:
        assert (await request).status_code in (200, 404)
    yield app
    await app.close()


@pytest.fixture
async def attacker(settings: Settings, tamper_urls: DatabaseUrls) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(**attacker_dsn(settings, tamper_urls))
    yield conn
    await conn.close()


async def verify(urls: DatabaseUrls) -> VerifyReport:
    async with owner_session(urls.owner) as session:
        return await verify_chain(session)


async def verify_api(app: CommittedApp) -> dict[str, Any]:
    response = await app.client.get("/api/v1/audit/verify", headers=app.headers("t.privacy_officer"))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def longest_lane(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    """The records (id, lane, lane_seq) of the lane with the most records, in order."""
    lane = await conn.fetchval("SELECT lane FROM access_logs GROUP BY lane ORDER BY count(*) DESC LIMIT 1")
    rows = await conn.fetch(
        "SELECT id, lane, lane_seq FROM access_logs WHERE lane = $1 ORDER BY lane_seq", lane
    )
    assert len(rows) >= 3, "the fixture should write several records to one lane"
    return list(rows)


@asynccontextmanager
async def removed(conn: asyncpg.Connection, record_id: int) -> AsyncIterator[None]:
    """Deletes a record and puts it back, byte for byte, afterwards."""
    snapshot = await conn.fetchval("SELECT row_to_json(a)::text FROM access_logs a WHERE id = $1", record_id)
    await conn.execute("DELETE FROM access_logs WHERE id = $1", record_id)
    try:
        yield
    finally:
        await conn.execute(
            "INSERT INTO access_logs SELECT * FROM json_populate_record(NULL::access_logs, $1::json)",
            snapshot,
        )


@asynccontextmanager
async def altered(conn: asyncpg.Connection, record_id: int) -> AsyncIterator[None]:
    actor = await conn.fetchval("SELECT actor FROM access_logs WHERE id = $1", record_id)
    await conn.execute("UPDATE access_logs SET actor = 'intruder' WHERE id = $1", record_id)
    try:
        yield
    finally:
        await conn.execute("UPDATE access_logs SET actor = $2 WHERE id = $1", record_id, actor)


async def test_intact_chain_verifies(tamper_app: CommittedApp, attacker: asyncpg.Connection) -> None:
    total = await attacker.fetchval("SELECT count(*) FROM access_logs")
    assert total == 7
    report = await verify(tamper_app.urls)
    assert report == VerifyReport(ok=True, records_checked=total, lanes=LANES, first_broken=None)
    body = await verify_api(tamper_app)
    assert body == {"ok": True, "records_checked": total, "lanes": LANES, "first_broken": None}


async def test_altered_record_is_named(tamper_app: CommittedApp, attacker: asyncpg.Connection) -> None:
    target = (await longest_lane(attacker))[1]
    async with altered(attacker, target["id"]):
        report = await verify(tamper_app.urls)
        assert not report.ok and report.first_broken is not None
        assert report.first_broken.record_id == target["id"]
        assert (report.first_broken.lane, report.first_broken.lane_seq) == (
            target["lane"],
            target["lane_seq"],
        )
        assert "altered" in report.first_broken.reason
        body = await verify_api(tamper_app)
        assert body["ok"] is False
        assert body["first_broken"]["record_id"] == target["id"]
    assert (await verify(tamper_app.urls)).ok
    assert (await verify_api(tamper_app))["ok"] is True


async def test_removed_middle_record_breaks_at_the_next(
    tamper_app: CommittedApp, attacker: asyncpg.Connection
) -> None:
    lane = await longest_lane(attacker)
    middle, following = lane[1], lane[2]
    async with removed(attacker, middle["id"]):
        report = await verify(tamper_app.urls)
        assert not report.ok and report.first_broken is not None
        assert report.first_broken.record_id == following["id"]
        assert report.first_broken.lane == middle["lane"]
        assert report.first_broken.lane_seq == middle["lane_seq"]
        assert "missing" in report.first_broken.reason
    assert (await verify(tamper_app.urls)).ok


async def test_removed_last_record_is_caught_by_the_lane_head(
    tamper_app: CommittedApp, attacker: asyncpg.Connection
) -> None:
    last = (await longest_lane(attacker))[-1]
    async with removed(attacker, last["id"]):
        report = await verify(tamper_app.urls)
        assert not report.ok and report.first_broken is not None
        assert report.first_broken.record_id is None
        assert (report.first_broken.lane, report.first_broken.lane_seq) == (last["lane"], last["lane_seq"])
        assert "removed" in report.first_broken.reason
        assert (await verify_api(tamper_app))["first_broken"]["record_id"] is None
    assert (await verify(tamper_app.urls)).ok


async def test_forged_head_after_truncation_still_breaks_the_chain(
    tamper_app: CommittedApp, attacker: asyncpg.Connection
) -> None:
    """Removing the tail and winding the head back by one still leaves a head hash that does not match."""
    last = (await longest_lane(attacker))[-1]
    head = await attacker.fetchrow(
        "SELECT last_seq, last_hash FROM audit_chain_heads WHERE lane = $1", last["lane"]
    )
    async with removed(attacker, last["id"]):
        await attacker.execute(
            "UPDATE audit_chain_heads SET last_seq = last_seq - 1 WHERE lane = $1", last["lane"]
        )
        try:
            report = await verify(tamper_app.urls)
            assert report.first_broken is not None and report.first_broken.lane == last["lane"]
        finally:
            await attacker.execute(
                "UPDATE audit_chain_heads SET last_seq = $2, last_hash = $3 WHERE lane = $1",
                last["lane"],
                head["last_seq"],
                head["last_hash"],
            )
    assert (await verify(tamper_app.urls)).ok


async def test_inserted_record_outside_every_chain_is_caught(
    tamper_app: CommittedApp, attacker: asyncpg.Connection
) -> None:
    """A row copied in with a sequence number no lane head issued (it did not come through
    audit_append) is reported, though every chain is itself intact."""
    source = (await longest_lane(attacker))[0]
    forged = await attacker.fetchval(
        "INSERT INTO access_logs (lane, lane_seq, occurred_at, request_id, actor, actor_kind, actor_sigungu,"
        " client_ip, subjects, resource, action, purpose, method, route, status, outcome, content_hash,"
        " chain_hash) SELECT lane, 0, occurred_at, request_id, 'forger', actor_kind, actor_sigungu,"
        " client_ip, subjects, resource, action, purpose, method, route, status, outcome, content_hash,"
        " chain_hash FROM access_logs WHERE id = $1 RETURNING id",
        source["id"],
    )
    try:
        report = await verify(tamper_app.urls)
        assert not report.ok and report.first_broken is not None
        assert report.first_broken.record_id == forged
        assert "outside every chain" in report.first_broken.reason
    finally:
        await attacker.execute("DELETE FROM access_logs WHERE id = $1", forged)
    assert (await verify(tamper_app.urls)).ok


def run_cli(urls: DatabaseUrls, *args: str) -> subprocess.CompletedProcess[str]:
    assert urls.app_password is not None
    env = os.environ | {
        "DATABASE_URL": urls.owner,
        "IEUM_APP_DB_PASSWORD": urls.app_password,
        "IEUM_VAR_DIR": os.environ["IEUM_VAR_DIR"],
        "COLUMNS": "250",
    }
    env.pop("IEUM_APP_DATABASE_URL", None)
    ieum = Path(sys.executable).parent / "ieum"
    return subprocess.run(
        [str(ieum), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


async def test_cli_verify(tamper_app: CommittedApp, attacker: asyncpg.Connection) -> None:
    assert make_url(tamper_app.urls.owner).database == committed_name("ieum_tamper")
    intact = run_cli(tamper_app.urls, "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert "모두 정상" in intact.stdout
    target = (await longest_lane(attacker))[0]
    async with altered(attacker, target["id"]):
        broken = run_cli(tamper_app.urls, "audit", "verify")
    assert broken.returncode == 1, broken.stdout
    assert f"record {target['id']} (lane {target['lane']}, seq {target['lane_seq']})" in broken.stderr
    assert "altered" in broken.stderr
    assert run_cli(tamper_app.urls, "audit", "verify").returncode == 0
