"""Closing a 환수 other than by payment (결손처분, 반환 면제) where the law gives the power, the 5-year
시효, bad input, another 시군구's entitlements and cases, and the 접속기록 of the debtor."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.entitlements.factory import grant
from tests.recovery.support import (
    NOTICE,
    OFFICER,
    R,
    case_in,
    case_ledger,
    decided,
    fetch,
    noticed,
    open_case,
    paid_then_changed,
    post,
)

PROBLEM = "application/problem+json"


async def test_write_off_closes_the_balance_with_the_ledger_balanced(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    # 장애인연금 400,000 → 261,240: 277,520; 100,000 repaid, the rest 결손처분 (장애인연금법 제17조④).
    granted = await paid_then_changed(database, baseline, "disability_pension", 400_000, 261_240)
    case = await decided(client, auth, await noticed(client, auth, await open_case(client, auth, granted)), 2)
    case = await post(
        client, auth, f"{R}/{case['id']}/receipts", {"amount": 100_000, "received_on": "2026-09-10"}
    )
    body = {
        "kind": "write_off",
        "closed_on": "2026-11-30",
        "reason": "행방불명, 재산 없음",
        "version": case["version"],
    }
    closed = await post(client, auth, f"{R}/{case['id']}/closure", body)
    assert (closed["state"], closed["closure"], closed["balance"], closed["closed_by"]) == (
        "closed",
        "write_off",
        0,
        OFFICER,
    )
    assert [(r["kind"], r["amount"]) for r in closed["receipts"]] == [
        ("repayment", 100_000),
        ("write_off", 177_520),
    ]
    assert closed["history"][-1]["detail"]["reference"].startswith("장애인연금법 제17조④")
    assert closed["ledger"]["balanced"] and closed["ledger"]["receivable_outstanding"] == 0
    assert await case_ledger(database, closed["id"]) == {
        "recovery_receivable": (277_520, 277_520),
        "expense_recovered": (0, 277_520),
        "bank": (100_000, 0),
        "recovery_write_off": (177_520, 0),
    }
    again = await client.post(
        f"{R}/{case['id']}/closure",
        json={**body, "version": closed["version"]},
        headers=auth.headers(OFFICER),
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("program", "cause", "kind", "ok"),
    [
        ("livelihood", "recipient_error", "waiver_spent", True),  # 국민기초생활보장법 제47조
        ("livelihood", "fraud", "waiver_spent", False),  # 제46조 징수: no waiver
        ("livelihood", "agency_error", "write_off", False),
        ("basic_pension", "agency_error", "write_off", False),  # no 결손처분 in 기초연금법 as read
    ],
)
async def test_closures_the_law_does_not_give_are_refused(
    client: httpx.AsyncClient,
    auth: Auth,
    database: Database,
    baseline: Baseline,
    program: str,
    cause: str,
    kind: str,
    ok: bool,
) -> None:
    granted = await paid_then_changed(database, baseline, program, 500_000, 300_000)
    case = await decided(
        client, auth, await noticed(client, auth, await open_case(client, auth, granted, cause)), 1
    )
    body = {
        "kind": kind,
        "closed_on": "2026-11-30",
        "reason": "이미 생계비로 소비",
        "version": case["version"],
    }
    response = await client.post(f"{R}/{case['id']}/closure", json=body, headers=auth.headers(OFFICER))
    assert response.status_code == (200 if ok else 422), response.text
    if ok:
        assert [(r["kind"], r["amount"]) for r in response.json()["receipts"]] == [("waiver", 400_000)]
    else:
        assert response.headers["content-type"] == PROBLEM


async def test_months_past_the_five_year_limitation_are_not_recovered(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    # 기초연금 for January and February 2025, paid 2025-01-24 and 2025-02-25. Noticed on 2030-01-28,
    # January's claim ended on 2030-01-24 (5 years from the pay day); February's is still open.
    granted = await paid_then_changed(
        database,
        baseline,
        "basic_pension",
        349_700,
        200_000,
        (date(2025, 1, 1), date(2025, 2, 1)),
        start=date(2025, 1, 1),
    )
    request = {
        "entitlement_id": str(granted.entitlement_id),
        "cause": "agency_error",
        "notice_date": "2030-01-28",
    }
    preview = await post(client, auth, f"{R}/assessments", request)
    assert preview["barred_months"] == ["2025-01"]
    barred = {m["month"]: m["barred"] for m in preview["months"] if m["included"]}
    assert barred == {"2025-01": True, "2025-02": False}
    assert (preview["principal"], preview["total"]) == (149_700, 149_700)
    all_barred = await post(client, auth, f"{R}/assessments", {**request, "notice_date": "2030-02-26"})
    assert all_barred["total"] == 0 and "시효" in all_barred["not_recovered_reason"]


@pytest.mark.parametrize(
    "body",
    [
        {"cause": "agency_error"},
        {"entitlement_id": "not-a-uuid", "cause": "agency_error"},
        {"entitlement_id": "00000000-0000-0000-0000-000000000001", "cause": "mistake"},
        {"entitlement_id": "00000000-0000-0000-0000-000000000001", "cause": "fraud", "notice_date": 20260801},
        {"entitlement_id": "00000000-0000-0000-0000-000000000001", "cause": "fraud", "from_month": "2026-13"},
        {"entitlement_id": "00000000-0000-0000-0000-000000000001", "cause": "fraud", "surprise": True},
    ],
)
async def test_bad_requests_are_422_problems(
    client: httpx.AsyncClient, auth: Auth, body: dict[str, object]
) -> None:
    response = await client.post(f"{R}/assessments", json=body, headers=auth.headers(OFFICER))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM and response.json()["status"] == 422


async def test_bad_values_for_an_existing_case_are_422(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000)
    request = {"entitlement_id": str(granted.entitlement_id), "cause": "agency_error"}
    for bad in (
        {**request, "notice_date": "1900-01-01"},
        {**request, "from_month": "2026-07", "to_month": "2026-05"},
        {**request, "from_month": "2010-01", "to_month": "2026-05"},
    ):
        response = await client.post(f"{R}/assessments", json=bad, headers=auth.headers(OFFICER))
        assert response.status_code == 422, (bad, response.text)
    case = await open_case(client, auth, granted)
    url = f"{R}/{case['id']}"
    for path, body in (
        ("/notice", {"notified_on": NOTICE, "opinion_days": 0, "version": 1}),
        ("/notice", {"notified_on": "2099-01-01", "opinion_days": 10, "version": 1}),
        ("/withdraw", {"reason": "", "version": 1}),
    ):
        response = await client.post(url + path, json=body, headers=auth.headers(OFFICER))
        assert response.status_code == 422, (path, response.text)
    finding = await client.post(R, json={**request, "notice_date": NOTICE}, headers=auth.headers(OFFICER))
    assert finding.status_code == 422  # the finding is required
    medical = await grant(database, baseline, program="medical", monthly_amount=100_000)
    unpaid = await client.post(
        f"{R}/assessments",
        json={"entitlement_id": str(medical.entitlement_id), "cause": "agency_error"},
        headers=auth.headers(OFFICER),
    )
    assert unpaid.status_code == 422 and "매월 지급" in unpaid.json()["detail"]


async def test_another_sigungu_is_not_found(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    elsewhere = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000, where="other")
    case = await case_in(database, elsewhere, "other", upto="decided")
    assert case.state == "decided" and case.case_number.startswith(f"환수-{date.today().year}-11140-")
    headers = auth.headers(OFFICER)
    body = {"entitlement_id": str(elsewhere.entitlement_id), "cause": "agency_error", "notice_date": NOTICE}
    for path, payload in (
        ("/assessments", body),
        ("", {**body, "finding": "x"}),
        ("/arrears", {"entitlement_id": body["entitlement_id"], "reason": "x"}),
        (f"/{case.id}/receipts", {"amount": 1, "received_on": "2026-09-01"}),
        (f"/{case.id}/withdraw", {"reason": "x", "version": case.version}),
    ):
        response = await client.post(R + path, json=payload, headers=headers)
        assert response.status_code == 404, (path, response.text)
        assert response.headers["content-type"] == PROBLEM
    assert (await client.get(f"{R}/{case.id}", headers=headers)).status_code == 404
    listed = (await client.get(R, headers=headers)).json()
    assert str(case.id) not in [c["id"] for c in listed["items"]]


async def test_the_debtor_is_in_the_access_log(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000)
    case = await open_case(client, auth, granted)
    await client.get(f"{R}/{case['id']}", headers=auth.headers(OFFICER))
    await client.get(R, headers=auth.headers(OFFICER))
    rows = await fetch(
        database,
        "SELECT route, action FROM access_logs WHERE actor = :a AND CAST(:p AS uuid) = ANY(subjects)"
        " ORDER BY id",
        a=OFFICER,
        p=str(granted.person_id),
    )
    assert [(r.route, r.action) for r in rows] == [
        ("/api/v1/recoveries", "입력"),
        ("/api/v1/recoveries/{recovery_id:uuid}", "조회"),
        ("/api/v1/recoveries", "조회"),
    ]
