"""조사·결정 분리 is the 시군구's setting: an official holding both duties may not decide a case they
investigated, until the 시군구 allows it (`ieum sigungu duties CODE --investigator-may-decide`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from api.admin_session import owner_session
from api.cases.duty_settings import set_investigator_may_decide
from api.config import Settings
from api.database_server import DatabaseUrls
from api.security.scopes import scopes_for_roles
from tests.baseline import OWN, Account
from tests.cases.test_workflow_api import COUPLE_HEAD, COUPLE_SPOUSE
from tests.cases.workflow import CaseApi, committed_case_api
from tests.committed_db import committed_name, committed_urls

BOTH = ["investigator", "decision_maker"]


@pytest.fixture(scope="module")
def duty_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_duties")) as urls:
        yield urls


@pytest.fixture
async def world(settings: Settings, duty_urls: DatabaseUrls) -> AsyncIterator[tuple[CaseApi, DatabaseUrls]]:
    async with committed_case_api(settings, duty_urls) as (cases, _):
        yield cases, duty_urls


async def allow(urls: DatabaseUrls, value: bool) -> None:
    """What `ieum sigungu duties` does."""
    async with owner_session(urls.owner) as session:
        assert await set_investigator_may_decide(session, OWN, value) is not None


@pytest.mark.slow
async def test_the_sigungu_decides_whether_the_investigator_may_decide(
    world: tuple[CaseApi, DatabaseUrls],
) -> None:
    cases, urls = world
    made = await cases.client.post(
        "/api/v1/officials",
        json={
            "username": "t.both",
            "display_name": "겸임 담당",
            "password": "Both-duties-2026!",
            "roles": BOTH,
            "sigungu_code": OWN,
            "programs": ["basic_pension"],
        },
        headers=cases.as_("t.admin"),
    )
    assert made.status_code == 201, made.text
    scopes = frozenset(s.value for s in scopes_for_roles(BOTH))
    cases.auth.baseline.accounts["t.both"] = Account("official", made.json()["id"], "t.both", scopes, 1, OWN)

    head = await cases.person("500302-1000601", "겸임노인", COUPLE_HEAD)
    spouse = await cases.person("520505-2000602", "겸임배우자", COUPLE_SPOUSE)
    household = await cases.household(head, (spouse, "spouse"))
    application = await cases.apply(head, household, ["basic_pension"])
    started = await cases.client.post(
        "/api/v1/investigations", json={"application_id": application["id"]}, headers=cases.as_("t.both")
    )
    assert started.status_code == 201, started.text
    done = await cases.client.post(
        f"/api/v1/investigations/{started.json()['id']}/completion",
        json={"version": started.json()["version"]},
        headers=cases.as_("t.both"),
    )
    assert done.status_code == 200

    proposal = await cases.proposal(application["id"], "basic_pension", user="t.both")
    assert proposal["may_decide"] is False and "조사·결정 분리" in proposal["may_decide_reason"]
    refused = await cases.decide(application["id"], "basic_pension", user="t.both")
    assert refused.status_code == 403 and "조사·결정 분리" in refused.json()["detail"]

    await allow(urls, True)
    assert (await cases.proposal(application["id"], "basic_pension", user="t.both"))["may_decide"] is True
    decided = await cases.decide(application["id"], "basic_pension", user="t.both")
    assert decided.status_code == 201, decided.text
    await allow(urls, False)
