"""Access tokens that must be refused: wrong or no signature, other algorithms, bad or missing claims,
garbage, and the token of an account whose grant changed. Each is tried on /auth/me (any valid token)
and on a registry read the account is otherwise allowed to make."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jose import jwt

from api.config import get_settings
from api.keys import get_keys
from api.security.scopes import Scope
from api.security.tokens import ALGORITHM
from tests.baseline import Account, Baseline
from tests.conftest import Auth
from tests.tokens import expired_token, mint_token

PROBLEM_JSON = "application/problem+json"
USER = "t.investigator"  # holds registry:read in 11110, so both URLs answer 200 to a good token
_ABSENT = object()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims(account: Account, **changes: Any) -> dict[str, Any]:
    """The claims issue_access_token puts in a real token; `changes` overrides (or, with _ABSENT,
    removes) single claims."""
    settings, now = get_settings(), int(datetime.now(UTC).timestamp())
    base: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": f"official:{account.id}",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
        "scope": " ".join(sorted(account.scopes)),
        "ver": account.version,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not _ABSENT}


def signed(payload: dict[str, Any], *, key: str | None = None, algorithm: str = ALGORITHM) -> str:
    return jwt.encode(payload, key or get_keys().jwt_private_pem, algorithm=algorithm)


def by_hand(header: dict[str, Any], payload: dict[str, Any], sign: Callable[[bytes], bytes]) -> str:
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"
    return f"{signing_input}.{b64(sign(signing_input.encode()))}"


def other_ec_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def flip(text: str, index: int) -> str:
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1 :]


def flipped_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    # The middle, not the last character: its low bits are padding and may decode to the same bytes.
    return ".".join((header, payload, flip(signature, len(signature) // 2)))


def escalated_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    body = json.loads(unb64(payload))
    body["scope"] += " admin audit:read"
    return ".".join((header, b64(json.dumps(body).encode()), signature))


Make = Callable[[Account], str]


def now() -> int:
    return int(datetime.now(UTC).timestamp())


BAD_TOKENS: dict[str, Make] = {
    "alg_none": lambda a: by_hand({"alg": "none", "typ": "JWT"}, claims(a), lambda _: b""),
    "alg_none_with_real_signature": lambda a: ".".join(
        (b64(b'{"alg":"none","typ":"JWT"}'), *mint_token(a).split(".")[1:])
    ),
    "hs512_with_a_secret": lambda a: signed(claims(a), key="x" * 64, algorithm="HS512"),
    "rs256_with_some_rsa_key": lambda a: signed(claims(a), key=rsa_pem(), algorithm="RS256"),
    "es256_with_another_key": lambda a: signed(claims(a), key=other_ec_pem()),
    "hs256_with_public_key_as_secret": lambda a: by_hand(
        {"alg": "HS256", "typ": "JWT"},
        claims(a),
        lambda data: hmac.new(get_keys().jwt_public_pem.encode(), data, hashlib.sha256).digest(),
    ),
    "es256_with_wrong_typ": lambda a: jwt.encode(
        claims(a), get_keys().jwt_private_pem, algorithm=ALGORITHM, headers={"typ": "at+jwt+x"}
    ),
    "expired_minted": expired_token,
    "expired_claims": lambda a: signed(claims(a, iat=now() - 900, nbf=now() - 900, exp=now() - 60)),
    "nbf_in_future": lambda a: signed(claims(a, nbf=now() + 600, exp=now() + 900)),
    "wrong_aud": lambda a: signed(claims(a, aud="urn:someone:else")),
    "wrong_iss": lambda a: signed(claims(a, iss="urn:evil:issuer")),
    "missing_exp": lambda a: signed(claims(a, exp=_ABSENT)),
    "missing_sub": lambda a: signed(claims(a, sub=_ABSENT)),
    "missing_aud": lambda a: signed(claims(a, aud=_ABSENT)),
    "missing_iss": lambda a: signed(claims(a, iss=_ABSENT)),
    "missing_nbf": lambda a: signed(claims(a, nbf=_ABSENT)),
    "missing_iat": lambda a: signed(claims(a, iat=_ABSENT)),
    "missing_ver": lambda a: signed(claims(a, ver=_ABSENT)),
    "wrong_ver": lambda a: signed(claims(a, ver=a.version + 1)),
    "sub_unknown_kind": lambda a: signed(claims(a, sub=f"admin:{a.id}")),
    "sub_not_a_uuid": lambda a: signed(claims(a, sub="official:nobody")),
    "sub_unknown_account": lambda a: signed(claims(a, sub=f"official:{uuid.uuid4()}")),
    "sub_official_as_client": lambda a: signed(claims(a, sub=f"client:{a.id}")),
    "flipped_signature": lambda a: flipped_signature(mint_token(a)),
    "escalated_payload": lambda a: escalated_payload(mint_token(a)),
    "garbage_abc": lambda _: "abc",
    "garbage_a.b.c": lambda _: "a.b.c",
    "garbage_empty": lambda _: "",
    "garbage_two_parts": lambda a: ".".join(mint_token(a).split(".")[:2]),
}


def urls(baseline: Baseline) -> list[str]:
    return ["/api/v1/auth/me", f"/api/v1/persons/{baseline.people['own']}"]


async def assert_refused(client: httpx.AsyncClient, url: str, headers: dict[str, str], what: str) -> None:
    response = await client.get(url, headers=headers)
    assert response.status_code == 401, f"{what} on {url}: {response.status_code} {response.text}"
    assert response.headers["content-type"].startswith(PROBLEM_JSON), what
    assert response.json()["status"] == 401
    assert response.headers.get("www-authenticate", "").lower().startswith("bearer")


@pytest.mark.parametrize("name", list(BAD_TOKENS))
@pytest.mark.parametrize("target", ["me", "person"])
async def test_bad_token_is_refused(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, name: str, target: str
) -> None:
    token = BAD_TOKENS[name](baseline.account(USER))
    url = urls(baseline)[0 if target == "me" else 1]
    await assert_refused(client, url, {"Authorization": f"Bearer {token}"}, name)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic dDpwYXNzd29yZA=="}, {"Authorization": "x"}],
    ids=["no_header", "bearer_without_token", "basic_scheme", "no_scheme"],
)
async def test_missing_or_foreign_credentials_are_refused(
    client: httpx.AsyncClient, baseline: Baseline, headers: dict[str, str]
) -> None:
    for url in urls(baseline):
        await assert_refused(client, url, headers, str(headers))


@pytest.mark.parametrize("how", ["minted", "hand_built_claims"])
async def test_control_token_is_accepted(client: httpx.AsyncClient, baseline: Baseline, how: str) -> None:
    """The same builders with nothing wrong give 200, so the refusals above are about the defect."""
    account = baseline.account(USER)
    token = mint_token(account) if how == "minted" else signed(claims(account))
    for url in urls(baseline):
        response = await client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, f"{url}: {response.text}"
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["name"] == USER


async def test_disabled_account_token_stops_working_at_once(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    account = baseline.account(USER)
    token = {"Authorization": f"Bearer {mint_token(account)}"}
    for url in urls(baseline):
        assert (await client.get(url, headers=token)).status_code == 200

    disabled = await client.post(
        f"/api/v1/officials/{account.id}/disable",
        json={"reason": "전보 발령으로 권한 회수"},
        headers=auth.headers("t.admin"),
    )
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["active"] is False
    for url in urls(baseline):
        await assert_refused(client, url, token, "token of a disabled account")

    # Enabling again does not revive tokens issued before: their `ver` is stale.
    enabled = await client.post(
        f"/api/v1/officials/{account.id}/enable",
        json={"reason": "복직"},
        headers=auth.headers("t.admin"),
    )
    assert enabled.status_code == 200, enabled.text
    for url in urls(baseline):
        await assert_refused(client, url, token, "pre-disable token after re-enabling")
    current = {"Authorization": f"Bearer {mint_token(replace(account, version=account.version + 2))}"}
    for url in urls(baseline):
        response = await client.get(url, headers=current)
        assert response.status_code == 200, f"token with the current version on {url}: {response.text}"


def test_hand_built_tokens_are_well_formed(baseline: Baseline) -> None:
    """The hand builder makes tokens a standard library accepts (so `hs256_with_public_key_as_secret`
    is refused for its algorithm and key, not for being malformed)."""
    settings, payload = get_settings(), claims(baseline.account(USER))
    token = by_hand(
        {"alg": "HS256", "typ": "JWT"},
        payload,
        lambda data: hmac.new(b"plain-secret", data, hashlib.sha256).digest(),
    )
    decoded = jwt.decode(
        token,
        "plain-secret",
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert decoded["sub"] == payload["sub"]


@pytest.mark.parametrize("username", ["t.intake", "portal"])
async def test_signed_token_cannot_claim_scopes_beyond_the_account(
    client: httpx.AsyncClient, baseline: Baseline, username: str
) -> None:
    """Correctly signed, but claiming every scope: only what the account's duties grant is in force."""
    account = baseline.account(username)
    everything = frozenset(s.value for s in Scope)
    headers = {"Authorization": f"Bearer {mint_token(account, scopes=everything)}"}
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.status_code == 200, me.text
    assert set(me.json()["scopes"]) == set(account.scopes)
    for url in ("/api/v1/officials", "/api/v1/audit/verify"):
        assert (await client.get(url, headers=headers)).status_code == 403, url
    reveal = await client.post(
        f"/api/v1/persons/{baseline.people['own']}/rrn", json={"reason": "권한 밖 열람 시도"}, headers=headers
    )
    assert reveal.status_code == 403, reveal.text
