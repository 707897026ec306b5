"""Payment runs end to end in the test database: planning, chunked processing, the lines and their
amounts (first month, suspension, changes, arrears, 상계), the ledger, completion, and re-running."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from api.db import Database
from api.payments.chunks import scope_to
from api.payments.runs import plan_run, work
from domain.rules.programs.common import Program
from tests.baseline import OWN, Baseline
from tests.entitlements.factory import grant

MONTH = date(2026, 6, 1)


async def _with_account(database: Database, person: uuid.UUID, *, bank: str = "국민은행") -> None:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        await session.execute(
            text(
                "UPDATE persons SET bank_name = :bank, bank_account_ciphertext = '\\x00',"
                " bank_account_last4 = '1234' WHERE id = :id"
            ),
            {"id": person, "bank": bank},
        )


async def _plan_and_work(
    database: Database, program: Program = Program.LIVELIHOOD, chunk_size: int = 2
) -> Any:
    async with database.sessionmaker() as session, session.begin():
        planned = await plan_run(
            session,
            program=program,
            month=MONTH,
            sigungu=OWN,
            actor="t.payment_officer",
            chunk_size=chunk_size,
        )
    await work(database.sessionmaker, planned.run, worker="test")
    return planned


async def _fetch(database: Database, sql: str, **params: Any) -> list[Any]:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        return list((await session.execute(text(sql), params)).all())


async def test_a_run_pays_each_entitlement_once_and_balances(database: Database, baseline: Baseline) -> None:
    first = await grant(database, baseline, monthly_amount=500_000, start_date=date(2026, 5, 1))
    await _with_account(database, first.person_id)
    planned = await _plan_and_work(database)
    assert planned.created and planned.entitlements >= 1

    lines = await _fetch(
        database,
        "SELECT * FROM payment_lines WHERE run_id = :r AND entitlement_id = :e",
        r=planned.run.id,
        e=first.entitlement_id,
    )
    assert [(line.gross_amount, line.net_amount, line.status, line.bank_code) for line in lines] == [
        (500_000, 500_000, "ready", "004")
    ]
    run = (await _fetch(database, "SELECT * FROM payment_runs WHERE id = :r", r=planned.run.id))[0]
    assert run.state == "completed"
    assert run.pay_date == date(2026, 6, 19)  # 2026-06-20 is a Saturday
    sums = (
        await _fetch(
            database,
            "SELECT sum(e.debit) AS d, sum(e.credit) AS c,"
            " sum(e.debit) FILTER (WHERE account = 'benefit_expense') AS x"
            " FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id WHERE j.run_id = :r",
            r=planned.run.id,
        )
    )[0]
    assert sums.d == sums.c == sums.x == run.total_gross

    # Running it again, planning included, writes nothing.
    before = (await _fetch(database, "SELECT count(*) AS n FROM payment_lines"))[0].n
    again = await _plan_and_work(database)
    assert not again.created and again.run.id == planned.run.id
    assert (await _fetch(database, "SELECT count(*) AS n FROM payment_lines"))[0].n == before


@pytest.mark.parametrize(
    ("start", "expected", "basis"),
    [(date(2026, 6, 15), 300_000, "full"), (date(2026, 6, 16), 150_000, "first_month_half")],
)
async def test_livelihood_first_month_is_halved_from_the_16th(
    database: Database, baseline: Baseline, start: date, expected: int, basis: str
) -> None:
    granted = await grant(database, baseline, monthly_amount=300_000, start_date=start)
    planned = await _plan_and_work(database)
    line = (
        await _fetch(
            database,
            "SELECT * FROM payment_lines WHERE run_id = :r AND entitlement_id = :e",
            r=planned.run.id,
            e=granted.entitlement_id,
        )
    )[0]
    assert (line.gross_amount, line.basis, line.status, line.hold_reason) == (
        expected,
        basis,
        "held",
        "no_account",
    )


async def test_suspended_and_ended_rights_are_not_paid(database: Database, baseline: Baseline) -> None:
    suspended = await grant(
        database, baseline, program="basic_pension", monthly_amount=349_700, start_date=date(2026, 1, 1)
    )
    ended = await grant(
        database,
        baseline,
        program="basic_pension",
        monthly_amount=349_700,
        start_date=date(2026, 1, 1),
        where="own",
    )
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        await session.execute(
            text(
                "INSERT INTO entitlement_events (entitlement_id, event, effective_on, actor)"
                " VALUES (:e, 'suspend', '2026-05-10', 't')"
            ),
            {"e": suspended.entitlement_id},
        )
        await session.execute(
            text("UPDATE entitlements SET state = 'lost', end_date = '2026-05-31' WHERE id = :e"),
            {"e": ended.entitlement_id},
        )
    planned = await _plan_and_work(database, Program.BASIC_PENSION)
    paid = {
        r.entitlement_id
        for r in await _fetch(
            database, "SELECT entitlement_id FROM payment_lines WHERE run_id = :r", r=planned.run.id
        )
    }
    assert suspended.entitlement_id not in paid
    assert ended.entitlement_id not in paid
