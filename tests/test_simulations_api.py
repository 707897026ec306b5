"""Contract tests for `POST /api/v1/simulations` (shared/contracts/simulation.md): the worked
examples through HTTP, the response shape, the 422 cases, the rate limit, and that nothing from the
request is stored or logged."""

from __future__ import annotations

import copy
import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from api.config import Settings
from api.db import Database
from api.main import create_app

URL = "/api/v1/simulations"
PROGRAMS = [
    "livelihood",
    "medical",
    "housing",
    "education",
    "basic_pension",
    "disability_pension",
    "parent_benefit",
    "child_allowance",
    "childcare_fee",
    "home_care_allowance",
    "emergency_livelihood",
]
EXAMPLE_1: dict[str, Any] = {
    "as_of": "2026-05-01",
    "sigungu_code": "11110",
    "members": [
        {
            "id": "m1",
            "relation": "head",
            "birth_date": "1976-01-15",
            "disability": "none",
            "school": "none",
            "childcare": "none",
            "occupational_pension": False,
            "income": {
                "earned": 500000,
                "business": 0,
                "property": 0,
                "public_transfer": 0,
                "private_transfer": 0,
                "national_pension": 0,
                "national_pension_a": 0,
            },
        }
    ],
    "assets": {
        "housing": 0,
        "general": 0,
        "financial": 0,
        "debts": 0,
        "vehicles": [{"value": 0, "cc": 0, "age_years": 0, "use": "ordinary"}],
    },
    "housing": {"tenure": "rent", "monthly_rent": 300000, "deposit": 0},
    "obligors": [{"annual_income": 0, "general_property": 0}],
    "crisis_reasons": [],
}
EXAMPLE_2 = {
    "as_of": "2026-05-01",
    "sigungu_code": "11110",
    "members": [
        {"id": "a", "relation": "head", "birth_date": "1955-03-01"},
        {"id": "b", "relation": "spouse", "birth_date": "1956-03-01"},
    ],
}
EXAMPLE_3 = {
    "as_of": "2026-05-01",
    "sigungu_code": "11110",
    "members": [
        {"id": "h", "relation": "head", "birth_date": "1981-02-01", "income": {"public_transfer": 1000000}},
        {"id": "s", "relation": "spouse", "birth_date": "1983-02-01"},
        {"id": "c1", "relation": "child", "birth_date": "2016-02-01", "school": "elementary"},
        {"id": "c2", "relation": "child", "birth_date": "2012-02-01", "school": "middle"},
    ],
}


def by_program(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["program"]: r for r in body["results"]}


async def test_example_1_single_renter(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=EXAMPLE_1)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["as_of"] == "2026-05-01"
    assert body["household_size"] == 1
    assert body["standard_median_income"] == 2564238
    results = by_program(body)
    livelihood = results["livelihood"]
    assert (livelihood["status"], livelihood["monthly_amount"]) == ("eligible", 470556)
    assert (livelihood["recognized_income"], livelihood["threshold"]) == (350000, 820556)
    assert results["medical"]["status"] == "eligible"
    assert results["medical"]["monthly_amount"] is None
    assert results["medical"]["grade"] == 2
    assert (results["housing"]["status"], results["housing"]["monthly_amount"]) == ("eligible", 300000)
    for program in PROGRAMS[3:]:
        assert results[program]["status"] == "not_applicable", program
        assert results[program]["monthly_amount"] == 0, program


async def test_example_2_couple_basic_pension(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=EXAMPLE_2)
    assert response.status_code == 200, response.text
    pension = by_program(response.json())["basic_pension"]
    assert pension["status"] == "eligible"
    assert pension["monthly_amount"] == 559520
    assert {m["member_id"]: m["monthly_amount"] for m in pension["members"]} == {"a": 279760, "b": 279760}


async def test_example_3_family_with_pupils(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=EXAMPLE_3)
    assert response.status_code == 200, response.text
    results = by_program(response.json())
    assert results["livelihood"]["monthly_amount"] == 1078316
    education = results["education"]
    assert education["status"] == "eligible"
    assert {m["member_id"]: m["annual_amount"] for m in education["members"]} == {"c1": 502000, "c2": 699000}


async def test_every_program_in_contract_order_with_a_referenced_trace(client: httpx.AsyncClient) -> None:
    body = (await client.post(URL, json=EXAMPLE_3)).json()
    assert [r["program"] for r in body["results"]] == PROGRAMS
    for result in body["results"]:
        assert set(result) >= {"program", "status", "monthly_amount", "recognized_income", "threshold"}
        assert result["status"] in {"eligible", "ineligible", "not_applicable"}
        assert isinstance(result["members"], list) and isinstance(result["trace"], list)
        if result["status"] != "not_applicable":
            assert result["trace"], result["program"]
            assert any(step["reference"] for step in result["trace"]), result["program"]


async def test_no_sign_in_needed_and_a_token_changes_nothing(client: httpx.AsyncClient) -> None:
    anonymous = await client.post(URL, json=EXAMPLE_1)
    with_junk_token = await client.post(URL, json=EXAMPLE_1, headers={"Authorization": "Bearer junk"})
    assert anonymous.status_code == with_junk_token.status_code == 200
    assert anonymous.json() == with_junk_token.json()


def _with(path: str, value: Any) -> dict[str, Any]:
    """EXAMPLE_1 with one value replaced (`members.0.income.earned`), or removed when value is ...."""
    body = copy.deepcopy(EXAMPLE_1)
    *parents, last = path.split(".")
    target: Any = body
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return body


def _member(member_id: str, relation: str = "child") -> dict[str, Any]:
    return {"id": member_id, "relation": relation, "birth_date": "2010-01-01"}


INVALID = {
    "bad date": (_with("as_of", "2026-02-30"), "as_of"),
    "date not ISO": (_with("as_of", "01/05/2026"), "as_of"),
    "missing as_of": (_with("as_of", ...), "as_of"),
    "negative amount": (_with("members.0.income.earned", -1), "members.0.income.earned"),
    "amount as text": (_with("assets.financial", "1000"), "assets.financial"),
    "unknown relation": (_with("members.0.relation", "cousin"), "members.0.relation"),
    "unknown crisis code": (_with("crisis_reasons", ["bankrupt"]), "crisis_reasons.0"),
    "unknown vehicle use": (_with("assets.vehicles.0.use", "racing"), "assets.vehicles.0.use"),
    "misspelt field": (_with("members.0.incom", {}), "members.0.incom"),
    "sigungu not 5 digits": (_with("sigungu_code", "1111"), "sigungu_code"),
    "unknown sigungu": (_with("sigungu_code", "99999"), "sigungu_code"),
    "no members": (_with("members", []), "members"),
    "more than 20 members": (
        _with("members", [EXAMPLE_1["members"][0], *[_member(f"c{i}") for i in range(20)]]),
        "members",
    ),
    "duplicate member id": (_with("members", [EXAMPLE_1["members"][0], _member("m1")]), "members.1.id"),
    "no head": (_with("members", [_member("c1")]), "members"),
    "two heads": (_with("members", [EXAMPLE_1["members"][0], _member("h2", "head")]), "members"),
    "born after as_of": (_with("members.0.birth_date", "2026-05-02"), "members.0.birth_date"),
    "A급여 above the pension": (
        _with("members.0.income", {"national_pension": 100, "national_pension_a": 200}),
        "members.0.income.national_pension_a",
    ),
}


@pytest.mark.parametrize("case", INVALID.values(), ids=list(INVALID))
async def test_invalid_input_is_422_naming_the_field(
    client: httpx.AsyncClient, case: tuple[Any, str]
) -> None:
    body, field = case
    response = await client.post(URL, json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert field in [error["field"] for error in problem["errors"]], problem


async def test_a_date_with_no_rules_in_force_is_422_not_zero(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json=_with("as_of", "2024-06-01"))
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].endswith("/parameter-unavailable")
    assert "2024-06-01" in problem["detail"]


async def test_not_json_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, content=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code == 422


async def test_rate_limited_per_client(database: Database, settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"simulation_rate_per_minute": 3}), database)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        statuses = [(await http.post(URL, json=EXAMPLE_1)).status_code for _ in range(4)]
        refused = await http.post(URL, json=EXAMPLE_1)
    assert statuses == [200, 200, 200, 429]
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    other = httpx.ASGITransport(app=app, client=("203.0.113.8", 50000))
    async with httpx.AsyncClient(transport=other, base_url="http://testserver") as http:
        assert (await http.post(URL, json=EXAMPLE_1)).status_code == 200


async def test_nothing_is_stored(client: httpx.AsyncClient, database: Database) -> None:
    tables = ("persons", "households", "access_logs")

    async def counts() -> dict[str, int]:
        async with database.sessionmaker() as session:
            return {
                t: (await session.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one() for t in tables
            }

    before = await counts()
    assert (await client.post(URL, json=EXAMPLE_3)).status_code == 200
    assert (await client.post(URL, json=_with("members", []))).status_code == 422
    assert await counts() == before


async def test_nothing_from_the_request_is_logged(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    body = _with("members.0.birth_date", "1976-07-19")
    body["members"][0]["income"]["earned"] = 4321987
    with caplog.at_level(logging.DEBUG):
        assert (await client.post(URL, json=body)).status_code == 200
        assert (await client.post(URL, json=_with("members.0.income.earned", -4321987))).status_code == 422
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "1976-07-19" not in logged
    assert "4321987" not in logged


def test_contract_codes_match_the_rules() -> None:
    """The schema spells the contract's codes out (for the OpenAPI document); the rules engine has its
    own enums. They must name the same codes, in the same order for programs."""
    from typing import get_args

    from api.simulations.schemas import CrisisCode, ProgramCode
    from domain.rules.household import CrisisReason
    from domain.rules.programs.common import Program

    assert list(get_args(ProgramCode)) == [p.value for p in Program] == PROGRAMS
    assert set(get_args(CrisisCode)) == {c.value for c in CrisisReason}
