"""What the entitlement tests send and how they read the answers."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.conftest import Auth

PROBLEM_JSON = "application/problem+json"
E = "/api/v1/entitlements"
INCOME_800K = {
    "kind": "income",
    "reported_on": "2026-06-10",
    "description": "근로소득이 월 80만원으로 올랐다고 신고함",
    "changes": [{"member_id": "m1", "income": {"earned": 800_000}}],
}
# 820,556 (1인 생계급여 선정기준) − 800,000 × (1 − 30% 근로소득공제)
AFTER_800K = 820_556 - 560_000


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    return body


def fields(body: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["code"] for e in body.get("errors", [])}


class Api:
    """The calls of these tests, each as the duty that makes it."""

    def __init__(self, client: httpx.AsyncClient, auth: Auth) -> None:
        self.client = client
        self.auth = auth

    async def get(self, url: str, user: str = "t.decision_maker") -> httpx.Response:
        return await self.client.get(url, headers=self.auth.headers(user))

    async def post(self, url: str, body: Any, user: str = "t.decision_maker") -> httpx.Response:
        return await self.client.post(url, json=body, headers=self.auth.headers(user))

    async def detail(self, entitlement_id: uuid.UUID) -> dict[str, Any]:
        response = await self.get(f"{E}/{entitlement_id}")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def report(self, entitlement_id: uuid.UUID, body: Any = None) -> httpx.Response:
        return await self.post(f"{E}/{entitlement_id}/changes", body or INCOME_800K, "t.investigator")

    async def proposal(self, entitlement_id: uuid.UUID, body: Any = None) -> dict[str, Any]:
        response = await self.report(entitlement_id, body)
        assert response.status_code == 201, response.text
        proposal: dict[str, Any] = response.json()
        return proposal

    async def decide(
        self, entitlement_id: uuid.UUID, proposal: dict[str, Any], verb: str, version: int | None = None
    ) -> httpx.Response:
        url = f"{E}/{entitlement_id}/changes/{proposal['id']}/{verb}"
        return await self.post(url, {"version": version or proposal["version"], "note": "확인함"})

    async def transition(self, entitlement_id: uuid.UUID, verb: str, body: dict[str, Any]) -> httpx.Response:
        return await self.post(f"{E}/{entitlement_id}/{verb}", body)
