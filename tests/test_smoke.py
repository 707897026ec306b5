from __future__ import annotations

import httpx

from tests.baseline import Baseline
from tests.conftest import Auth


async def test_health_is_public(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_investigator_reads_own_jurisdiction_person(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.get(
        f"/api/v1/persons/{baseline.people['own']}", headers=auth.headers("t.investigator")
    )
    assert response.status_code == 200, response.text
    assert response.json()["rrn_masked"] == "700101-1******"


async def test_other_jurisdiction_reads_as_404(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.get(
        f"/api/v1/persons/{baseline.people['other']}", headers=auth.headers("t.investigator")
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
