"""Rows of the authorization matrix for the case workflow (신청, 조사, 결정). Each builder prepares
the case it needs through the officials of the target's 시군구: 종로구 (`t.*`) for "own", 중구 (`o.*`)
for "other"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from api.clock import today
from api.security.scopes import Scope
from tests.authz_support import Call, Ctx, Spec, field_is, scoped

OFFICER = {
    "own": {"intake": "t.intake", "investigator": "t.investigator", "decision": "t.decision_maker"},
    "other": {"intake": "o.intake", "investigator": "o.investigator", "decision": "o.decision_maker"},
}
APPLICANT = {"own": ("own", "own"), "other": ("other", "other")}  # (person key, household key)
NOTICE = {"version": "2026-01", "given_on": "2026-11-02"}


async def application(c: Ctx, where: str, *, applied_on: str = "2026-11-02") -> dict[str, Any]:
    person, household = APPLICANT[where]
    body = {
        "applicant_person_id": str(c.person(person)),
        "household_id": str(c.household(household)),
        "programs": ["livelihood"],
        "channel": "visit",
        "applied_on": applied_on,
        "privacy_notice": {**NOTICE, "given_on": applied_on},
    }
    result: dict[str, Any] = await c.setup("POST", "/api/v1/applications", OFFICER[where]["intake"], body)
    return result


async def investigation(c: Ctx, where: str, *, complete: bool = False) -> dict[str, Any]:
    app = await application(c, where)
    who = OFFICER[where]["investigator"]
    inv: dict[str, Any] = await c.setup("POST", "/api/v1/investigations", who, {"application_id": app["id"]})
    if complete:
        inv = await c.setup(
            "POST", f"/api/v1/investigations/{inv['id']}/completion", who, {"version": inv["version"]}
        )
    return inv


async def decision(c: Ctx, where: str) -> dict[str, Any]:
    inv = await investigation(c, where, complete=True)
    who = OFFICER[where]["decision"]
    proposal = await c.setup(
        "GET", "/api/v1/decisions/proposal", who, application_id=inv["application_id"], program="livelihood"
    )
    body = reject(inv["application_id"], proposal["case_version"])
    result: dict[str, Any] = await c.setup("POST", "/api/v1/decisions", who, body)
    return result


def reject(application_id: str, version: int) -> dict[str, Any]:
    return {
        "application_id": application_id,
        "program": "livelihood",
        "outcome": "rejected",
        "reason_codes": ["other"],
        "note": "권한 점검용 결정",
        "case_version": version,
    }


def state_of(program_state: str) -> Any:
    def check(body: Any) -> None:
        assert body["programs"][0]["state"] == program_state, body

    return check


# --- applications -----------------------------------------------------------------------------------
async def receive(c: Ctx, where: str) -> Call:
    person, household = APPLICANT[where]
    body = {
        "applicant_person_id": str(c.person(person)),
        "household_id": str(c.household(household)),
        "programs": ["livelihood", "housing"],
        "channel": "visit",
        "privacy_notice": NOTICE,
    }
    return scoped(where, "/api/v1/applications", body, ok=201, check=state_of("received"))


async def list_applications(c: Ctx, where: str) -> Call:
    app = await application(c, where)

    def check(body: Any) -> None:
        assert (app["id"] in {a["id"] for a in body}) is (where == "own"), body

    return Call("/api/v1/applications", check=check)


async def overdue(c: Ctx, where: str) -> Call:
    app = await application(c, where, applied_on=(today() - timedelta(days=45)).isoformat())

    def check(body: Any) -> None:
        assert (app["id"] in {a["application_id"] for a in body}) is (where == "own"), body

    return Call("/api/v1/applications/overdue", check=check)


async def read_application(c: Ctx, where: str) -> Call:
    app = await application(c, where)
    return scoped(where, f"/api/v1/applications/{app['id']}", check=field_is("id", app["id"]))


async def history(c: Ctx, where: str) -> Call:
    app = await application(c, where)

    def check(body: Any) -> None:
        assert [e["event"] for e in body] == ["received"], body

    return scoped(where, f"/api/v1/applications/{app['id']}/history", check=check)


async def withdraw(c: Ctx, where: str) -> Call:
    app = await application(c, where)
    body = {"reason": "본인 요청", "version": app["version"]}
    return scoped(where, f"/api/v1/applications/{app['id']}/withdrawal", body, check=state_of("withdrawn"))


async def extend(c: Ctx, where: str) -> Call:
    app = await application(c, where)
    body = {
        "reason": "support_obligor_investigation",
        "detail": "부양의무자 소득 조회 지연",
        "version": app["version"],
    }

    def check(body: Any) -> None:
        assert body["deadline"]["extended"] is True, body

    return scoped(where, f"/api/v1/applications/{app['id']}/extension", body, check=check)


async def refusal(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    app = await c.setup("GET", f"/api/v1/applications/{inv['application_id']}", OFFICER[where]["intake"])
    body = {"note": "자료 제출 거부", "version": app["version"]}

    def check(body: Any) -> None:
        assert body["programs"][0]["investigation_refusals"] == 1, body

    return scoped(where, f"/api/v1/applications/{app['id']}/refusals", body, check=check)


async def dismissal(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    who = OFFICER[where]["investigator"]
    url = f"/api/v1/applications/{inv['application_id']}"
    for _ in range(2):
        app = await c.setup("GET", url, OFFICER[where]["intake"])
        await c.setup("POST", f"{url}/refusals", who, {"note": "조사 거부", "version": app["version"]})
    app = await c.setup("GET", url, OFFICER[where]["intake"])
    body = {"reason": "두 차례 조사 거부", "version": app["version"]}
    return scoped(where, f"{url}/dismissal", body, check=state_of("dismissed"))


def citizen_only(path: str, body: Any = None) -> Any:
    """Portal routes: the matrix's portal token asserts no citizen, so even the portal is refused;
    the citizen-bound paths are tested in tests/cases/test_online_applications.py."""

    async def build(c: Ctx, _: str) -> Call:
        return Call(path, body, 403)

    return build


# --- investigations ---------------------------------------------------------------------------------
async def start(c: Ctx, where: str) -> Call:
    app = await application(c, where)

    def check(body: Any) -> None:
        assert body["application_id"] == app["id"] and body["state"] == "open", body

    return scoped(where, "/api/v1/investigations", {"application_id": app["id"]}, ok=201, check=check)


async def read_investigation(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    return scoped(where, f"/api/v1/investigations/{inv['id']}", check=field_is("id", inv["id"]))


async def regather(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    return scoped(where, f"/api/v1/investigations/{inv['id']}/gathering", {"version": inv["version"]})


async def facts(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    body = {
        "facts": {"housing": {"tenure": "rent", "monthly_rent": 300_000}},
        "reason": "계약서",
        "version": inv["version"],
    }

    def check(body: Any) -> None:
        assert body["facts"]["housing"]["monthly_rent"] == 300_000, body

    return scoped(where, f"/api/v1/investigations/{inv['id']}/facts", body, check=check)


async def add_evidence(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    person = str(c.person(APPLICANT[where][0]))
    body = {
        "person_id": person,
        "kind": "income",
        "record": {"month": "2026-10-01", "income_type": "earned", "amount": 400_000, "payer": "일용 근로"},
        "reason": "일용근로 확인서",
        "version": inv["version"],
    }

    def check(body: Any) -> None:
        assert any(e["source"] == "official" for e in body["evidence"]), body

    return scoped(where, f"/api/v1/investigations/{inv['id']}/evidence", body, ok=201, check=check)


async def void_evidence(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    who = OFFICER[where]["investigator"]
    record = {"month": "2026-10-01", "income_type": "earned", "amount": 1, "payer": "오입력"}
    body = {
        "person_id": str(c.person(APPLICANT[where][0])),
        "kind": "income",
        "record": record,
        "reason": "입력",
    }
    inv = await c.setup(
        "POST", f"/api/v1/investigations/{inv['id']}/evidence", who, {**body, "version": inv["version"]}
    )
    entered = next(e for e in inv["evidence"] if e["source"] == "official")
    url = f"/api/v1/investigations/{inv['id']}/evidence/{entered['id']}/void"
    return scoped(where, url, {"reason": "오입력", "version": inv["version"]})


async def complete(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where)
    url = f"/api/v1/investigations/{inv['id']}/completion"
    return scoped(where, url, {"version": inv["version"]}, check=field_is("state", "completed"))


async def reopen(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where, complete=True)
    url = f"/api/v1/investigations/{inv['id']}/reopening"
    return scoped(
        where, url, {"reason": "재산 보완조사", "version": inv["version"]}, check=field_is("state", "open")
    )


# --- decisions --------------------------------------------------------------------------------------
async def proposal(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where, complete=True)
    url = f"/api/v1/decisions/proposal?application_id={inv['application_id']}&program=livelihood"
    return scoped(where, url, check=field_is("state", "investigated"))


async def preview(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where, complete=True)
    return scoped(where, "/api/v1/decisions/preview", reject(inv["application_id"], 1))


async def decide(c: Ctx, where: str) -> Call:
    inv = await investigation(c, where, complete=True)
    proposal = await c.setup(
        "GET",
        "/api/v1/decisions/proposal",
        OFFICER[where]["decision"],
        application_id=inv["application_id"],
        program="livelihood",
    )
    body = reject(inv["application_id"], proposal["case_version"])
    return scoped(where, "/api/v1/decisions", body, ok=201, check=field_is("outcome", "rejected"))


async def read_decision(c: Ctx, where: str) -> Call:
    made = await decision(c, where)
    return scoped(where, f"/api/v1/decisions/{made['id']}", check=field_is("id", made["id"]))


async def notice(c: Ctx, where: str) -> Call:
    made = await decision(c, where)
    return scoped(where, f"/api/v1/decisions/{made['id']}/notice")


AR, AW = Scope.APPLICATIONS_READ, Scope.APPLICATIONS_WRITE
IR, IW = Scope.INVESTIGATIONS_READ, Scope.INVESTIGATIONS_WRITE
DR, DW = Scope.DECISIONS_READ, Scope.DECISIONS_WRITE
CA = Scope.CITIZEN_APPLICATIONS
A, INV, ON = "/api/v1/applications", "/api/v1/investigations", "/api/v1/applications/online"
ONLINE_BODY = {"programs": ["livelihood"], "privacy_notice": NOTICE}

CASE_SPECS = [
    Spec("POST", A, AW, receive),
    Spec("GET", A, AR, list_applications),
    Spec("GET", A + "/overdue", AR, overdue),
    Spec("GET", A + "/{application_id}", AR, read_application),
    Spec("GET", A + "/{application_id}/history", AR, history),
    Spec("POST", A + "/{application_id}/withdrawal", AW, withdraw),
    Spec("POST", A + "/{application_id}/extension", IW, extend),
    Spec("POST", A + "/{application_id}/refusals", IW, refusal),
    Spec("POST", A + "/{application_id}/dismissal", IW, dismissal),
    Spec("POST", ON, CA, citizen_only(ON, ONLINE_BODY), targeted=False),
    Spec("GET", ON, CA, citizen_only(ON), targeted=False),
    Spec(
        "GET",
        ON + "/{application_id}",
        CA,
        citizen_only(ON + "/00000000-0000-4000-8000-000000000000"),
        targeted=False,
    ),
    Spec(
        "POST",
        ON + "/{application_id}/withdrawal",
        CA,
        citizen_only(
            ON + "/00000000-0000-4000-8000-000000000000/withdrawal", {"reason": "취하", "version": 1}
        ),
        targeted=False,
    ),
    Spec("POST", INV, IW, start),
    Spec("GET", INV + "/{investigation_id}", IR, read_investigation),
    Spec("POST", INV + "/{investigation_id}/gathering", IW, regather),
    Spec("PUT", INV + "/{investigation_id}/facts", IW, facts),
    Spec("POST", INV + "/{investigation_id}/evidence", IW, add_evidence),
    Spec("POST", INV + "/{investigation_id}/evidence/{evidence_id}/void", IW, void_evidence),
    Spec("POST", INV + "/{investigation_id}/completion", IW, complete),
    Spec("POST", INV + "/{investigation_id}/reopening", DW, reopen),
    Spec("GET", "/api/v1/decisions/proposal", DR, proposal),
    Spec("POST", "/api/v1/decisions/preview", DW, preview),
    Spec("POST", "/api/v1/decisions", DW, decide),
    Spec("GET", "/api/v1/decisions/{decision_id}", DR, read_decision),
    Spec("GET", "/api/v1/decisions/{decision_id}/notice", DR, notice),
]
