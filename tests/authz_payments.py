"""Rows of the authorization matrix for payments: the pay-day calendar, payment runs (start, list,
status, report, lines, retry of failed chunks) and line actions. Runs are planned straight through
`plan_run` in the target 시군구, as a payment officer there would start them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text

from api.payments.chunks import RunHeader, scope_to
from api.payments.runs import plan_run, work
from api.security.scopes import Scope
from domain.rules.programs.common import Program
from tests.authz_support import Call, Ctx, Spec, field_is, scoped
from tests.baseline import OTHER, OWN
from tests.entitlements.factory import grant

P = "/api/v1/payments"
MONTH = date(2026, 6, 1)
SIGUNGU = {"own": OWN, "other": OTHER}


async def _run(c: Ctx, where: str, *, worked: bool = False) -> RunHeader:
    await grant(c.database, c.baseline, where=where, program="basic_pension", monthly_amount=349_700)
    async with c.database.sessionmaker() as session, session.begin():
        planned = await plan_run(
            session,
            program=Program.BASIC_PENSION,
            month=MONTH,
            sigungu=SIGUNGU[where],
            actor="t",
            chunk_size=1,
        )
    if worked:
        await work(c.database.sessionmaker, planned.run, worker="authz")
    return planned.run


async def pay_days(c: Ctx, where: str) -> Call:
    return Call(f"{P}/pay-days?year=2026")


async def start(c: Ctx, where: str) -> Call:
    return Call(
        f"{P}/runs", {"program": "basic_pension", "month": "2026-07"}, 202, field_is("sigungu_code", OWN)
    )


async def runs(c: Ctx, where: str) -> Call:
    await _run(c, "other")

    def check(body: Any) -> None:
        assert all(run["sigungu_code"] == OWN for run in body), body

    return Call(f"{P}/runs", check=check)


async def status(c: Ctx, where: str) -> Call:
    run = await _run(c, where)
    return scoped(where, f"{P}/runs/{run.id}", check=field_is("id", str(run.id)))


async def report(c: Ctx, where: str) -> Call:
    run = await _run(c, where, worked=True)
    return scoped(where, f"{P}/runs/{run.id}/report", check=field_is("ledger_balanced", True))


async def lines(c: Ctx, where: str) -> Call:
    run = await _run(c, where, worked=True)
    return scoped(where, f"{P}/runs/{run.id}/lines")


async def retry(c: Ctx, where: str) -> Call:
    run = await _run(c, where)
    async with c.database.sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        await session.execute(
            text("UPDATE payment_run_chunks SET state = 'failed', error = 'test' WHERE run_id = :r"),
            {"r": run.id},
        )
    return scoped(where, f"{P}/runs/{run.id}/retry")


async def line_action(c: Ctx, where: str) -> Call:
    run = await _run(c, where, worked=True)
    async with c.database.sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        line_id = (
            await session.execute(text("SELECT min(id) FROM payment_lines WHERE run_id = :r"), {"r": run.id})
        ).scalar_one()
    body = {"action": "release", "reason": "계좌 확인됨"}
    return scoped(where, f"{P}/lines/{line_id}/actions", body, check=field_is("status", "ready"))


PR, PW = Scope.PAYMENTS_READ, Scope.PAYMENTS_WRITE
PAYMENT_SPECS = [
    Spec("GET", P + "/pay-days", PR, pay_days, targeted=False),
    Spec("POST", P + "/runs", PW, start, targeted=False),
    Spec("GET", P + "/runs", PR, runs, targeted=False),
    Spec("GET", P + "/runs/{run_id}", PR, status),
    Spec("GET", P + "/runs/{run_id}/report", PR, report),
    Spec("GET", P + "/runs/{run_id}/lines", PR, lines),
    Spec("POST", P + "/runs/{run_id}/retry", PW, retry),
    Spec("POST", P + "/lines/{line_id}/actions", PW, line_action),
]
