"""Account administration as it affects signing in: a change of duties voids the old tokens at once,
every grant and change is in the history, an administrator sees only their own 시군구, and new
accounts need a strong password and a unique username. The test's writes roll back."""

from __future__ import annotations

from typing import Any

import httpx

from tests.baseline import OTHER, OWN, PASSWORD, Baseline
from tests.conftest import Auth
from tests.test_auth_flow import bearer, sign_in
from tests.test_registry import assert_problem, error_fields


def new_official(username: str, password: str = "strong-pass-2026!", **extra: Any) -> dict[str, Any]:
    return {
        "username": username,
        "display_name": "신규 직원",
        "password": password,
        "roles": ["intake"],
        "sigungu_code": OWN,
        **extra,
    }


async def test_a_change_of_duties_voids_the_old_token(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    official = baseline.account("t.intake").id
    old = auth.headers("t.intake")
    assert (await client.get("/api/v1/auth/me", headers=old)).status_code == 200

    changed = await client.patch(
        f"/api/v1/officials/{official}",
        json={"roles": ["intake", "investigator"], "reason": "통합조사 업무 겸임"},
        headers=auth.headers("t.admin"),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["roles"] == ["intake", "investigator"]

    assert_problem(await client.get("/api/v1/auth/me", headers=old), 401)
    assert_problem(await client.get(f"/api/v1/persons/{baseline.people['own']}", headers=old), 401)
    fresh = await sign_in(client, "t.intake")
    assert "registry:rrn" in fresh.json()["scope"].split()
    me = await client.get("/api/v1/auth/me", headers=bearer(fresh.json()["access_token"]))
    assert me.json()["roles"] == ["intake", "investigator"]


async def test_grant_history_names_each_change(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    official = baseline.account("t.intake").id
    admin = auth.headers("t.admin")
    await client.patch(
        f"/api/v1/officials/{official}",
        json={"roles": ["intake", "investigator"], "reason": "겸임 발령"},
        headers=admin,
    )
    await client.patch(
        f"/api/v1/officials/{official}", json={"roles": ["intake"], "reason": "겸임 해제"}, headers=admin
    )

    response = await client.get(f"/api/v1/officials/{official}/grants", headers=admin)
    assert response.status_code == 200, response.text
    events = response.json()
    assert [e["change"] for e in events] == ["grant", "change", "revoke"]
    assert events[0]["before"] is None and events[0]["after"]["roles"] == ["intake"]
    assert events[1]["before"]["roles"] == ["intake"]
    assert events[1]["after"]["roles"] == ["intake", "investigator"]
    assert events[1]["changed_by"] == "t.admin" and events[1]["reason"] == "겸임 발령"
    assert events[2]["before"]["roles"] == ["intake", "investigator"]
    assert events[2]["after"]["roles"] == ["intake"]
    assert all(e["after"]["sigungu_code"] == OWN for e in events)


async def test_disabling_an_account_ends_its_access(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    official = baseline.account("t.intake").id
    disabled = await client.post(
        f"/api/v1/officials/{official}/disable", json={"reason": "전출"}, headers=auth.headers("t.admin")
    )
    assert disabled.json()["active"] is False
    assert_problem(await client.get("/api/v1/auth/me", headers=auth.headers("t.intake")), 401)
    assert "중지" in assert_problem(await sign_in(client, "t.intake"), 401)["detail"]


async def test_an_admin_of_another_sigungu_cannot_see_or_change_ours(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    official = baseline.account("t.intake").id
    other_admin = auth.headers("o.admin")
    listed = await client.get("/api/v1/officials", headers=other_admin)
    assert listed.status_code == 200
    assert {o["sigungu_code"] for o in listed.json()} == {OTHER}

    assert_problem(await client.get(f"/api/v1/officials/{official}/grants", headers=other_admin), 404)
    changes = [
        ("PATCH", "", {"roles": ["admin"], "reason": "권한 변경"}),
        ("POST", "/disable", {"reason": "사용 중지"}),
        ("POST", "/enable", {"reason": "사용 재개"}),
        ("POST", "/unlock", {"reason": "잠금 해제"}),
    ]
    for method, suffix, body in changes:
        response = await client.request(
            method, f"/api/v1/officials/{official}{suffix}", json=body, headers=other_admin
        )
        assert_problem(response, 404)
    # nothing changed: the token issued before still works
    assert (await client.get("/api/v1/auth/me", headers=auth.headers("t.intake"))).status_code == 200
    created = await client.post(
        "/api/v1/officials", json=new_official("o.stranger", sigungu_code=OWN), headers=other_admin
    )
    assert "sigungu_code" in error_fields(assert_problem(created, 422))


async def test_creating_an_official(client: httpx.AsyncClient, auth: Auth) -> None:
    admin = auth.headers("t.admin")
    created = await client.post(
        "/api/v1/officials", json=new_official("t.newcomer", reason="신규 임용"), headers=admin
    )
    assert created.status_code == 201, created.text
    assert created.json()["roles"] == ["intake"] and created.json()["locked"] is False
    assert "password" not in created.json()
    assert (await sign_in(client, "t.newcomer", "strong-pass-2026!")).status_code == 200


async def test_a_weak_password_is_refused(client: httpx.AsyncClient, auth: Auth) -> None:
    for weak in ("short1!", "onlyletterslong", "1234567890123"):
        response = await client.post(
            "/api/v1/officials", json=new_official("t.weakling", weak), headers=auth.headers("t.admin")
        )
        body = assert_problem(response, 422)
        assert error_fields(body) == {"password"}
        assert weak not in response.text


async def test_a_username_is_unique(client: httpx.AsyncClient, auth: Auth) -> None:
    for username in ("t.intake", "o.admin"):  # across 시군구, too
        response = await client.post(
            "/api/v1/officials", json=new_official(username, PASSWORD), headers=auth.headers("t.admin")
        )
        assert_problem(response, 409)
