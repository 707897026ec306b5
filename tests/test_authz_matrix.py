"""The authorization matrix: every guarded route × every duty and service client × a target in the
caller's own 시군구 or another × a valid, missing, expired or tampered token. Bad token → 401; scope
missing → 403; scope held → success for an own target, 404 for another 시군구's (create routes: 422
`outside_jurisdiction`; list routes: 200 with nothing from the other 시군구)."""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from api.db import Database
from api.models import AccessLog
from api.security.scopes import CLIENT_SCOPES, ClientKind, Role, Scope, scopes_for_roles
from tests.authz_cases import CASE_SPECS
from tests.authz_certificates import CERTIFICATE_SPECS
from tests.authz_entitlements import ENTITLEMENT_SPECS
from tests.authz_payments import PAYMENT_SPECS
from tests.authz_recovery import RECOVERY_SPECS
from tests.authz_support import Build, Call, Check, Ctx, Spec, field_is, scoped
from tests.baseline import CHEONGUN, OTHER, OWN, SAJIK, Baseline
from tests.conftest import Auth
from tests.test_route_guards import PROTECTED, concrete_url
from tests.tokens import expired_token

PROBLEM_JSON = "application/problem+json"
CALLERS = [f"t.{role.value}" for role in Role] + [kind.value for kind in ClientKind]
TOKENS = ("valid", "expired", "tampered")


def granted(caller: str) -> frozenset[str]:
    """Scopes from the role → scope map in api/security/scopes.py."""
    if caller in {kind.value for kind in ClientKind}:
        return frozenset(s.value for s in CLIENT_SCOPES[ClientKind(caller)])
    return frozenset(s.value for s in scopes_for_roles([caller.removeprefix("t.")]))


def outside_jurisdiction(field: str) -> Check:
    def check(body: Any) -> None:
        codes = {(e["field"], e["code"]) for e in body.get("errors", [])}
        assert (field, "outside_jurisdiction") in codes, body

    return check


_serial = itertools.count(1)


def fresh_rrn() -> str:
    """A valid 주민등록번호 not in the baseline: a real birth date after 1990, 7th digit 1."""
    n = next(_serial)
    born = date(1990, 1, 1) + timedelta(days=n % 9000)
    return f"{born:%y%m%d}-1{n:06d}"


ADDRESS = {
    "own": {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "청운동 새 주소 1"},
    "other": {"sigungu_code": OTHER, "address": "중구 새 주소 1"},
}
REASON = {"reason": "인사 이동에 따른 조치"}


# --- request builders, one per route ----------------------------------------------------------------
async def me(c: Ctx, _: str) -> Call:
    return Call("/api/v1/auth/me", check=field_is("name", c.caller))


async def create_person(c: Ctx, where: str) -> Call:
    body = {"name": "신규자", "rrn": fresh_rrn(), "address": ADDRESS[where]}
    if where == "other":
        return Call("/api/v1/persons", body, 422, outside_jurisdiction("address.sigungu_code"))
    return Call("/api/v1/persons", body, 201, field_is("name", "신규자"))


async def read_person(c: Ctx, where: str) -> Call:
    pid = c.person(where)
    return scoped(where, f"/api/v1/persons/{pid}", check=field_is("id", str(pid)))


async def update_person(c: Ctx, where: str) -> Call:
    def check(body: Any) -> None:
        assert body["phone"] == "010-1234-5678" and body["version"] == 2

    body = {"version": 1, "phone": "010-1234-5678"}
    return scoped(where, f"/api/v1/persons/{c.person(where)}", body, check=check)


async def search_persons(c: Ctx, where: str) -> Call:
    name = {"own": "김청운", "other": "최중구"}[where]

    def check(body: Any) -> None:
        found = [p["id"] for p in body]
        assert found == ([str(c.person("own"))] if where == "own" else []), body

    return Call("/api/v1/persons/search", {"name": name}, 200, check)


async def lookup_person(c: Ctx, where: str) -> Call:
    pid = c.person(where)
    body = {"rrn": c.baseline.rrns[where]}
    return scoped(where, "/api/v1/persons/lookup", body, check=field_is("id", str(pid)))


async def reveal_rrn(c: Ctx, where: str) -> Call:
    body, check = {"reason": "통합조사 본인 확인"}, field_is("rrn", c.baseline.rrns["own"])
    return scoped(where, f"/api/v1/persons/{c.person(where)}/rrn", body, check=check)


async def list_relations(c: Ctx, where: str) -> Call:
    def check(body: Any) -> None:
        assert body == []  # the baseline records no family relations

    return scoped(where, f"/api/v1/persons/{c.person(where)}/relations", check=check)


async def add_relation(c: Ctx, where: str) -> Call:
    body = {"related_person_id": str(c.person("own_other_emd")), "kind": "child"}
    return scoped(where, f"/api/v1/persons/{c.person(where)}/relations", body, ok=201)


async def remove_relation(c: Ctx, where: str) -> Call:
    body = {"related_person_id": str(c.person("own_other_emd")), "kind": "child"}
    made = await c.setup("POST", f"/api/v1/persons/{c.person('own')}/relations", "t.investigator", body)
    return scoped(where, f"/api/v1/persons/{c.person(where)}/relations/{made['id']}", ok=204)


async def create_household(c: Ctx, where: str) -> Call:
    if where == "other":
        body = {"head_person_id": str(c.person("other")), "address": ADDRESS["other"]}
        return Call("/api/v1/households", body, 422, outside_jurisdiction("address.sigungu_code"))
    address = {"sigungu_code": OWN, "emd_code": SAJIK, "emd_name": "사직동", "address": "사직동 새 가구 1"}
    head = str(c.person("own_other_emd"))

    def check(body: Any) -> None:
        assert [(m["person_id"], m["relation"]) for m in body["members"]] == [(head, "head")]

    return Call("/api/v1/households", {"head_person_id": head, "address": address}, 201, check)


async def read_household(c: Ctx, where: str) -> Call:
    hid = c.household(where)
    return scoped(where, f"/api/v1/households/{hid}", check=field_is("id", str(hid)))


def membership(person: str, member: bool) -> Check:
    def check(body: Any) -> None:
        assert (person in [m["person_id"] for m in body["members"]]) is member, body

    return check


async def add_member(c: Ctx, where: str) -> Call:
    person = str(c.person("own_other_emd" if where == "own" else "other"))
    url = f"/api/v1/households/{c.household(where)}/members"
    body = {"person_id": person, "relation": "sibling"}
    return scoped(where, url, body, ok=201, check=membership(person, True))


async def leave_household(c: Ctx, where: str) -> Call:
    person = str(c.person("own_spouse" if where == "own" else "other"))
    url = f"/api/v1/households/{c.household(where)}/members/{person}/leave"
    return scoped(where, url, {"left_on": "2026-01-02"}, check=membership(person, False))


async def list_officials(c: Ctx, _: str) -> Call:
    def check(body: Any) -> None:
        assert {o["sigungu_code"] for o in body} == {OWN}
        assert "t.intake" in {o["username"] for o in body}

    return Call("/api/v1/officials", check=check)


async def create_official(c: Ctx, where: str) -> Call:
    body = {
        "username": "new.official",
        "display_name": "새 직원",
        "password": "Fresh-pass-2026!",
        "roles": ["intake"],
        "sigungu_code": OWN if where == "own" else OTHER,
        "programs": ["livelihood"],
    }
    if where == "other":
        return Call("/api/v1/officials", body, 422, outside_jurisdiction("sigungu_code"))
    return Call("/api/v1/officials", body, 201, field_is("username", "new.official"))


async def update_official(c: Ctx, where: str) -> Call:
    body = {"display_name": "바뀐 이름", "reason": "업무 분장 변경"}
    url = f"/api/v1/officials/{c.official(where)}"
    return scoped(where, url, body, check=field_is("display_name", "바뀐 이름"))


def status_change(action: str, field: str, value: bool) -> Build:
    async def build(c: Ctx, where: str) -> Call:
        url = f"/api/v1/officials/{c.official(where)}/{action}"
        return scoped(where, url, REASON, check=field_is(field, value))

    return build


async def grant_history(c: Ctx, where: str) -> Call:
    def check(body: Any) -> None:
        assert [e["change"] for e in body][:1] == ["grant"], body

    return scoped(where, f"/api/v1/officials/{c.official(where)}/grants", check=check)


async def audit_records(c: Ctx, where: str) -> Call:
    """Records of an own official are visible; of another 시군구's official, never (empty list)."""
    actor = "t.investigator" if where == "own" else "o.investigator"
    await c.setup("GET", f"/api/v1/persons/{c.person(where)}", actor)

    def check(body: Any) -> None:
        if where == "own":
            assert body and {r["actor"] for r in body} == {actor}, body
        else:
            assert body == [], body

    return Call(f"/api/v1/audit/records?actor={actor}", check=check)


async def audit_verify(c: Ctx, _: str) -> Call:
    return Call("/api/v1/audit/verify", check=field_is("ok", True))


async def sigungu(c: Ctx, _: str) -> Call:
    def check(body: Any) -> None:
        assert OWN in {s["code"] for s in body}

    return Call("/api/v1/reference/sigungu", check=check)


async def parameters(c: Ctx, _: str) -> Call:
    def check(body: Any) -> None:
        assert "standard_median_income" in {p["name"] for p in body["parameters"]}

    return Call("/api/v1/parameters?as_of=2026-05-01", check=check)


R, W, RRN, A = Scope.REGISTRY_READ, Scope.REGISTRY_WRITE, Scope.REGISTRY_RRN, Scope.ADMIN
P, OFF = "/api/v1/persons", "/api/v1/officials"
SPECS = [
    Spec("GET", "/api/v1/auth/me", None, me, targeted=False),
    Spec("POST", P, W, create_person),
    Spec("GET", P + "/{person_id}", R, read_person),
    Spec("PATCH", P + "/{person_id}", W, update_person),
    Spec("POST", P + "/search", R, search_persons),
    Spec("POST", P + "/lookup", R, lookup_person),
    Spec("POST", P + "/{person_id}/rrn", RRN, reveal_rrn),
    Spec("GET", P + "/{person_id}/relations", R, list_relations),
    Spec("POST", P + "/{person_id}/relations", W, add_relation),
    Spec("DELETE", P + "/{person_id}/relations/{relation_id}", W, remove_relation),
    Spec("POST", "/api/v1/households", W, create_household),
    Spec("GET", "/api/v1/households/{household_id}", R, read_household),
    Spec("POST", "/api/v1/households/{household_id}/members", W, add_member),
    Spec("POST", "/api/v1/households/{household_id}/members/{person_id}/leave", W, leave_household),
    Spec("GET", OFF, A, list_officials, targeted=False),
    Spec("POST", OFF, A, create_official),
    Spec("PATCH", OFF + "/{official_id}", A, update_official),
    Spec("POST", OFF + "/{official_id}/disable", A, status_change("disable", "active", False)),
    Spec("POST", OFF + "/{official_id}/enable", A, status_change("enable", "active", True)),
    Spec("POST", OFF + "/{official_id}/unlock", A, status_change("unlock", "locked", False)),
    Spec("GET", OFF + "/{official_id}/grants", A, grant_history),
    Spec("GET", "/api/v1/audit/records", Scope.AUDIT_READ, audit_records),
    Spec("GET", "/api/v1/audit/verify", Scope.AUDIT_READ, audit_verify, targeted=False),
    Spec("GET", "/api/v1/reference/sigungu", Scope.REFERENCE_READ, sigungu, targeted=False),
    Spec("GET", "/api/v1/parameters", Scope.REFERENCE_READ, parameters, targeted=False),
]
SPECS += ENTITLEMENT_SPECS + CASE_SPECS + CERTIFICATE_SPECS + PAYMENT_SPECS + RECOVERY_SPECS


def test_matrix_covers_every_guarded_route() -> None:
    table = {(s.method, s.path) for s in SPECS}
    served = {r.key for r in PROTECTED}
    assert not served - table, f"guarded routes missing from the matrix: {sorted(served - table)}"
    assert not table - served, f"matrix rows for routes the app does not serve: {sorted(table - served)}"


# --- tokens -----------------------------------------------------------------------------------------
def tampered(token: str) -> str:
    """The caller's own token with every scope written into the payload; the signature is kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["scope"] = " ".join(sorted(s.value for s in Scope))
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return ".".join((header, forged, signature))


def token_for(auth: Auth, caller: str, kind: str) -> str:
    if kind == "expired":
        return expired_token(auth.baseline.account(caller))
    token = auth.token(caller)
    return tampered(token) if kind == "tampered" else token


def expected_status(spec: Spec, caller: str | None, token: str, call: Call) -> int:
    if caller is None or token != "valid":
        return 401
    if spec.scope is not None and spec.scope.value not in granted(caller):
        return 403
    return call.status


def cases() -> Iterator[Any]:
    for spec in SPECS:
        label = f"{spec.method} {spec.path}"
        for where in ("own", "other") if spec.targeted else ("any",):
            yield pytest.param(spec, None, where, "none", id=f"{label}|anonymous|{where}|none")
            for caller, token in itertools.product(CALLERS, TOKENS):
                yield pytest.param(spec, caller, where, token, id=f"{label}|{caller}|{where}|{token}")


@pytest.mark.parametrize(("spec", "caller", "where", "token"), list(cases()))
async def test_authorization_matrix(
    client: httpx.AsyncClient,
    auth: Auth,
    baseline: Baseline,
    database: Database,
    spec: Spec,
    caller: str | None,
    where: str,
    token: str,
) -> None:
    ctx = Ctx(client, auth, baseline, caller, database)
    if expected_status(spec, caller, token, Call("")) in (401, 403):
        # Refused at the guard, before anything looks at the target: no need to build one (some
        # builders create whole cases), a well-formed URL with random ids asks the same question.
        call = Call(concrete_url(spec.path))
    else:
        call = await spec.build(ctx, "own" if where == "any" else where)
    headers = dict(call.headers or {})
    if caller is not None:
        headers["Authorization"] = f"Bearer {token_for(auth, caller, token)}"
    # A file upload (bytes) goes as the body itself; everything else as JSON.
    body: dict[str, Any] = {"content": call.body} if isinstance(call.body, bytes) else {"json": call.body}
    response = await client.request(spec.method, call.url, headers=headers, **body)
    expected = expected_status(spec, caller, token, call)
    assert response.status_code == expected, (
        f"{spec.method} {spec.path} as {caller} ({token} token, {where} target): expected {expected}, "
        f"got {response.status_code} {response.text}"
    )
    if expected >= 400:
        assert response.headers["content-type"].startswith(PROBLEM_JSON)
        assert response.json()["status"] == expected
    if expected == call.status and call.check is not None:
        call.check(response.json())


# --- jurisdiction details ---------------------------------------------------------------------------
async def test_cross_jurisdiction_read_leaves_one_not_found_record(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, database: Database
) -> None:
    other = baseline.people["other"]

    async def count() -> int:
        async with database.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(AccessLog)) or 0)

    before = await count()
    response = await client.get(f"/api/v1/persons/{other}", headers=auth.headers("t.investigator"))
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    assert await count() == before + 1
    async with database.sessionmaker() as session:
        rows = (
            await session.scalars(
                select(AccessLog).where(AccessLog.request_id == response.headers["x-request-id"])
            )
        ).all()
    assert len(rows) == 1
    record = rows[0]
    seen = (record.outcome, record.status, record.actor, record.actor_sigungu, record.resource, record.action)
    assert seen == ("not_found", 404, "t.investigator", OWN, f"person:{other}", "조회")
    assert record.subjects == []  # a refused read names no one as found


@pytest.mark.parametrize(("person", "status"), [("own", 200), ("own_other_emd", 404)])
async def test_emd_scoped_official_sees_only_own_emd(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, person: str, status: int
) -> None:
    response = await client.get(
        f"/api/v1/persons/{baseline.people[person]}", headers=auth.headers("t.emd.intake")
    )
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["id"] == str(baseline.people[person])
