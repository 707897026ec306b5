"""환수 through the API: two months of 기초연금 paid at the old amount after a change dated back are
assessed month by month, opened as a case, noticed, decided by the official and repaid to closure,
with the ledger balanced; a 생계급여 case may not be set off (압류금지); bad input is 422, another
시군구's case 404, and nothing is recovered before the decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from sqlalchemy import text

from api.db import Database
from api.payments.chunks import scope_to
from api.payments.runs import plan_run, work
from domain.rules.programs.common import Program
from tests.baseline import OWN, Baseline
from tests.conftest import Auth
from tests.entitlements.factory import Granted, grant
from tests.payments.test_api import _with_account

R = "/api/v1/recoveries"


async def _paid_then_reduced(
    database: Database, baseline: Baseline, program: str, amount: int, reduced: int
) -> Granted:
    """Paid `amount` for 2026-06 and 2026-07, then re-calculated to `reduced` from 2026-06-01."""
    granted = await grant(
        database, baseline, program=program, monthly_amount=amount, start_date=date(2026, 1, 1)
    )
    await _with_account(database, granted.person_id)
    for month in (date(2026, 6, 1), date(2026, 7, 1)):
        async with database.sessionmaker() as session, session.begin():
            planned = await plan_run(session, program=Program(program), month=month, sigungu=OWN, actor="t")
        await work(database.sessionmaker, planned.run, worker="t")
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        await session.execute(
            text("UPDATE payment_lines SET status = 'paid' WHERE entitlement_id = :e"),
            {"e": granted.entitlement_id},
        )
        await session.execute(
            text(
                "INSERT INTO entitlement_amounts (entitlement_id, monthly_amount, effective_from, reason,"
                " recorded_by) VALUES (:e, :a, '2026-06-01', 'change', 't.decision_maker')"
            ),
            {"e": granted.entitlement_id, "a": reduced},
        )
    return granted


async def _post(client: httpx.AsyncClient, auth: Auth, path: str, body: dict[str, Any], ok: int = 200) -> Any:
    response = await client.post(path, json=body, headers=auth.headers("t.payment_officer"))
    assert response.status_code == ok, response.text
    return response.json()


async def test_a_basic_pension_overpayment_from_assessment_to_closure(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await _paid_then_reduced(database, baseline, "basic_pension", 349_700, 200_000)
    request = {
        "entitlement_id": str(granted.entitlement_id),
        "cause": "agency_error",
        "notice_date": "2026-11-02",
    }

    assessed = await _post(client, auth, f"{R}/assessments", request)
    overpaid = {m["month"]: m for m in assessed["months"] if m.get("overpaid")}
    assert set(overpaid) == {"2026-06", "2026-07"}, assessed["months"]
    assert assessed["principal"] == assessed["total"] == 2 * 149_700 and assessed["interest"] == 0

    case = await _post(client, auth, R, {**request, "finding": "소득 변동 신고가 늦게 반영됨"}, ok=201)
    assert (case["state"], case["total"], case["balance"]) == ("assessed", 299_400, 299_400)
    case_url = f"{R}/{case['id']}"
    early = await client.post(
        f"{case_url}/receipts",
        json={"amount": 1_000, "received_on": "2026-11-03"},
        headers=auth.headers("t.payment_officer"),
    )
    assert early.status_code == 409, early.text  # nothing is recovered before the decision

    noticed = await _post(
        client,
        auth,
        f"{case_url}/notice",
        {"notified_on": "2026-11-02", "opinion_days": 10, "version": case["version"]},
    )
    assert noticed["state"] == "notified" and noticed["opinion_due"] is not None
    decided = await _post(
        client,
        auth,
        f"{case_url}/decision",
        {"decided_on": "2026-11-20", "instalments": 1, "version": noticed["version"]},
    )
    assert decided["state"] == "decided" and decided["decided_by"] == "t.payment_officer"
    assert sum(i["amount"] for i in decided["schedule"]) == 299_400

    closed = await _post(
        client, auth, f"{case_url}/receipts", {"amount": 299_400, "received_on": "2026-12-01"}
    )
    assert (closed["state"], closed["balance"]) == ("closed", 0)
    read = (await client.get(case_url, headers=auth.headers("t.payment_officer"))).json()
    assert [r["amount"] for r in read["receipts"]] == [299_400]
    assert len(read["history"]) >= 4
    listed = (
        await client.get(R, params={"state": "closed"}, headers=auth.headers("t.payment_officer"))
    ).json()
    assert case["id"] in [item["id"] for item in listed["items"]]

    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        sums = (
            await session.execute(
                text(
                    "SELECT sum(e.debit) AS d, sum(e.credit) AS c FROM ledger_entries e"
                    " JOIN ledger_journals j ON j.id = e.journal_id WHERE j.recovery_id = :r"
                ),
                {"r": case["id"]},
            )
        ).one()
    assert sums.d == sums.c and sums.d >= 299_400


async def test_livelihood_is_not_set_off_and_bad_requests_are_refused(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await _paid_then_reduced(database, baseline, "livelihood", 600_000, 500_000)
    request = {
        "entitlement_id": str(granted.entitlement_id),
        "cause": "recipient_error",
        "notice_date": "2026-11-02",
    }
    assessed = await _post(client, auth, f"{R}/assessments", request)
    assert assessed["total"] == 200_000 and assessed["offset_allowed"] is False
    case = await _post(client, auth, R, {**request, "finding": "근로소득 미신고"}, ok=201)
    noticed = await _post(
        client,
        auth,
        f"{R}/{case['id']}/notice",
        {"notified_on": "2026-11-02", "opinion_days": 10, "version": case["version"]},
    )
    offset = await client.post(
        f"{R}/{case['id']}/decision",
        json={"decided_on": "2026-11-20", "instalments": 1, "offset": True, "version": noticed["version"]},
        headers=auth.headers("t.payment_officer"),
    )
    assert offset.status_code == 409, offset.text

    for bad in ({**request, "cause": "bad"}, {"cause": "fraud"}, {**request, "notice_date": "someday"}):
        refused = await client.post(f"{R}/assessments", json=bad, headers=auth.headers("t.payment_officer"))
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    other = await client.get(f"{R}/{case['id']}", headers=auth.headers("o.investigator"))
    assert other.status_code in (403, 404)
    missing = await client.get(
        f"{R}/00000000-0000-0000-0000-000000000000", headers=auth.headers("t.payment_officer")
    )
    assert missing.status_code == 404
