"""Rows of the authorization matrix for entitlements and their 사후관리 (변동신고, 정지·재개, 중지·상실,
이의신청). The entitlements are made by `tests.entitlements.factory` in the target's 시군구."""

from __future__ import annotations

from typing import Any

from api.security.scopes import Scope
from tests.authz_support import Build, Call, Ctx, Spec, field_is, scoped
from tests.entitlements.factory import add_appeal, grant

ENTITLEMENTS = "/api/v1/entitlements"
# 변동신고 on the factory's 생계급여 (1인, earned 500,000 → 800,000): 820,556 − 560,000.
CHANGE = {
    "kind": "income",
    "reported_on": "2026-06-10",
    "description": "근로소득 변동 신고",
    "changes": [{"member_id": "m1", "income": {"earned": 800_000}}],
}
INVESTIGATOR = {"own": "t.investigator", "other": "o.investigator"}


async def list_entitlements(c: Ctx, where: str) -> Call:
    granted = await grant(c.database, c.baseline, where=where)

    def check(body: Any) -> None:
        found = [e["id"] for e in body]
        assert found == ([str(granted.entitlement_id)] if where == "own" else []), body

    return Call(ENTITLEMENTS, check=check)


async def read_entitlement(c: Ctx, where: str) -> Call:
    eid = (await grant(c.database, c.baseline, where=where)).entitlement_id
    return scoped(where, f"{ENTITLEMENTS}/{eid}", check=field_is("id", str(eid)))


async def report_change(c: Ctx, where: str) -> Call:
    eid = (await grant(c.database, c.baseline, where=where)).entitlement_id
    return scoped(
        where, f"{ENTITLEMENTS}/{eid}/changes", CHANGE, ok=201, check=field_is("after_amount", 260_556)
    )


def decide_change(verb: str, state: str) -> Build:
    async def build(c: Ctx, where: str) -> Call:
        eid = (await grant(c.database, c.baseline, where=where)).entitlement_id
        made = await c.setup("POST", f"{ENTITLEMENTS}/{eid}/changes", INVESTIGATOR[where], CHANGE)
        url = f"{ENTITLEMENTS}/{eid}/changes/{made['id']}/{verb}"
        return scoped(where, url, {"version": 1}, check=field_is("state", state))

    return build


def transition(verb: str, body: dict[str, Any], before: str, after: str) -> Build:
    async def build(c: Ctx, where: str) -> Call:
        reason = "imprisonment" if before == "suspended" else None
        granted = await grant(c.database, c.baseline, where=where, state=before, state_reason=reason)
        url = f"{ENTITLEMENTS}/{granted.entitlement_id}/{verb}"
        return scoped(where, url, {**body, "version": 1}, check=field_is("state", after))

    return build


async def file_appeal(c: Ctx, where: str) -> Call:
    did = (await grant(c.database, c.baseline, where=where)).decision_id
    body = {"filed_on": "2026-06-01", "grounds": "소득 산정 이의"}
    return scoped(where, f"/api/v1/decisions/{did}/appeals", body, ok=201, check=field_is("state", "filed"))


async def list_appeals(c: Ctx, where: str) -> Call:
    granted = await grant(c.database, c.baseline, where=where)
    appeal = await add_appeal(c.database, granted)

    def check(body: Any) -> None:
        assert [a["id"] for a in body] == [str(appeal)], body

    return scoped(where, f"/api/v1/decisions/{granted.decision_id}/appeals", check=check)


async def decide_appeal(c: Ctx, where: str) -> Call:
    appeal = await add_appeal(c.database, await grant(c.database, c.baseline, where=where))
    body = {"outcome": "upheld", "version": 1}
    return scoped(where, f"/api/v1/appeals/{appeal}/decide", body, check=field_is("state", "upheld"))


EN, EID = ENTITLEMENTS, ENTITLEMENTS + "/{entitlement_id}"
DR, DW, IW = Scope.DECISIONS_READ, Scope.DECISIONS_WRITE, Scope.INVESTIGATIONS_WRITE
ON = {"effective_on": "2026-07-01"}
ENTITLEMENT_SPECS = [
    Spec("GET", EN, DR, list_entitlements),
    Spec("GET", EID, DR, read_entitlement),
    Spec("POST", EID + "/changes", IW, report_change),
    Spec("POST", EID + "/changes/{proposal_id}/confirm", DW, decide_change("confirm", "confirmed")),
    Spec("POST", EID + "/changes/{proposal_id}/reject", DW, decide_change("reject", "rejected")),
    Spec(
        "POST",
        EID + "/suspend",
        DW,
        transition("suspend", {**ON, "reason": "missing"}, "active", "suspended"),
    ),
    Spec("POST", EID + "/resume", DW, transition("resume", ON, "suspended", "active")),
    Spec("POST", EID + "/stop", DW, transition("stop", {**ON, "reason": "refused"}, "active", "stopped")),
    Spec("POST", EID + "/lose", DW, transition("lose", {**ON, "reason": "death"}, "active", "lost")),
    Spec("POST", "/api/v1/decisions/{decision_id}/appeals", DW, file_appeal),
    Spec("GET", "/api/v1/decisions/{decision_id}/appeals", DR, list_appeals),
    Spec("POST", "/api/v1/appeals/{appeal_id}/decide", DW, decide_appeal),
]
