"""중복지원 차단 across 시군구: a pensioner granted 기초연금 in 중구 moves to 종로구 and applies again;
the 종로구 decision is blocked with the reason and the granting 시군구, although 종로구 cannot see
중구's entitlements. Committed database: the move is a registry change made outside the API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from sqlalchemy import text

from api.admin_session import owner_session
from api.config import Settings
from api.connectors.factory import subject_key
from api.database_server import DatabaseUrls
from api.keys import get_keys
from tests.baseline import CHEONGUN, OTHER, OWN
from tests.cases.test_workflow_api import COUPLE_HEAD
from tests.cases.workflow import NOTICE, CaseApi, committed_case_api
from tests.committed_db import committed_name, committed_urls

JUNGGU = {"sigungu_code": OTHER, "emd_code": None, "emd_name": None, "address": "퇴계로 9"}


@pytest.fixture(scope="module")
def moved_urls(settings: Settings) -> Iterator[DatabaseUrls]:
    with committed_urls(settings, committed_name("ieum_moved")) as urls:
        yield urls


@pytest.fixture
async def world(settings: Settings, moved_urls: DatabaseUrls) -> AsyncIterator[tuple[CaseApi, DatabaseUrls]]:
    async with committed_case_api(settings, moved_urls) as (cases, _):
        yield cases, moved_urls


async def post(cases: CaseApi, path: str, body: dict[str, Any], user: str) -> dict[str, Any]:
    response = await cases.client.post(path, json=body, headers=cases.as_(user))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def grant_in_junggu(cases: CaseApi) -> tuple[str, str]:
    """Registers a lone pensioner in 중구 and grants 기초연금 there, all through 중구's officials."""
    person = await post(
        cases,
        "/api/v1/persons",
        {"name": "이사간", "rrn": "480808-1000401", "address": JUNGGU},
        "o.investigator",
    )
    cases.overrides[subject_key(get_keys(), "4808081000401")] = COUPLE_HEAD
    household = await post(
        cases, "/api/v1/households", {"head_person_id": person["id"], "address": JUNGGU}, "o.investigator"
    )
    application = await post(
        cases,
        "/api/v1/applications",
        {
            "applicant_person_id": person["id"],
            "household_id": household["id"],
            "programs": ["basic_pension"],
            "channel": "visit",
            "applied_on": "2026-11-02",
            "privacy_notice": NOTICE,
        },
        "o.intake",
    )
    investigation = await post(
        cases, "/api/v1/investigations", {"application_id": application["id"]}, "o.investigator"
    )
    done = await cases.client.post(
        f"/api/v1/investigations/{investigation['id']}/completion",
        json={"version": investigation["version"]},
        headers=cases.as_("o.investigator"),
    )
    assert done.status_code == 200, done.text
    proposal = await cases.client.get(
        "/api/v1/decisions/proposal",
        params={"application_id": application["id"], "program": "basic_pension"},
        headers=cases.as_("o.decision_maker"),
    )
    body = {
        "application_id": application["id"],
        "program": "basic_pension",
        "outcome": "approved",
        "case_version": proposal.json()["case_version"],
    }
    await post(cases, "/api/v1/decisions", body, "o.decision_maker")
    return person["id"], household["id"]


async def move_to_jongno(urls: DatabaseUrls, person: str, household: str) -> None:
    """The 전입: the person's registration and household move to 종로구 청운동."""
    async with owner_session(urls.owner) as session:
        for table, key in (("persons", person), ("households", household)):
            await session.execute(
                text(
                    f"UPDATE {table} SET sigungu_code = :s, emd_code = :e, emd_name = '청운동',"
                    " address = '자하문로 300' WHERE id = :id"
                ),
                {"s": OWN, "e": CHEONGUN, "id": key},
            )


@pytest.mark.slow
async def test_a_benefit_held_in_another_sigungu_blocks_the_decision(
    world: tuple[CaseApi, DatabaseUrls],
) -> None:
    cases, urls = world
    person, household = await grant_in_junggu(cases)
    await move_to_jongno(urls, person, household)

    # 종로구 cannot see 중구's entitlement …
    hidden = await cases.client.get(
        f"/api/v1/entitlements?person_id={person}", headers=cases.as_("t.decision_maker")
    )
    assert hidden.status_code == 200 and hidden.json() == []
    # … but the decision still finds it.
    application = await cases.apply(person, household, ["basic_pension", "livelihood"])
    await cases.investigate(application["id"])
    proposal = await cases.proposal(application["id"], "basic_pension")
    assert proposal["eligible"] is True
    assert proposal["exclusivity"]["verdict"] == "blocked"
    assert any("기초연금" in r and OTHER in r for r in proposal["exclusivity"]["reasons"])

    blocked = await cases.decide(application["id"], "basic_pension")
    assert blocked.status_code == 409
    problem = blocked.json()
    assert "중복지원" in problem["detail"] and "기초연금" in problem["detail"] and OTHER in problem["detail"]
    assert problem["errors"] == [{"field": "exclusivity", "message": "blocked", "code": "blocked"}]

    # Rejecting for 중복지원 is what the decision-maker can do instead; other programs are unaffected.
    rejected = await cases.decide(
        application["id"], "basic_pension", outcome="rejected", reason_codes=["duplicate_benefit"]
    )
    assert rejected.status_code == 201, rejected.text
    assert rejected.json()["reasons"] == ["같은 목적의 급여를 이미 받고 있어 중복하여 지급할 수 없습니다."]
