"""The synthetic population written into a committed database of its own, as `ieum synth
population` writes it: the counts it reports are the rows there, the application role sees each
시군구's people and rights only from that 시군구 (row-level security), a seed cannot be written twice,
`entitlements_only` writes exactly what it is asked for, and the 접속기록 chain still verifies."""

from __future__ import annotations

from collections.abc import Iterator

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from api.admin_session import owner_session
from api.audit.verify import verify_chain
from api.config import Settings
from api.database_server import DatabaseUrls, asyncpg_connect_args
from api.synthetic import AlreadyWritten, PopulationSummary, entitlements_only, write_population
from tests.committed_db import committed_name, committed_urls


@pytest.fixture(scope="module")
def synth_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_synth")) as urls:
        yield urls


@pytest.fixture(scope="module")
async def written(synth_urls: DatabaseUrls) -> PopulationSummary:
    return await write_population(synth_urls.owner, households=200, seed=5)


async def _count(urls: DatabaseUrls, sql: str, *args: object) -> int:
    conn = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        return int(await conn.fetchval(sql, *args))
    finally:
        await conn.close()


async def test_counts_reported_are_the_rows_written(
    synth_urls: DatabaseUrls, written: PopulationSummary
) -> None:
    assert written.households == 200 == await _count(synth_urls, "SELECT count(*) FROM households")
    assert written.persons == await _count(synth_urls, "SELECT count(*) FROM persons")
    assert written.total_entitlements == await _count(synth_urls, "SELECT count(*) FROM entitlements")
    for program, count in written.entitlements.items():
        assert count == await _count(
            synth_urls, "SELECT count(*) FROM entitlements WHERE program = $1", program
        )
    # Every right has its decision, first amount and grant event, as the decision service leaves it.
    assert written.total_entitlements == await _count(
        synth_urls, "SELECT count(*) FROM entitlement_amounts WHERE reason = 'initial'"
    )
    assert written.total_entitlements == await _count(
        synth_urls, "SELECT count(*) FROM entitlement_events WHERE event = 'grant'"
    )


async def test_the_app_role_sees_each_sigungu_only_from_there(
    synth_urls: DatabaseUrls, written: PopulationSummary
) -> None:
    busiest = await _count(
        synth_urls,
        "SELECT sigungu_code::int FROM entitlements GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    code = f"{busiest:05d}"
    people = await _count(synth_urls, "SELECT count(*) FROM persons WHERE sigungu_code = $1", code)
    rights = await _count(synth_urls, "SELECT count(*) FROM entitlements WHERE sigungu_code = $1", code)
    engine = create_async_engine(synth_urls.app)
    try:
        async with engine.connect() as conn, conn.begin():
            scope = "SELECT set_config('ieum.sigungu', :s, true), set_config('ieum.emd', '', true)"
            await conn.execute(text(scope), {"s": code})
            assert await conn.scalar(text("SELECT count(*) FROM persons")) == people > 0
            assert await conn.scalar(text("SELECT count(*) FROM entitlements")) == rights > 0
            assert await conn.scalar(text("SELECT count(DISTINCT sigungu_code) FROM households")) == 1
        async with engine.connect() as conn, conn.begin():
            assert await conn.scalar(text("SELECT count(*) FROM persons")) == 0  # no jurisdiction set
    finally:
        await engine.dispose()
    assert written.households > 0


async def test_a_seed_is_written_once(synth_urls: DatabaseUrls, written: PopulationSummary) -> None:
    with pytest.raises(AlreadyWritten):
        await write_population(synth_urls.owner, households=10, seed=5)
    assert await _count(synth_urls, "SELECT count(*) FROM households") == written.households


async def test_entitlements_only_writes_exactly_the_count(
    synth_urls: DatabaseUrls, written: PopulationSummary
) -> None:
    before = await _count(synth_urls, "SELECT count(*) FROM entitlements WHERE sigungu_code = '11110'")
    summary = await entitlements_only(
        synth_urls.owner, program="child_allowance", count=75, seed=9, sigungu="11110"
    )
    assert summary.entitlements == {"child_allowance": 75}
    after = await _count(synth_urls, "SELECT count(*) FROM entitlements WHERE sigungu_code = '11110'")
    assert after - before == 75
    # The load is one 접속기록 entry each time, and the chain still verifies.
    async with owner_session(synth_urls.owner) as session:
        report = await verify_chain(session)
    assert report.ok and report.records_checked >= 2
