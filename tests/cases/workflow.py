"""Helpers for the case-workflow API tests: an app whose linked-data simulator holds fixed records for
the people a test registers, and the steps of a case as API calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.connectors.factory import subject_key
from api.connectors.overrides import Override
from api.connectors.simulator import PublicDataSimulator
from api.keys import get_keys
from tests.baseline import CHEONGUN, OWN
from tests.conftest import Auth

NOTICE = {"version": "2026-01", "given_on": "2026-11-02"}
ADDRESS = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 77"}


@dataclass
class CaseApi:
    client: httpx.AsyncClient
    auth: Auth
    overrides: dict[str, Override] = field(default_factory=dict)

    def as_(self, username: str) -> dict[str, str]:
        return self.auth.headers(username)

    async def person(self, rrn: str, name: str, override: Override | None = None, **extra: Any) -> str:
        body = {"name": name, "rrn": rrn, "address": {**ADDRESS, **extra.pop("address", {})}, **extra}
        response = await self.client.post("/api/v1/persons", json=body, headers=self.as_("t.investigator"))
        assert response.status_code == 201, response.text
        if override is not None:
            self.overrides[subject_key(get_keys(), rrn.replace("-", ""))] = override
        return str(response.json()["id"])

    async def household(self, head: str, *members: tuple[str, str]) -> str:
        response = await self.client.post(
            "/api/v1/households",
            json={"head_person_id": head, "address": ADDRESS},
            headers=self.as_("t.investigator"),
        )
        assert response.status_code == 201, response.text
        household = str(response.json()["id"])
        for person, relation in members:
            joined = await self.client.post(
                f"/api/v1/households/{household}/members",
                json={"person_id": person, "relation": relation, "joined_on": "2025-01-01"},
                headers=self.as_("t.investigator"),
            )
            assert joined.status_code == 201, joined.text
        return household

    async def apply(
        self, applicant: str, household: str, programs: list[str], **extra: Any
    ) -> dict[str, Any]:
        body = {
            "applicant_person_id": applicant,
            "household_id": household,
            "programs": programs,
            "channel": "visit",
            "applied_on": "2026-11-02",
            "privacy_notice": NOTICE,
            **extra,
        }
        response = await self.client.post("/api/v1/applications", json=body, headers=self.as_("t.intake"))
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def investigate(self, application_id: str, facts: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/api/v1/investigations",
            json={"application_id": application_id},
            headers=self.as_("t.investigator"),
        )
        assert response.status_code == 201, response.text
        investigation: dict[str, Any] = response.json()
        if facts is not None:
            response = await self.client.put(
                f"/api/v1/investigations/{investigation['id']}/facts",
                json={"facts": facts, "reason": "임대차계약서 확인", "version": investigation["version"]},
                headers=self.as_("t.investigator"),
            )
            assert response.status_code == 200, response.text
            investigation = response.json()
        response = await self.client.post(
            f"/api/v1/investigations/{investigation['id']}/completion",
            json={"version": investigation["version"]},
            headers=self.as_("t.investigator"),
        )
        assert response.status_code == 200, response.text
        completed: dict[str, Any] = response.json()
        return completed

    async def proposal(
        self, application_id: str, program: str, user: str = "t.decision_maker"
    ) -> dict[str, Any]:
        response = await self.client.get(
            "/api/v1/decisions/proposal",
            params={"application_id": application_id, "program": program},
            headers=self.as_(user),
        )
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def decide(
        self,
        application_id: str,
        program: str,
        outcome: str = "approved",
        user: str = "t.decision_maker",
        **extra: Any,
    ) -> httpx.Response:
        proposal = await self.proposal(application_id, program)
        body = {
            "application_id": application_id,
            "program": program,
            "outcome": outcome,
            "case_version": proposal["case_version"],
            **extra,
        }
        return await self.client.post("/api/v1/decisions", json=body, headers=self.as_(user))


async def case_client(
    app: Any, database: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, PublicDataSimulator]]:
    """The shared app on this test's database, with a fresh simulator the test may give records to."""
    app.state.database = database
    simulator = app.state.connector = PublicDataSimulator(2026)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http, simulator
    finally:
        del app.state.connector  # other tests get the configured connector again


@asynccontextmanager
async def committed_case_api(
    settings: Any, urls: Any, *, pool_size: int = 2
) -> AsyncIterator[tuple[CaseApi, Any]]:
    """The case API on a committed database (real concurrent transactions, changes visible to an
    owner connection), with its baseline and a simulator the test gives records to; yields the API
    and the app's `Database`."""
    from api.db import create_database
    from api.main import create_app
    from tests.baseline import load_baseline

    baseline = await load_baseline(urls.owner)
    database = create_database(urls.app, pool_size=pool_size)
    app = create_app(settings, database)
    simulator = app.state.connector = PublicDataSimulator(2026)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield CaseApi(client, Auth(baseline), simulator.overrides), database
    finally:
        await database.engine.dispose()
