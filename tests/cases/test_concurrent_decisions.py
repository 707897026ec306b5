"""50 decision-makers' requests on one case at once, on a committed database with real concurrent
transactions: exactly one wins, every other gets 409, nothing is decided twice, and every attempt is
in the 접속기록."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import text

from api.config import Settings
from api.database_server import DatabaseUrls
from api.db import Database
from tests.cases.test_workflow_api import COUPLE_HEAD, COUPLE_SPOUSE, FACTS
from tests.cases.workflow import CaseApi, committed_case_api
from tests.committed_db import committed_name, committed_urls

CONCURRENT = 50


@pytest.fixture(scope="module")
def race_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_race")) as urls:
        yield urls


@pytest.fixture
async def race(settings: Settings, race_urls: DatabaseUrls) -> AsyncIterator[tuple[CaseApi, Database]]:
    async with committed_case_api(settings, race_urls, pool_size=10) as world:
        yield world


@pytest.mark.slow
async def test_fifty_concurrent_decisions_one_wins(race: tuple[CaseApi, Database]) -> None:
    cases, database = race
    head = await cases.person("500302-1000301", "경쟁노인", COUPLE_HEAD)
    spouse = await cases.person("520505-2000302", "경쟁배우자", COUPLE_SPOUSE)
    household = await cases.household(head, (spouse, "spouse"))
    application = await cases.apply(head, household, ["basic_pension"])
    await cases.investigate(application["id"], FACTS)
    proposal = await cases.proposal(application["id"], "basic_pension")
    body = {
        "application_id": application["id"],
        "program": "basic_pension",
        "outcome": "approved",
        "case_version": proposal["case_version"],
    }
    headers = cases.as_("t.decision_maker")
    responses = await asyncio.gather(
        *(cases.client.post("/api/v1/decisions", json=body, headers=headers) for _ in range(CONCURRENT))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (CONCURRENT - 1), [r.text for r in responses if r.status_code >= 500]
    for response in responses:
        if response.status_code == 409:
            assert response.headers["content-type"].startswith("application/problem+json")

    async with database.engine.connect() as conn:
        await conn.execute(text("SELECT set_config('ieum.sigungu', '11110', false)"))
        decisions = await conn.scalar(
            text("SELECT count(*) FROM decisions WHERE application_id = :a"), {"a": application["id"]}
        )
        entitlements = await conn.scalar(
            text(
                "SELECT count(*) FROM entitlements e JOIN decisions d ON d.id = e.decision_id"
                " WHERE d.application_id = :a"
            ),
            {"a": application["id"]},
        )
        logged = (
            await conn.execute(
                text(
                    "SELECT status, count(*) FROM access_logs WHERE route = '/api/v1/decisions'"
                    " AND method = 'POST' AND CAST(:p AS uuid) = ANY (subjects) GROUP BY status"
                ),
                {"p": head},
            )
        ).all()
    assert decisions == 1
    assert entitlements == 2  # one 기초연금 per pensioner, granted once
    assert dict(logged) == {201: 1, 409: CONCURRENT - 1}
