"""The citizen assertion: a portal or kiosk exchanges its client credentials and the 주민등록번호 of
the citizen it verified for a short-lived token bound to that citizen. The token carries the
registry's blind index, never the number; the database reads it back as `ieum.citizen`."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import httpx
import pytest
from jose import jwt
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings, get_settings
from api.db import Database
from api.errors import PermissionDenied
from api.keys import get_keys
from api.registry import protection
from api.security.citizen import CITIZEN_TOKEN_SECONDS, citizen_index, require_citizen
from api.security.principal import Principal, load_principal
from api.security.tokens import decode_access_token, issue_access_token
from tests.baseline import Baseline
from tests.test_auth_flow import TOKEN, bearer
from tests.test_registry import assert_problem
from tests.test_tokens_negative import claims as token_claims
from tests.test_tokens_negative import signed
from tests.tokens import mint_token

RESIDENCE = text("SELECT person_id, household_id FROM citizen_residence()")


@pytest.fixture(autouse=True)
def _accounts(baseline: Baseline) -> None:
    """The baseline accounts and residents exist (loaded once per run)."""


def digits(rrn: str) -> str:
    return rrn.replace("-", "")


def index_of(baseline: Baseline, who: str) -> str:
    return citizen_index(get_keys(), digits(baseline.rrns[who]))


def payload_text(token: str) -> str:
    """The JWT body exactly as anyone holding the token can read it."""
    segment = token.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()


def payload(token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(payload_text(token))
    assert decoded == jwt.get_unverified_claims(token)
    return decoded


def assert_not_echoed(response: httpx.Response, rrn: str) -> None:
    """Neither half of the number, nor the whole in any spelling, is in the answer."""
    front, back = rrn.replace("-", "")[:6], rrn.replace("-", "")[6:]
    for part in (front, back, rrn, rrn.replace("-", "")):
        if part:
            assert part not in response.text, part


async def exchange(
    client: httpx.AsyncClient, baseline: Baseline, account: str, **form: str
) -> httpx.Response:
    secret = baseline.account(account).secret
    assert secret is not None
    data = {"grant_type": "client_credentials", "client_id": account, "client_secret": secret, **form}
    return await client.post(TOKEN, data=data)


# --- the exchange ----------------------------------------------------------------------------


async def test_a_portal_binds_its_token_to_the_citizen(
    client: httpx.AsyncClient, baseline: Baseline, caplog: pytest.LogCaptureFixture
) -> None:
    rrn = baseline.rrns["own"]
    with caplog.at_level(logging.DEBUG):
        response = await exchange(
            client, baseline, "portal", citizen_rrn=rrn, citizen_verified_by="mobile_id"
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert 0 < body["expires_in"] <= CITIZEN_TOKEN_SECONDS

    token = body["access_token"]
    raw = payload(token)
    assert raw["cit"] == index_of(baseline, "own")
    assert raw["cit"] == protection.blind_index(get_keys(), digits(rrn)).hex()
    assert raw["cvm"] == "mobile_id"
    assert raw["exp"] - raw["iat"] <= CITIZEN_TOKEN_SECONDS
    for part in (digits(rrn), digits(rrn)[:6], digits(rrn)[6:], rrn):
        assert part not in payload_text(token) and part not in token
    assert digits(rrn) not in caplog.text and digits(rrn)[6:] not in caplog.text

    decoded = decode_access_token(token, get_keys(), get_settings())
    assert decoded.citizen == raw["cit"] and decoded.citizen_verified_by == "mobile_id"
    me = await client.get("/api/v1/auth/me", headers=bearer(token))
    assert me.status_code == 200, me.text
    assert me.json()["kind"] == "portal"


async def test_the_hyphen_does_not_change_the_binding(client: httpx.AsyncClient, baseline: Baseline) -> None:
    response = await exchange(
        client,
        baseline,
        "portal",
        citizen_rrn=digits(baseline.rrns["own"]),
        citizen_verified_by="certificate",
    )
    assert response.status_code == 200, response.text
    assert payload(response.json()["access_token"])["cit"] == index_of(baseline, "own")


async def test_a_kiosk_binds_with_a_kiosk_method(client: httpx.AsyncClient, baseline: Baseline) -> None:
    for method in ("kiosk_fingerprint", "kiosk_id_card"):
        response = await exchange(
            client, baseline, "kiosk", citizen_rrn=baseline.rrns["other"], citizen_verified_by=method
        )
        assert response.status_code == 200, response.text
        raw = payload(response.json()["access_token"])
        assert raw["cit"] == index_of(baseline, "other") and raw["cvm"] == method
        assert response.json()["expires_in"] <= CITIZEN_TOKEN_SECONDS


async def test_without_a_citizen_the_token_is_unbound(client: httpx.AsyncClient, baseline: Baseline) -> None:
    response = await exchange(client, baseline, "portal")
    assert response.status_code == 200, response.text
    raw = payload(response.json()["access_token"])
    assert "cit" not in raw and "cvm" not in raw


def test_a_bound_token_is_short_even_when_tokens_are_long(settings: Settings, baseline: Baseline) -> None:
    long_lived = settings.model_copy(update={"access_token_minutes": 15})
    portal = baseline.account("portal")
    _, unbound = issue_access_token(
        get_keys(), long_lived, kind="client", subject_id=portal.id, scopes=portal.scopes, version=1
    )
    _, bound = issue_access_token(
        get_keys(),
        long_lived,
        kind="client",
        subject_id=portal.id,
        scopes=portal.scopes,
        version=1,
        citizen=index_of(baseline, "own"),
        citizen_verified_by="simple_auth",
    )
    assert unbound == 900 and bound == CITIZEN_TOKEN_SECONDS


# --- refused exchanges -----------------------------------------------------------------------


@pytest.mark.parametrize("half", ["citizen_rrn", "citizen_verified_by"])
async def test_half_of_the_pair_is_refused(client: httpx.AsyncClient, baseline: Baseline, half: str) -> None:
    rrn = baseline.rrns["own"]
    form = {"citizen_rrn": rrn, "citizen_verified_by": "mobile_id"}
    response = await exchange(client, baseline, "portal", **{half: form[half]})
    body = assert_problem(response, 401)
    assert body["type"].endswith("login-refused")
    assert "함께" in body["detail"]
    assert "access_token" not in body
    assert_not_echoed(response, rrn)


@pytest.mark.parametrize(
    "rrn",
    [
        "701301-1000101",  # month 13
        "700230-1000101",  # 30 February
        "991231-3000101",  # born in 2099
        "70010-11000101",  # hyphen in the wrong place
        "7001011000１01",  # a full-width digit
        "700101-100010",  # twelve digits
        "abcdef-ghijklm",
    ],
)
async def test_an_invalid_number_is_refused_without_echo(
    client: httpx.AsyncClient, baseline: Baseline, caplog: pytest.LogCaptureFixture, rrn: str
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = await exchange(
            client, baseline, "portal", citizen_rrn=rrn, citizen_verified_by="mobile_id"
        )
    body = assert_problem(response, 401)
    assert body["type"].endswith("login-refused")
    assert "citizen_rrn" in body["detail"]
    assert not any(c.isdigit() for c in body["detail"]), body["detail"]
    assert_not_echoed(response, rrn)
    assert digits(rrn) not in caplog.text


async def test_an_overlong_number_fails_validation_without_echo(
    client: httpx.AsyncClient, baseline: Baseline
) -> None:
    rrn = "700101-1000101" * 3
    response = await exchange(client, baseline, "portal", citizen_rrn=rrn, citizen_verified_by="mobile_id")
    assert "citizen_rrn" in {e["field"] for e in assert_problem(response, 422)["errors"]}
    assert_not_echoed(response, rrn)


async def test_an_unknown_method_fails_validation(client: httpx.AsyncClient, baseline: Baseline) -> None:
    rrn = baseline.rrns["own"]
    response = await exchange(client, baseline, "portal", citizen_rrn=rrn, citizen_verified_by="phone_call")
    assert "citizen_verified_by" in {e["field"] for e in assert_problem(response, 422)["errors"]}
    assert_not_echoed(response, rrn)


@pytest.mark.parametrize(
    ("account", "method"),
    [
        ("kiosk", "mobile_id"),
        ("kiosk", "certificate"),
        ("kiosk", "simple_auth"),
        ("portal", "kiosk_fingerprint"),
        ("portal", "kiosk_id_card"),
    ],
)
async def test_a_method_the_client_cannot_perform_is_refused(
    client: httpx.AsyncClient, baseline: Baseline, account: str, method: str
) -> None:
    rrn = baseline.rrns["own"]
    response = await exchange(client, baseline, account, citizen_rrn=rrn, citizen_verified_by=method)
    body = assert_problem(response, 401)
    assert body["type"].endswith("login-refused") and "access_token" not in body
    assert_not_echoed(response, rrn)


async def test_a_wrong_secret_is_refused_before_the_citizen(
    client: httpx.AsyncClient, baseline: Baseline
) -> None:
    data = {
        "grant_type": "client_credentials",
        "client_id": "portal",
        "client_secret": "not-the-secret",
        "citizen_rrn": "701301-1000101",
        "citizen_verified_by": "mobile_id",
    }
    body = assert_problem(await client.post(TOKEN, data=data), 401)
    assert "클라이언트 인증" in body["detail"]


async def test_the_password_grant_takes_no_citizen(client: httpx.AsyncClient, baseline: Baseline) -> None:
    rrn = baseline.rrns["own"]
    data = {
        "grant_type": "password",
        "username": "t.intake",
        "password": "irrelevant-password!",
        "citizen_rrn": rrn,
        "citizen_verified_by": "mobile_id",
    }
    response = await client.post(TOKEN, data=data)
    assert "client_credentials" in assert_problem(response, 401)["detail"]
    assert_not_echoed(response, rrn)


# --- tokens with a malformed binding -----------------------------------------------------------


def _client_sub(baseline: Baseline, account: str = "portal") -> str:
    return f"client:{baseline.account(account).id}"


@pytest.mark.parametrize(
    "binding",
    [
        {"cit": "AB" * 32, "cvm": "mobile_id"},  # uppercase hex
        {"cit": "ab" * 31, "cvm": "mobile_id"},  # 62 characters
        {"cit": "ab" * 32 + "\n", "cvm": "mobile_id"},  # trailing newline
        {"cit": "700101-1000101", "cvm": "mobile_id"},  # the number itself
        {"cit": "ab" * 32},  # no method
        {"cvm": "mobile_id"},  # no citizen
        {"cit": "ab" * 32, "cvm": "phone_call"},  # unknown method
        {"cit": ["ab" * 32], "cvm": "mobile_id"},
        {"cit": "ab" * 32, "cvm": ["mobile_id"]},
    ],
)
async def test_a_malformed_binding_is_refused(
    client: httpx.AsyncClient, baseline: Baseline, binding: dict[str, Any]
) -> None:
    portal = baseline.account("portal")
    token = signed(token_claims(portal, sub=_client_sub(baseline), **binding))
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(token)), 401)


async def test_an_official_token_cannot_carry_a_citizen(
    client: httpx.AsyncClient, baseline: Baseline
) -> None:
    official = baseline.account("t.intake")
    token = signed(token_claims(official, cit=index_of(baseline, "own"), cvm="certificate"))
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(token)), 401)
    with pytest.raises(ValueError, match="client"):
        mint_token(official, citizen=index_of(baseline, "own"), citizen_verified_by="certificate")


async def test_a_kiosk_token_with_a_portal_method_is_refused_on_use(
    client: httpx.AsyncClient, baseline: Baseline
) -> None:
    token = mint_token(
        baseline.account("kiosk"), citizen=index_of(baseline, "own"), citizen_verified_by="mobile_id"
    )
    assert_problem(await client.get("/api/v1/auth/me", headers=bearer(token)), 401)


# --- the database reads the binding ----------------------------------------------------------


async def _principal(session: AsyncSession, token: str) -> Principal:
    return await load_principal(session, decode_access_token(token, get_keys(), get_settings()))


async def test_citizen_residence_is_the_bound_citizen(database: Database, baseline: Baseline) -> None:
    token = mint_token(
        baseline.account("portal"), citizen=index_of(baseline, "own"), citizen_verified_by="mobile_id"
    )
    async with database.sessionmaker() as session, session.begin():
        principal = await _principal(session, token)
        assert principal.citizen == index_of(baseline, "own")
        assert principal.citizen_verified_by == "mobile_id"
        rows = (await session.execute(RESIDENCE)).all()
    assert [(r.person_id, r.household_id) for r in rows] == [
        (baseline.people["own"], baseline.households["own"])
    ]


async def test_a_kiosk_binding_reaches_the_database_too(database: Database, baseline: Baseline) -> None:
    token = mint_token(
        baseline.account("kiosk"),
        citizen=index_of(baseline, "own_spouse"),
        citizen_verified_by="kiosk_id_card",
    )
    async with database.sessionmaker() as session, session.begin():
        await _principal(session, token)
        rows = (await session.execute(RESIDENCE)).all()
    assert [r.person_id for r in rows] == [baseline.people["own_spouse"]]


async def test_an_unbound_client_sees_no_residence(database: Database, baseline: Baseline) -> None:
    async with database.sessionmaker() as session, session.begin():
        principal = await _principal(session, mint_token(baseline.account("portal")))
        assert principal.citizen is None
        assert (await session.execute(RESIDENCE)).all() == []
        setting = await session.scalar(text("SELECT current_setting('ieum.citizen', true)"))
    assert setting == ""


async def test_a_citizen_not_in_the_registry_has_no_residence(database: Database, baseline: Baseline) -> None:
    unknown = citizen_index(get_keys(), "0101013000101")
    token = mint_token(baseline.account("portal"), citizen=unknown, citizen_verified_by="simple_auth")
    async with database.sessionmaker() as session, session.begin():
        await _principal(session, token)
        assert (await session.execute(RESIDENCE)).all() == []


async def test_an_official_never_inherits_a_binding(database: Database, baseline: Baseline) -> None:
    """A binding set earlier in the same transaction is cleared when an official is loaded."""
    token = mint_token(
        baseline.account("portal"), citizen=index_of(baseline, "own"), citizen_verified_by="mobile_id"
    )
    async with database.sessionmaker() as session, session.begin():
        await _principal(session, token)
        assert len((await session.execute(RESIDENCE)).all()) == 1
        official = await _principal(session, mint_token(baseline.account("t.intake")))
        assert official.citizen is None
        assert (await session.execute(RESIDENCE)).all() == []


# --- require_citizen ----------------------------------------------------------------------------


async def test_require_citizen(database: Database, baseline: Baseline) -> None:
    bound = mint_token(
        baseline.account("portal"), citizen=index_of(baseline, "own"), citizen_verified_by="mobile_id"
    )
    async with database.sessionmaker() as session, session.begin():
        assert require_citizen(await _principal(session, bound)) == index_of(baseline, "own")
        for account in ("portal", "kiosk", "t.intake"):
            principal = await _principal(session, mint_token(baseline.account(account)))
            with pytest.raises(PermissionDenied, match="본인 확인된 시민 정보가 필요합니다"):
                require_citizen(principal)
