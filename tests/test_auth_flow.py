"""Signing in through the real endpoints: the password grant with its HttpOnly refresh cookie, the
lockout after repeated failures (committed although the answer is 401), refresh-token rotation and
reuse detection, client credentials, and scopes beyond the account. Each request of the `client`
fixture commits to a savepoint, as a real request commits; the test's writes roll back."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from api.db import Database
from api.models import Official
from tests.baseline import OWN, PASSWORD, Baseline
from tests.conftest import Auth
from tests.test_registry import assert_problem

TOKEN = "/api/v1/auth/token"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
SPA = {"X-Requested-With": "XMLHttpRequest"}


@pytest.fixture(autouse=True)
def _accounts(baseline: Baseline) -> None:
    """The baseline accounts exist (loaded once per run, by the first test that asks)."""


async def sign_in(
    client: httpx.AsyncClient, username: str, password: str = PASSWORD, **form: str
) -> httpx.Response:
    data = {"grant_type": "password", "username": username, "password": password, **form}
    response = await client.post(TOKEN, data=data)
    client.cookies.clear()  # every test sends the refresh cookie it means to send, explicitly
    return response


def refresh_cookie(response: httpx.Response) -> str:
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith("ieum_refresh="))
    return header.split(";", 1)[0].removeprefix("ieum_refresh=")


async def post_with_cookie(
    client: httpx.AsyncClient, url: str, cookie: str | None, headers: dict[str, str] = SPA
) -> httpx.Response:
    cookie_header = {"Cookie": f"ieum_refresh={cookie}"} if cookie else {}
    response = await client.post(url, headers=headers | cookie_header)
    client.cookies.clear()
    return response


async def failed_logins(database: Database, username: str) -> tuple[int, bool]:
    async with database.sessionmaker() as session:
        row = (
            await session.execute(
                select(Official.failed_logins, Official.locked_at).where(Official.username == username)
            )
        ).one()
    return row.failed_logins, row.locked_at is not None


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- password grant -----------------------------------------------------------------------


async def test_password_grant(client: httpx.AsyncClient) -> None:
    response = await sign_in(client, "t.investigator")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert 0 < body["expires_in"] <= 900
    assert "registry:rrn" in body["scope"].split()
    assert response.headers["cache-control"] == "no-store"

    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith("ieum_refresh="))
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/api/v1/auth"} <= attributes
    assert refresh_cookie(response) not in response.text  # the refresh token is in the cookie only

    me = await client.get("/api/v1/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["kind"] == "official"
    assert me.json()["name"] == "t.investigator"
    assert me.json()["sigungu_code"] == OWN and me.json()["emd_code"] is None
    assert me.json()["roles"] == ["investigator"]
    assert set(me.json()["scopes"]) == set(body["scope"].split())


async def test_password_grant_for_a_narrower_scope(client: httpx.AsyncClient) -> None:
    response = await sign_in(client, "t.investigator", scope="registry:read")
    assert response.json()["scope"] == "registry:read"
    token = response.json()["access_token"]
    me = await client.get("/api/v1/auth/me", headers=bearer(token))
    assert me.json()["scopes"] == ["registry:read"]


async def test_wrong_password_or_unknown_account(client: httpx.AsyncClient, database: Database) -> None:
    for username, password in (("t.intake", "wrong-password-1!"), ("nobody.here", PASSWORD)):
        response = await sign_in(client, username, password)
        body = assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
        assert "set-cookie" not in response.headers
        assert "access_token" not in body
    assert await failed_logins(database, "t.intake") == (1, False)  # committed with the 401


async def test_five_failures_lock_the_account_until_an_admin_unlocks_it(
    client: httpx.AsyncClient, database: Database, auth: Auth, baseline: Baseline
) -> None:
    for attempt in range(1, 6):
        assert_problem(await sign_in(client, "t.intake", f"guess-{attempt}-wrong!"), 401)
        assert await failed_logins(database, "t.intake") == (attempt, attempt == 5)

    locked = await sign_in(client, "t.intake")  # even the right password
    assert "잠겼습니다" in assert_problem(locked, 401)["detail"]
    assert "set-cookie" not in locked.headers

    official = baseline.account("t.intake").id
    listed = await client.get("/api/v1/officials", headers=auth.headers("t.admin"))
    assert next(o for o in listed.json() if o["id"] == str(official))["locked"] is True
    unlocked = await client.post(
        f"/api/v1/officials/{official}/unlock",
        json={"reason": "본인 확인 후 잠금 해제"},
        headers=auth.headers("t.admin"),
    )
    assert unlocked.status_code == 200, unlocked.text
    assert unlocked.json()["locked"] is False
    assert await failed_logins(database, "t.intake") == (0, False)
    assert (await sign_in(client, "t.intake")).status_code == 200


async def test_a_successful_sign_in_resets_the_count(client: httpx.AsyncClient, database: Database) -> None:
    for _ in range(4):
        await sign_in(client, "t.intake", "not-the-password!")
    assert (await sign_in(client, "t.intake")).status_code == 200
    assert await failed_logins(database, "t.intake") == (0, False)
    assert (await sign_in(client, "t.intake", "not-the-password!")).status_code == 401
    assert await failed_logins(database, "t.intake") == (1, False)


# --- refresh and logout ---------------------------------------------------------------------


async def test_refresh_rotates_the_cookie(client: httpx.AsyncClient) -> None:
    first = refresh_cookie(await sign_in(client, "t.investigator"))
    response = await post_with_cookie(client, REFRESH, first)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    second = refresh_cookie(response)
    assert second != first
    me = await client.get("/api/v1/auth/me", headers=bearer(response.json()["access_token"]))
    assert me.json()["name"] == "t.investigator"

    third = await post_with_cookie(client, REFRESH, second)
    assert third.status_code == 200
    assert refresh_cookie(third) not in (first, second)


async def test_reusing_a_rotated_cookie_ends_the_whole_session(client: httpx.AsyncClient) -> None:
    first = refresh_cookie(await sign_in(client, "t.investigator"))
    newest = refresh_cookie(await post_with_cookie(client, REFRESH, first))

    replayed = await post_with_cookie(client, REFRESH, first)  # a copied cookie comes back
    assert_problem(replayed, 401)
    cleared = next(h for h in replayed.headers.get_list("set-cookie") if h.startswith("ieum_refresh="))
    assert "max-age=0" in cleared.lower()
    assert_problem(await post_with_cookie(client, REFRESH, newest), 401)  # the family is revoked

    other_session = refresh_cookie(await sign_in(client, "t.investigator"))  # a new sign-in is fine
    assert (await post_with_cookie(client, REFRESH, other_session)).status_code == 200


async def test_refresh_needs_the_spa_header_and_a_cookie(client: httpx.AsyncClient) -> None:
    cookie = refresh_cookie(await sign_in(client, "t.investigator"))
    without_header = await post_with_cookie(client, REFRESH, cookie, headers={})
    assert "x-requested-with" in {e["field"] for e in assert_problem(without_header, 422)["errors"]}
    assert_problem(await post_with_cookie(client, REFRESH, None), 401)
    assert_problem(await post_with_cookie(client, REFRESH, "made-up-token"), 401)
    assert (await post_with_cookie(client, REFRESH, cookie)).status_code == 200  # still unused


async def test_logout_ends_the_refresh_cookie(client: httpx.AsyncClient) -> None:
    cookie = refresh_cookie(await sign_in(client, "t.investigator"))
    assert_problem(await post_with_cookie(client, LOGOUT, cookie, headers={}), 422)
    response = await post_with_cookie(client, LOGOUT, cookie)
    assert response.status_code == 204
    assert "max-age=0" in response.headers["set-cookie"].lower()
    assert_problem(await post_with_cookie(client, REFRESH, cookie), 401)
    assert (await post_with_cookie(client, LOGOUT, None)).status_code == 204  # nothing to end


# --- client credentials and scopes -----------------------------------------------------------


async def client_token(client: httpx.AsyncClient, client_id: str, secret: str, **form: str) -> httpx.Response:
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret, **form}
    return await client.post(TOKEN, data=data)


async def test_client_credentials_for_the_portal(client: httpx.AsyncClient, baseline: Baseline) -> None:
    portal = baseline.account("portal")
    assert portal.secret is not None
    response = await client_token(client, "portal", portal.secret)
    assert response.status_code == 200, response.text
    assert "set-cookie" not in response.headers  # no refresh token for a service client
    assert set(response.json()["scope"].split()) == {"citizen:applications", "citizen:certificates"}
    headers = bearer(response.json()["access_token"])

    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["kind"] == "portal" and me.json()["sigungu_code"] is None
    read = await client.get(f"/api/v1/persons/{baseline.people['own']}", headers=headers)
    assert_problem(read, 403)
    search = await client.post("/api/v1/persons/search", json={"name": "김청운"}, headers=headers)
    assert_problem(search, 403)


async def test_client_credentials_refused(client: httpx.AsyncClient, baseline: Baseline) -> None:
    secret = baseline.account("portal").secret
    assert secret is not None
    assert_problem(await client_token(client, "portal", secret + "x"), 401)
    assert_problem(await client_token(client, "no-such-client", secret), 401)
    assert_problem(await client_token(client, "portal", ""), 401)


async def test_a_scope_beyond_the_account_is_refused(client: httpx.AsyncClient, baseline: Baseline) -> None:
    secret = baseline.account("portal").secret
    assert secret is not None
    assert_problem(await client_token(client, "portal", secret, scope="registry:read"), 401)
    refused = await sign_in(client, "t.intake", scope="admin")
    assert "scope" in assert_problem(refused, 401)["detail"]
    assert "set-cookie" not in refused.headers


async def test_unknown_grant_type(client: httpx.AsyncClient) -> None:
    response = await client.post(TOKEN, data={"grant_type": "implicit", "username": "t.intake"})
    assert "grant_type" in {e["field"] for e in assert_problem(response, 422)["errors"]}
