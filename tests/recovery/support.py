"""Shared setup of the 환수 tests: an entitlement paid by real payment runs, the lines confirmed paid
by the bank, and then re-calculated downwards (or upwards) from a day in the past, as a 변동 found
late leaves it; plus the calls a payment officer makes, and the same use cases called directly in a
시군구 where the baseline has no payment officer."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx
from sqlalchemy import text

from api.audit.trail import Action, AuditTrail
from api.db import Database
from api.payments.chunks import scope_to
from api.payments.runs import plan_run, work
from api.recovery.schemas import NoticeCreate, RecoveryCreate, RecoveryDecisionCreate, RecoveryRead
from api.recovery.service import RecoveryService
from api.recovery.workflow import RecoveryWorkflow
from api.security.principal import Principal
from domain.rules.programs.common import Program
from tests.baseline import OTHER, OWN, Baseline
from tests.conftest import Auth
from tests.entitlements.factory import Granted, grant

R = "/api/v1/recoveries"
OFFICER = "t.payment_officer"
SIGUNGU = {"own": OWN, "other": OTHER}
MAY, JUNE, JULY = date(2026, 5, 1), date(2026, 6, 1), date(2026, 7, 1)
# The dates of a case worked through in these tests: noticed after the runs, decided after the
# opinion period, repaid before the machine's today.
NOTICE = "2026-08-03"
DECIDED = "2026-08-20"


async def fetch(database: Database, sql: str, where: str = "own", **params: Any) -> list[Any]:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, SIGUNGU[where])
        return list((await session.execute(text(sql), params)).all())


async def execute(database: Database, sql: str, where: str = "own", **params: Any) -> None:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, SIGUNGU[where])
        await session.execute(text(sql), params)


async def with_account(database: Database, person: uuid.UUID, where: str = "own") -> None:
    await execute(
        database,
        "UPDATE persons SET bank_name = '국민은행', bank_account_ciphertext = '\\x00',"
        " bank_account_last4 = '1234' WHERE id = :id",
        where,
        id=person,
    )


async def run_month(database: Database, program: str, month: date, where: str = "own") -> uuid.UUID:
    """Plans and works the run of `month` in the 시군구, then marks what it sent as paid (the bank's
    result file, as far as these tests are concerned)."""
    async with database.sessionmaker() as session, session.begin():
        planned = await plan_run(
            session, program=Program(program), month=month, sigungu=SIGUNGU[where], actor="t"
        )
    await work(database.sessionmaker, planned.run, worker="t")
    await execute(
        database,
        "UPDATE payment_lines SET status = 'paid' WHERE run_id = :r AND status = 'ready'",
        where,
        r=planned.run.id,
    )
    return planned.run.id


async def change_amount(
    database: Database, granted: Granted, amount: int, effective_from: date, where: str = "own"
) -> None:
    """A 급여 변경 recorded after the fact: the entitlement is now due `amount` from `effective_from`."""
    await execute(
        database,
        "INSERT INTO entitlement_amounts (entitlement_id, monthly_amount, effective_from, reason,"
        " recorded_by) VALUES (:e, :a, :f, 'change', 't.decision_maker')",
        where,
        e=granted.entitlement_id,
        a=amount,
        f=effective_from,
    )
    await execute(
        database,
        "UPDATE entitlements SET monthly_amount = :a WHERE id = :e",
        where,
        e=granted.entitlement_id,
        a=amount,
    )


async def paid_then_changed(
    database: Database,
    baseline: Baseline,
    program: str,
    amount: int,
    changed: int,
    months: Sequence[date] = (MAY, JUNE),
    *,
    where: str = "own",
    start: date = MAY,
) -> Granted:
    """`amount` paid for each of `months`, then re-calculated to `changed` from the start."""
    granted = await grant(
        database, baseline, where=where, program=program, monthly_amount=amount, start_date=start
    )
    await with_account(database, granted.person_id, where)
    for month in months:
        await run_month(database, program, month, where)
    await change_amount(database, granted, changed, start, where)
    return granted


async def post(client: httpx.AsyncClient, auth: Auth, path: str, body: dict[str, Any], ok: int = 200) -> Any:
    response = await client.post(path, json=body, headers=auth.headers(OFFICER))
    assert response.status_code == ok, response.text
    return response.json()


async def get(client: httpx.AsyncClient, auth: Auth, path: str, **params: Any) -> Any:
    response = await client.get(path, params=params or None, headers=auth.headers(OFFICER))
    assert response.status_code == 200, response.text
    return response.json()


async def open_case(
    client: httpx.AsyncClient, auth: Auth, granted: Granted, cause: str = "agency_error", **extra: Any
) -> Any:
    body = {
        "entitlement_id": str(granted.entitlement_id),
        "cause": cause,
        "notice_date": NOTICE,
        "finding": "변동 신고가 늦게 반영되어 초과 지급됨",
        **extra,
    }
    return await post(client, auth, R, body, ok=201)


async def noticed(client: httpx.AsyncClient, auth: Auth, case: Any, notified_on: str = NOTICE) -> Any:
    body = {"notified_on": notified_on, "opinion_days": 10, "version": case["version"]}
    return await post(client, auth, f"{R}/{case['id']}/notice", body)


async def decided(
    client: httpx.AsyncClient, auth: Auth, case: Any, instalments: int = 1, *, offset: bool = False
) -> Any:
    body = {"decided_on": DECIDED, "instalments": instalments, "offset": offset, "version": case["version"]}
    return await post(client, auth, f"{R}/{case['id']}/decision", body)


def journal_sums(rows: list[Any]) -> dict[str, tuple[int, int]]:
    return {r.account: (int(r.d), int(r.c)) for r in rows}


async def case_ledger(database: Database, recovery_id: str) -> dict[str, tuple[int, int]]:
    rows = await fetch(
        database,
        "SELECT e.account, sum(e.debit) AS d, sum(e.credit) AS c FROM ledger_entries e"
        " JOIN ledger_journals j ON j.id = e.journal_id WHERE j.recovery_id = :r GROUP BY e.account",
        r=recovery_id,
    )
    return journal_sums(rows)


def officer_in(where: str) -> tuple[Principal, AuditTrail]:
    """A payment officer of the 시군구 and a 접속기록 for a direct call of the use cases."""
    sigungu = SIGUNGU[where]
    principal = Principal(
        "official",
        uuid.uuid4(),
        f"{where}.payment_officer",
        sigungu,
        None,
        ("payment_officer",),
        (),
        frozenset(),
    )
    trail = AuditTrail(
        principal.name, "official", sigungu, "local", uuid.uuid4().hex, "POST", "test", Action.CREATE
    )
    return principal, trail


async def case_in(
    database: Database, granted: Granted, where: str, *, upto: str = "assessed"
) -> RecoveryRead:
    """A case of `granted` opened (and noticed, decided) through the use cases in `where`."""
    principal, trail = officer_in(where)
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, SIGUNGU[where])
        service = RecoveryService(session, principal, trail)
        case = await service.open(
            RecoveryCreate(
                entitlement_id=granted.entitlement_id,
                cause="agency_error",
                notice_date=date.fromisoformat(NOTICE),
                finding="초과 지급",
            )
        )
        workflow = RecoveryWorkflow(session, principal, trail)
        if upto in ("notified", "decided"):
            case = await workflow.notice(
                case.id,
                NoticeCreate(notified_on=date.fromisoformat(NOTICE), opinion_days=10, version=case.version),
            )
        if upto == "decided":
            case = await workflow.decide(
                case.id,
                RecoveryDecisionCreate(
                    decided_on=date.fromisoformat(DECIDED), instalments=1, version=case.version
                ),
            )
    return case
