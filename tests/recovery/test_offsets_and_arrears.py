"""상계 and 소급지급 with the payment runs: a decision may set due instalments off against future
payments only where the program's law allows it, and the next runs then withhold them (the case
closing once paid off); underpaid months become one arrears row that the next run pays, once."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.recovery.support import (
    DECIDED,
    JULY,
    MAY,
    NOTICE,
    OFFICER,
    R,
    change_amount,
    decided,
    fetch,
    get,
    noticed,
    open_case,
    paid_then_changed,
    post,
    run_month,
)

SEPTEMBER, OCTOBER = date(2026, 9, 1), date(2026, 10, 1)


@pytest.mark.parametrize(
    ("program", "paid", "due", "allowed"),
    [
        ("basic_pension", 349_700, 200_000, True),
        ("disability_pension", 400_000, 261_240, True),
        ("child_allowance", 200_000, 100_000, True),
        ("livelihood", 500_000, 300_000, False),  # 국민기초생활보장법 제35조: 압류금지
        ("housing", 300_000, 100_000, False),
    ],
)
async def test_offset_is_allowed_only_where_the_law_gives_it(
    client: httpx.AsyncClient,
    auth: Auth,
    database: Database,
    baseline: Baseline,
    program: str,
    paid: int,
    due: int,
    allowed: bool,
) -> None:
    granted = await paid_then_changed(database, baseline, program, paid, due)
    case = await noticed(client, auth, await open_case(client, auth, granted))
    assert case["assessment"]["offset_allowed"] is allowed
    body = {"decided_on": DECIDED, "instalments": 1, "offset": True, "version": case["version"]}
    response = await client.post(f"{R}/{case['id']}/decision", json=body, headers=auth.headers(OFFICER))
    assert response.status_code == (200 if allowed else 409), response.text
    if allowed:
        assert response.json()["offset_allowed"] is True
    else:
        assert "상계" in response.json()["detail"]
        assert (await get(client, auth, f"{R}/{case['id']}"))["state"] == "notified"


async def test_a_decided_offset_is_withheld_by_the_next_runs_until_paid_off(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000)
    case = await decided(
        client, auth, await noticed(client, auth, await open_case(client, auth, granted)), 2, offset=True
    )
    assert [(i["due_date"], i["amount"]) for i in case["schedule"]] == [
        ("2026-09-19", 149_700),
        ("2026-10-19", 149_700),
    ]

    september = await run_month(database, "basic_pension", SEPTEMBER)  # paid 2026-09-23
    line = (
        await fetch(
            database,
            "SELECT id, gross_amount, offset_amount, net_amount FROM payment_lines"
            " WHERE run_id = :r AND entitlement_id = :e",
            r=september,
            e=granted.entitlement_id,
        )
    )[0]
    assert (line.gross_amount, line.offset_amount, line.net_amount) == (200_000, 149_700, 50_300)
    read = await get(client, auth, f"{R}/{case['id']}", as_of="2026-09-30")
    assert (read["state"], read["balance"]) == ("decided", 149_700)
    assert [(r["kind"], r["amount"], r["line_id"]) for r in read["receipts"]] == [
        ("offset", 149_700, line.id)
    ]
    # Taken on the pay day after the due date, a moment the recipient does not choose: met.
    assert [i["met"] for i in read["schedule"]] == [True, None]

    await run_month(database, "basic_pension", OCTOBER)
    done = await get(client, auth, f"{R}/{case['id']}", as_of="2026-10-31")
    assert (done["state"], done["closure"], done["balance"]) == ("closed", "repaid", 0)
    assert done["ledger"]["offset_by_runs"] == 299_400 and done["ledger"]["receivable_outstanding"] == 0
    assert done["ledger"]["balanced"]
    # The runs' own journals balance with the set-off credited to 환수채권.
    sums = (
        await fetch(
            database,
            "SELECT sum(e.debit) AS d, sum(e.credit) AS c,"
            " sum(e.credit) FILTER (WHERE e.account = 'recovery_receivable') AS recovered"
            " FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id WHERE j.run_id = :r",
            r=september,
        )
    )[0]
    assert sums.d == sums.c and sums.recovered == 149_700

    # The months set off are paid in full at the new amount: nothing more to recover.
    request = {
        "entitlement_id": str(granted.entitlement_id),
        "cause": "agency_error",
        "notice_date": "2026-11-02",
        "from_month": "2026-09",
    }
    later = await post(client, auth, f"{R}/assessments", request)
    assert (later["total"], later["underpaid"]) == (0, 0)


async def test_underpaid_months_are_paid_once_by_the_next_run(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    # 생계급여 400,000 paid for May and June; re-calculated to 500,000 from May: 100,000 a month owed.
    granted = await paid_then_changed(database, baseline, "livelihood", 400_000, 500_000)
    body = {
        "entitlement_id": str(granted.entitlement_id),
        "reason": "소득 재산정 결과 증액",
        "decided_on": "2026-07-10",
    }
    preview = await post(
        client,
        auth,
        f"{R}/assessments",
        {"entitlement_id": body["entitlement_id"], "cause": "agency_error", "notice_date": "2026-07-10"},
    )
    assert (preview["total"], preview["underpaid"]) == (0, 200_000)
    opened = await client.post(R, json={**preview, "finding": "x"}, headers=auth.headers(OFFICER))
    assert opened.status_code == 422  # the preview is not a request

    arrears = await post(client, auth, f"{R}/arrears", body, ok=201)
    assert arrears["amount"] == 200_000 and arrears["paid_line_id"] is None
    assert [(m["month"], m["paid"], m["due"], m["underpaid"]) for m in arrears["months"]] == [
        ("2026-05", 400_000, 500_000, 100_000),
        ("2026-06", 400_000, 500_000, 100_000),
    ]
    twice = await client.post(f"{R}/arrears", json=body, headers=auth.headers(OFFICER))
    assert twice.status_code == 409 and "기다리고" in twice.json()["detail"], twice.text

    july = await run_month(database, "livelihood", JULY)
    lines = await fetch(
        database,
        "SELECT kind, gross_amount, arrears_id FROM payment_lines"
        " WHERE run_id = :r AND entitlement_id = :e ORDER BY kind",
        r=july,
        e=granted.entitlement_id,
    )
    assert [(line.kind, line.gross_amount, str(line.arrears_id)) for line in lines] == [
        ("arrears", 200_000, arrears["id"]),
        ("regular", 500_000, "None"),
    ]
    again = await client.post(
        f"{R}/arrears", json={**body, "decided_on": "2026-08-10"}, headers=auth.headers(OFFICER)
    )
    assert again.status_code == 409 and "미지급액이 없습니다" in again.json()["detail"], again.text
    settled = await post(
        client,
        auth,
        f"{R}/assessments",
        {"entitlement_id": body["entitlement_id"], "cause": "agency_error", "notice_date": "2026-08-10"},
    )
    months = {m["month"]: (m["paid"], m["due"]) for m in settled["months"] if m["included"]}
    assert months == {
        "2026-05": (500_000, 500_000),
        "2026-06": (500_000, 500_000),
        "2026-07": (500_000, 500_000),
    }


async def test_nothing_underpaid_is_refused(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000, (MAY,))
    body = {"entitlement_id": str(granted.entitlement_id), "reason": "x", "decided_on": NOTICE}
    refused = await client.post(f"{R}/arrears", json=body, headers=auth.headers(OFFICER))
    assert refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
    await change_amount(database, granted, 349_800, MAY)  # now 100 won a month short
    made = await post(client, auth, f"{R}/arrears", body, ok=201)
    assert made["amount"] == 100
