"""Payment runs through the API: a payment officer plans a run (202, the same run when asked again),
follows its progress, reads its report and lines (payees in the 접속기록) and holds and releases a
line with a reason; bad months, programs without a pay day and other 시군구's runs are refused."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
from sqlalchemy import text

from api.db import Database
from api.payments.chunks import scope_to
from api.payments.runs import plan_run, read_header, work
from domain.rules.programs.common import Program
from tests.baseline import OTHER, OWN, Baseline
from tests.conftest import Auth
from tests.entitlements.factory import grant

RUNS = "/api/v1/payments/runs"


async def _with_account(database: Database, person: uuid.UUID) -> None:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        await session.execute(
            text(
                "UPDATE persons SET bank_name = '국민은행', bank_account_ciphertext = '\\x00',"
                " bank_account_last4 = '1234' WHERE id = :id"
            ),
            {"id": person},
        )


async def _work(database: Database, run_id: str) -> None:
    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        run = await read_header(session, run_id=uuid.UUID(run_id))
    assert run is not None
    await work(database.sessionmaker, run, worker="test")


async def test_a_run_planned_followed_reported_and_its_lines_acted_on(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await grant(database, baseline, monthly_amount=500_000, start_date=date(2026, 5, 1))
    officer = auth.headers("t.payment_officer")

    started = await client.post(RUNS, json={"program": "livelihood", "month": "2026-06"}, headers=officer)
    assert started.status_code == 202, started.text
    run = started.json()
    assert (run["state"], run["pay_date"], run["line_count"]) == ("running", "2026-06-19", None)
    assert run["progress"]["done_chunks"] == 0 and run["progress"]["total_chunks"] >= 1
    again = await client.post(RUNS, json={"program": "livelihood", "month": "2026-06"}, headers=officer)
    assert again.status_code == 202 and again.json()["id"] == run["id"]

    await _work(database, run["id"])
    done = (await client.get(f"{RUNS}/{run['id']}", headers=officer)).json()
    assert done["state"] == "completed" and done["progress"]["fraction"] == 1
    assert done["line_count"] >= 1 and done["total_gross"] >= 500_000
    listed = (await client.get(RUNS, params={"month": "2026-06"}, headers=officer)).json()
    assert [r["id"] for r in listed] == [run["id"]]

    report = (await client.get(f"{RUNS}/{run['id']}/report", headers=officer)).json()
    assert report["ledger_balanced"] and report["lines_equal_total"]
    assert sum(r["gross"] for r in report["rows"]) == done["total_gross"]
    assert report["hold_reasons"].get("no_account", 0) >= 1  # the holder has given no account yet

    held = (await client.get(f"{RUNS}/{run['id']}/lines", params={"status": "held"}, headers=officer)).json()
    line = next(i for i in held["items"] if i["entitlement_id"] == str(granted.entitlement_id))
    assert (line["gross_amount"], line["hold_reason"], line["bank_code"]) == (500_000, "no_account", None)

    action = f"/api/v1/payments/lines/{line['id']}/actions"
    early = await client.post(action, json={"action": "release", "reason": "지급"}, headers=officer)
    assert early.status_code == 409 and "계좌 미등록" in early.json()["detail"]
    await _with_account(database, granted.person_id)  # the holder brings a 통장 사본
    release = await client.post(action, json={"action": "release", "reason": "계좌 등록"}, headers=officer)
    assert release.status_code == 200, release.text
    assert (release.json()["status"], release.json()["bank_code"], release.json()["account_masked"]) == (
        "ready",
        "004",
        "****1234",
    )
    hold = await client.post(action, json={"action": "hold", "reason": "사망 의심 신고"}, headers=officer)
    assert hold.status_code == 200 and hold.json()["hold_reason"] == "official", hold.text
    retry = await client.post(action, json={"action": "retry", "reason": "x"}, headers=officer)
    assert retry.status_code == 409 and retry.headers["content-type"] == "application/problem+json"

    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        actions = (
            await session.execute(
                text("SELECT action, reason FROM payment_line_actions WHERE line_id = :l ORDER BY id"),
                {"l": line["id"]},
            )
        ).all()
        subjects = (
            await session.execute(
                text(
                    "SELECT count(*) FROM access_logs WHERE actor = 't.payment_officer'"
                    " AND CAST(:p AS uuid) = ANY(subjects)"
                ),
                {"p": str(granted.person_id)},
            )
        ).scalar_one()
    assert [tuple(a) for a in actions] == [("release", "계좌 등록"), ("hold", "사망 의심 신고")]
    assert subjects >= 3  # the listing and the two actions name the payee


async def test_bad_requests_and_other_jurisdictions_are_refused(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    officer = auth.headers("t.payment_officer")
    for body in (
        {"program": "livelihood", "month": "2026-13"},
        {"program": "livelihood", "month": "June"},
        {"program": "emergency", "month": "2026-06"},
    ):
        refused = await client.post(RUNS, json=body, headers=officer)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"

    async with database.sessionmaker() as session, session.begin():
        elsewhere = await plan_run(
            session, program=Program.LIVELIHOOD, month=date(2026, 6, 1), sigungu=OTHER, actor="o.x"
        )
    for path in ("", "/report", "/lines"):
        hidden = await client.get(f"{RUNS}/{elsewhere.run.id}{path}", headers=officer)
        assert hidden.status_code == 404, (path, hidden.text)
    missing = await client.post(
        "/api/v1/payments/lines/999999999/actions", json={"action": "hold", "reason": "r"}, headers=officer
    )
    assert missing.status_code == 404


async def test_pay_days_of_a_year(client: httpx.AsyncClient, auth: Auth) -> None:
    days = (
        await client.get(
            "/api/v1/payments/pay-days", params={"year": 2027}, headers=auth.headers("t.payment_officer")
        )
    ).json()
    assert len(days) == 7 * 12
    # 2027-02-20 is a Saturday; the 25th of 2027-09 is a 추석 day.
    feb = next(d for d in days if d["program"] == "livelihood" and d["month"] == "2027-02")
    assert (feb["legal_day"], feb["pay_date"]) == ("2027-02-20", "2027-02-19")


async def test_a_decision_without_a_kept_notice_is_404(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await grant(database, baseline, notice_pdf=None)
    response = await client.get(
        f"/api/v1/decisions/{granted.decision_id}/notice", headers=auth.headers("t.decision_maker")
    )
    assert response.status_code == 404 and "보관되어 있지 않습니다" in response.json()["detail"]
