"""`GET /api/v1/parameters`: the legal figures in force on a date, with references, for officials."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Auth

URL = "/api/v1/parameters"


def _by_name(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in body["parameters"]}


async def test_values_change_on_their_effective_date(client: httpx.AsyncClient, auth: Auth) -> None:
    headers = auth.headers("t.intake")
    before = _by_name((await client.get(URL, params={"as_of": "2025-12-31"}, headers=headers)).json())
    after = _by_name((await client.get(URL, params={"as_of": "2026-01-01"}, headers=headers)).json())
    assert before["standard_median_income"]["value"]["1"] == 2392013
    assert after["standard_median_income"]["value"]["1"] == 2564238
    assert after["standard_median_income"]["effective_from"] == "2026-01-01"
    assert "국민기초생활 보장법" in after["standard_median_income"]["reference"]


async def test_rates_are_exact_decimal_strings_and_uncertainty_is_shown(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    body = (
        await client.get(URL, params={"as_of": "2026-05-01"}, headers=auth.headers("t.privacy_officer"))
    ).json()
    found = _by_name(body)
    assert found["livelihood.selection_rate"]["value"] == "0.32"
    assert found["livelihood.conversion_rate"]["value"]["general"] == "0.0417"
    assert found["livelihood.financial_living_allowance"]["uncertain"]
    assert all(p["reference"] and p["source"] for p in body["parameters"])


async def test_a_date_before_every_value_lists_nothing_for_it(client: httpx.AsyncClient, auth: Auth) -> None:
    body = (await client.get(URL, params={"as_of": "2020-01-01"}, headers=auth.headers("t.intake"))).json()
    assert "standard_median_income" not in _by_name(body)


async def test_defaults_to_today_and_needs_sign_in(client: httpx.AsyncClient, auth: Auth) -> None:
    assert (await client.get(URL)).status_code == 401
    response = await client.get(URL, headers=auth.headers("t.admin"))
    assert response.status_code == 200
    assert response.json()["parameters"]


async def test_bad_date_is_422(client: httpx.AsyncClient, auth: Auth) -> None:
    response = await client.get(URL, params={"as_of": "2026-13-01"}, headers=auth.headers("t.intake"))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
