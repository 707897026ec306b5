"""Rows of the authorization matrix for 환수 and 소급지급: assessment, opening, the case steps (사전통지,
의견제출, 결정, 납부, 종결, 철회), reads and the arrears decision. Targets are entitlements paid by real
payment runs and then re-calculated; cases are opened through the use cases in the target 시군구, as
a payment officer there would open them."""

from __future__ import annotations

from typing import Any

from api.recovery.schemas import RecoveryRead
from api.security.scopes import Scope
from tests.authz_support import Call, Ctx, Spec, field_is, scoped
from tests.entitlements.factory import Granted
from tests.recovery.support import DECIDED, NOTICE, case_in, paid_then_changed

P = "/api/v1/recoveries"


async def _overpaid(c: Ctx, where: str, program: str = "basic_pension") -> Granted:
    return await paid_then_changed(c.database, c.baseline, program, 349_700, 200_000, where=where)


async def _case(c: Ctx, where: str, upto: str, program: str = "basic_pension") -> RecoveryRead:
    return await case_in(c.database, await _overpaid(c, where, program), where, upto=upto)


def _request(granted: Granted) -> dict[str, Any]:
    return {"entitlement_id": str(granted.entitlement_id), "cause": "agency_error", "notice_date": NOTICE}


async def assess(c: Ctx, where: str) -> Call:
    body = _request(await _overpaid(c, where))
    return scoped(where, f"{P}/assessments", body, check=field_is("total", 299_400))


async def open_case(c: Ctx, where: str) -> Call:
    body = {**_request(await _overpaid(c, where)), "finding": "소득 변동 미신고"}
    return scoped(where, P, body, ok=201, check=field_is("state", "assessed"))


async def arrears(c: Ctx, where: str) -> Call:
    granted = await paid_then_changed(c.database, c.baseline, "basic_pension", 200_000, 349_700, where=where)
    body = {"entitlement_id": str(granted.entitlement_id), "reason": "증액 소급", "decided_on": NOTICE}
    return scoped(where, f"{P}/arrears", body, ok=201, check=field_is("amount", 299_400))


async def cases(c: Ctx, where: str) -> Call:
    await _case(c, "other", "assessed")

    def check(body: Any) -> None:
        assert body["items"] == [] and body["total"] == 0, body

    return Call(P, check=check)


async def read(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "assessed")
    return scoped(where, f"{P}/{case.id}", check=field_is("id", str(case.id)))


async def notice(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "assessed")
    body = {"notified_on": NOTICE, "opinion_days": 10, "version": case.version}
    return scoped(where, f"{P}/{case.id}/notice", body, check=field_is("state", "notified"))


async def opinion(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "notified")
    body = {"opinion": "이의 있습니다.", "submitted_on": "2026-08-05", "version": case.version}
    return scoped(where, f"{P}/{case.id}/opinion", body, check=field_is("opinion_on", "2026-08-05"))


async def decision(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "notified")
    body = {"decided_on": DECIDED, "instalments": 1, "version": case.version}
    return scoped(where, f"{P}/{case.id}/decision", body, check=field_is("state", "decided"))


async def receipt(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "decided")
    body = {"amount": 1_000, "received_on": "2026-09-10"}
    return scoped(where, f"{P}/{case.id}/receipts", body, check=field_is("balance", 298_400))


async def closure(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "decided", "disability_pension")
    body = {"kind": "write_off", "closed_on": "2026-11-30", "reason": "재산 없음", "version": case.version}
    return scoped(where, f"{P}/{case.id}/closure", body, check=field_is("closure", "write_off"))


async def withdraw(c: Ctx, where: str) -> Call:
    case = await _case(c, where, "assessed")
    body = {"reason": "조사 착오", "version": case.version}
    return scoped(where, f"{P}/{case.id}/withdraw", body, check=field_is("state", "withdrawn"))


PR, PW = Scope.PAYMENTS_READ, Scope.PAYMENTS_WRITE
RECOVERY_SPECS = [
    Spec("POST", P + "/assessments", PR, assess),
    Spec("POST", P, PW, open_case),
    Spec("POST", P + "/arrears", PW, arrears),
    Spec("GET", P, PR, cases, targeted=False),
    Spec("GET", P + "/{recovery_id}", PR, read),
    Spec("POST", P + "/{recovery_id}/notice", PW, notice),
    Spec("POST", P + "/{recovery_id}/opinion", PW, opinion),
    Spec("POST", P + "/{recovery_id}/decision", PW, decision),
    Spec("POST", P + "/{recovery_id}/receipts", PW, receipt),
    Spec("POST", P + "/{recovery_id}/closure", PW, closure),
    Spec("POST", P + "/{recovery_id}/withdraw", PW, withdraw),
]
