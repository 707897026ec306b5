"""Rows of the authorization matrix for payments: the pay-day calendar, payment runs (start, list,
status, report, lines, retry of failed chunks) and line actions. Runs are planned straight through
`plan_run` in the target 시군구, as a payment officer there would start them."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import text

from api.connectors.bank_simulator import BankSimulator
from api.keys import get_keys
from api.payments.bank_export import export_run
from api.payments.chunks import RunHeader, scope_to
from api.payments.runs import plan_run, work
from api.registry import protection
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
        await session.execute(text("UPDATE payment_lines SET status = 'ready' WHERE id = :l"), {"l": line_id})
    body = {"action": "hold", "reason": "사망 의심 신고"}
    return scoped(where, f"{P}/lines/{line_id}/actions", body, check=field_is("status", "held"))


async def _exported(c: Ctx, where: str) -> tuple[RunHeader, uuid.UUID]:
    """A worked run whose payees have an account, and its transfer file, made as the export does."""
    run = await _run(c, where, worked=True)
    async with c.database.sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        payees = (
            await session.execute(
                text("SELECT DISTINCT payee_person_id FROM payment_lines WHERE run_id = :r"), {"r": run.id}
            )
        ).scalars()
        for payee in payees:
            sealed = protection.encrypt(get_keys(), payee, "110234567891", protection.BANK_ACCOUNT)
            await session.execute(
                text(
                    "UPDATE persons SET bank_name = '국민은행', bank_account_ciphertext = :c,"
                    " bank_account_last4 = '7891' WHERE id = :p"
                ),
                {"p": payee, "c": sealed},
            )
        await session.execute(
            text("UPDATE payment_lines SET status = 'ready', hold_reason = NULL WHERE run_id = :r"),
            {"r": run.id},
        )
        exported = await export_run(
            session, run.id, keys=get_keys(), bank=BankSimulator(), actor="t", now=datetime.now(UTC)
        )
    return run, exported.file_ids[0]


async def export(c: Ctx, where: str) -> Call:
    run = await _run(c, where, worked=True)
    async with c.database.sessionmaker() as session, session.begin():
        await scope_to(session, run.sigungu_code)
        await session.execute(
            text("UPDATE payment_lines SET status = 'ready', hold_reason = NULL WHERE run_id = :r"),
            {"r": run.id},
        )
    # The payees have no account: the export holds every line and makes no file.
    return scoped(where, f"{P}/runs/{run.id}/bank-files", ok=201, check=field_is("files", []))


async def bank_files(c: Ctx, where: str) -> Call:
    run, file_id = await _exported(c, where)

    def check(body: Any) -> None:
        assert [f["id"] for f in body] == [str(file_id)], body

    return scoped(where, f"{P}/runs/{run.id}/bank-files", check=check)


async def download(c: Ctx, where: str) -> Call:
    _, file_id = await _exported(c, where)
    return replace(
        scoped(where, f"{P}/bank-files/{file_id}/content"), headers={"X-Purpose": quote("은행 전송")}
    )


async def simulated(c: Ctx, where: str) -> Call:
    _, file_id = await _exported(c, where)
    return scoped(where, f"{P}/bank-files/{file_id}/simulated-result")


async def result(c: Ctx, where: str) -> Call:
    _, file_id = await _exported(c, where)
    async with c.database.sessionmaker() as session, session.begin():
        await scope_to(session, SIGUNGU[where])
        sealed = (
            await session.execute(
                text("SELECT content_ciphertext FROM bank_files WHERE id = :f"), {"f": file_id}
            )
        ).scalar_one()
    sent = protection.decrypt_bytes(get_keys(), file_id, sealed, protection.BANK_FILE)
    call = scoped(where, f"{P}/bank-files/{file_id}/result", BankSimulator().settle(sent))
    return replace(call, headers={"Content-Type": "application/octet-stream"})


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
    Spec("POST", P + "/runs/{run_id}/bank-files", PW, export),
    Spec("GET", P + "/runs/{run_id}/bank-files", PR, bank_files),
    Spec("GET", P + "/bank-files/{file_id}/content", PR, download),
    Spec("POST", P + "/bank-files/{file_id}/result", PW, result),
    Spec("POST", P + "/bank-files/{file_id}/simulated-result", PW, simulated),
]
