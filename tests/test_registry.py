"""The registry API for persons, as officials of 종로구 (11110): registration and what is derived from
the 주민등록번호, duplicates, validation, jurisdiction, search, lookup, reveal and optimistic
locking. Every test's writes roll back (the `client` fixture)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.baseline import CHEONGUN, OTHER, OWN, Baseline
from tests.conftest import Auth

PROBLEM_JSON = "application/problem+json"


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem with the given status; returns the body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status"} <= body.keys()
    assert body["status"] == status
    return body


def error_fields(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body.get("errors", [])}


def person_body(rrn: str, name: str = "홍길동", **extra: Any) -> dict[str, Any]:
    address = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 1"}
    return {"name": name, "rrn": rrn, "address": address, **extra}


async def register(
    client: httpx.AsyncClient, auth: Auth, rrn: str, name: str = "홍길동", **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/persons", json=person_body(rrn, name, **extra), headers=auth.headers("t.investigator")
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


# --- registration ---------------------------------------------------------------------------


async def test_register_derives_birth_date_sex_and_masks(client: httpx.AsyncClient, auth: Auth) -> None:
    bank = {"bank_name": "농협", "account_number": "301-1234-5678-1234"}
    person = await register(client, auth, "900101-1234567", phone="010-1234-5678", bank_account=bank)
    assert person["birth_date"] == "1990-01-01"
    assert person["sex"] == "M"
    assert person["foreign_resident"] is False
    assert person["rrn_masked"] == "900101-1******"
    assert person["bank_account"] == {"bank_name": "농협", "account_masked": "****1234"}
    assert person["address"]["sigungu_code"] == OWN and person["address"]["sigungu_name"]
    assert person["version"] == 1
    assert "1234567" not in str(person)  # the back digits travel nowhere in the response

    read = await client.get(f"/api/v1/persons/{person['id']}", headers=auth.headers("t.intake"))
    assert read.status_code == 200
    assert read.json()["rrn_masked"] == "900101-1******"
    assert read.json()["bank_account"]["account_masked"] == "****1234"


@pytest.mark.parametrize(
    ("rrn", "birth_date", "sex", "foreign"),
    [
        ("000229-4123456", "2000-02-29", "F", False),  # 3/4: born 2000–2099
        ("851231-2123456", "1985-12-31", "F", False),  # 1/2: born 1900–1999
        ("991231-9123456", "1899-12-31", "M", False),  # 9/0: born 1800–1899
        ("900101-5123456", "1990-01-01", "M", True),  # 5–8: 외국인등록번호
        ("050505-8123456", "2005-05-05", "F", True),
    ],
)
async def test_seventh_digit_gives_century_sex_and_foreign_residence(
    client: httpx.AsyncClient, auth: Auth, rrn: str, birth_date: str, sex: str, foreign: bool
) -> None:
    person = await register(client, auth, rrn)
    assert (person["birth_date"], person["sex"], person["foreign_resident"]) == (birth_date, sex, foreign)
    assert person["rrn_masked"] == f"{rrn[:8]}******"


@pytest.mark.parametrize("second", ["900101-1234567", "9001011234567"])
async def test_same_number_twice_is_a_conflict(client: httpx.AsyncClient, auth: Auth, second: str) -> None:
    await register(client, auth, "9001011234567")
    response = await client.post(
        "/api/v1/persons", json=person_body(second, "다른이름"), headers=auth.headers("t.investigator")
    )
    body = assert_problem(response, 409)
    assert "9001011234567" not in response.text and "1234567" not in response.text
    assert body["type"].endswith("/conflict")


@pytest.mark.parametrize(
    "rrn",
    [
        "12345",  # too short
        "900101-12345678",  # too long
        "90010a-1234567",  # not digits
        "900101_1234567",  # wrong separator
        "990230-1234567",  # 2월 30일
        "901301-1234567",  # month 13
        "900100-1234567",  # day 0
        "990101-3234567",  # 3 → 2099: born in the future
        "",
    ],
)
async def test_invalid_number_names_rrn(client: httpx.AsyncClient, auth: Auth, rrn: str) -> None:
    response = await client.post(
        "/api/v1/persons", json=person_body(rrn), headers=auth.headers("t.investigator")
    )
    body = assert_problem(response, 422)
    assert error_fields(body) == {"rrn"}
    if rrn:
        assert rrn not in response.text


@pytest.mark.parametrize(
    ("address", "field"),
    [
        ({"sigungu_code": "99999", "address": "어딘가 1"}, "address.sigungu_code"),  # no such 시군구
        ({"sigungu_code": OTHER, "address": "중구 1"}, "address.sigungu_code"),  # not ours
        ({"sigungu_code": OWN, "emd_code": "1114010100", "address": "종로 1"}, "address"),  # 읍면동 of 중구
    ],
)
async def test_address_must_be_real_and_in_jurisdiction(
    client: httpx.AsyncClient, auth: Auth, address: dict[str, str], field: str
) -> None:
    body = {"name": "홍길동", "rrn": "900101-1234567", "address": address}
    response = await client.post("/api/v1/persons", json=body, headers=auth.headers("t.investigator"))
    assert field in error_fields(assert_problem(response, 422))


async def test_unknown_and_missing_fields_are_rejected(client: httpx.AsyncClient, auth: Auth) -> None:
    body = person_body("900101-1234567") | {"nickname": "길동"}
    response = await client.post("/api/v1/persons", json=body, headers=auth.headers("t.investigator"))
    assert "nickname" in error_fields(assert_problem(response, 422))
    response = await client.post(
        "/api/v1/persons", json={"name": "홍길동"}, headers=auth.headers("t.investigator")
    )
    assert {"rrn", "address"} <= error_fields(assert_problem(response, 422))


# --- search and lookup --------------------------------------------------------------------


async def test_search_by_name_and_birth_date(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    headers = auth.headers("t.investigator")
    found = await client.post(
        "/api/v1/persons/search", json={"name": "김청운", "birth_date": "1970-01-01"}, headers=headers
    )
    assert found.status_code == 200
    assert [p["id"] for p in found.json()] == [str(baseline.people["own"])]
    assert found.json()[0]["rrn_masked"] == "700101-1******"

    wrong_date = await client.post(
        "/api/v1/persons/search", json={"name": "김청운", "birth_date": "1970-01-02"}, headers=headers
    )
    assert wrong_date.json() == []


async def test_search_never_crosses_the_jurisdiction(client: httpx.AsyncClient, auth: Auth) -> None:
    """최중구 lives in 중구 (11140): to a 종로구 official, nobody by that name exists."""
    for body in ({"name": "최중구"}, {"name": "최중구", "birth_date": "1965-04-04"}):
        response = await client.post(
            "/api/v1/persons/search", json=body, headers=auth.headers("t.investigator")
        )
        assert response.status_code == 200
        assert response.json() == []
    response = await client.post(
        "/api/v1/persons/search", json={"name": "최중구"}, headers=auth.headers("o.investigator")
    )
    assert [p["name"] for p in response.json()] == ["최중구"]


async def test_search_finds_a_new_registration(client: httpx.AsyncClient, auth: Auth) -> None:
    person = await register(client, auth, "880808-2345678", name="성춘향")
    response = await client.post(
        "/api/v1/persons/search",
        json={"name": "성춘향", "birth_date": "1988-08-08"},
        headers=auth.headers("t.investigator"),
    )
    assert [p["id"] for p in response.json()] == [person["id"]]
    assert response.json()[0]["sex"] == "F"


async def test_lookup_by_number_in_the_body(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    headers = auth.headers("t.investigator")
    own = await client.post("/api/v1/persons/lookup", json={"rrn": baseline.rrns["own"]}, headers=headers)
    assert own.status_code == 200
    assert own.json()["id"] == str(baseline.people["own"])
    assert own.json()["household"]["relation"] == "head"
    unhyphenated = baseline.rrns["own"].replace("-", "")
    again = await client.post("/api/v1/persons/lookup", json={"rrn": unhyphenated}, headers=headers)
    assert again.json()["id"] == str(baseline.people["own"])


async def test_lookup_of_another_jurisdictions_number_is_not_found(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.post(
        "/api/v1/persons/lookup", json={"rrn": baseline.rrns["other"]}, headers=auth.headers("t.investigator")
    )
    body = assert_problem(response, 404)
    assert baseline.rrns["other"] not in response.text
    assert body["type"].endswith("/not-found")


@pytest.mark.parametrize("rrn", ["700101", "700101-100010a", "701301-1000101"])
async def test_lookup_with_malformed_number(client: httpx.AsyncClient, auth: Auth, rrn: str) -> None:
    response = await client.post(
        "/api/v1/persons/lookup", json={"rrn": rrn}, headers=auth.headers("t.investigator")
    )
    assert error_fields(assert_problem(response, 422)) == {"rrn"}


# --- reveal ------------------------------------------------------------------------------------


async def test_investigator_reveals_the_number_for_a_reason(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.post(
        f"/api/v1/persons/{baseline.people['own']}/rrn",
        json={"reason": "소득·재산 조사 대상자 확인"},
        headers=auth.headers("t.investigator"),
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"person_id": str(baseline.people["own"]), "rrn": baseline.rrns["own"]}


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "확인"}])
async def test_reveal_needs_a_reason(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, body: dict[str, str]
) -> None:
    response = await client.post(
        f"/api/v1/persons/{baseline.people['own']}/rrn", json=body, headers=auth.headers("t.investigator")
    )
    assert "reason" in error_fields(assert_problem(response, 422))
    assert baseline.rrns["own"] not in response.text


async def test_reveal_needs_the_rrn_duty(client: httpx.AsyncClient, auth: Auth, baseline: Baseline) -> None:
    response = await client.post(
        f"/api/v1/persons/{baseline.people['own']}/rrn",
        json={"reason": "상담 중 본인 확인"},
        headers=auth.headers("t.intake"),
    )
    body = assert_problem(response, 403)
    assert "registry:rrn" in body["detail"]
    assert baseline.rrns["own"] not in response.text


async def test_reveal_outside_jurisdiction_is_not_found(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.post(
        f"/api/v1/persons/{baseline.people['other']}/rrn",
        json={"reason": "다른 시군구 대상자"},
        headers=auth.headers("t.investigator"),
    )
    assert_problem(response, 404)


# --- updates -------------------------------------------------------------------------------


async def test_update_with_the_read_version(client: httpx.AsyncClient, auth: Auth) -> None:
    person = await register(client, auth, "770707-1234567")
    url = f"/api/v1/persons/{person['id']}"
    headers = auth.headers("t.investigator")
    changed = await client.patch(url, json={"version": 1, "phone": "02-123-4567"}, headers=headers)
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == 2
    assert changed.json()["phone"] == "02-123-4567"
    assert changed.json()["name"] == "홍길동"  # untouched fields stay

    stale = await client.patch(url, json={"version": 1, "name": "홍길순"}, headers=headers)
    assert_problem(stale, 409)
    current = await client.get(url, headers=headers)
    assert current.json()["name"] == "홍길동" and current.json()["version"] == 2

    again = await client.patch(url, json={"version": 2, "name": "홍길순"}, headers=headers)
    assert again.status_code == 200
    assert again.json()["version"] == 3


async def test_update_cannot_move_a_person_out_of_jurisdiction(client: httpx.AsyncClient, auth: Auth) -> None:
    person = await register(client, auth, "770707-1234567")
    response = await client.patch(
        f"/api/v1/persons/{person['id']}",
        json={"version": 1, "address": {"sigungu_code": OTHER, "address": "중구 1"}},
        headers=auth.headers("t.investigator"),
    )
    assert_problem(response, 422)


async def test_update_outside_jurisdiction_is_not_found(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    response = await client.patch(
        f"/api/v1/persons/{baseline.people['other']}",
        json={"version": 1, "name": "누군가"},
        headers=auth.headers("t.investigator"),
    )
    assert_problem(response, 404)
