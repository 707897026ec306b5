"""환수 cases through the API, program by program: months paid by real payment runs, the entitlement
re-calculated downwards from the start, the case assessed month by month, opened, noticed, decided in
instalments by the payment officer and repaid to closure, with the case's ledger balancing. Then the
causes (interest for fraud only, the rate a registered parameter), the minimum, the order of the
steps (nothing recovered before the decision, the opinion period, stale versions) and where unmet
instalments leave a plan."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from api.db import Database
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.entitlements.factory import grant
from tests.payments.test_recovery_book import book_with_rates
from tests.recovery.support import (
    DECIDED,
    JULY,
    JUNE,
    MAY,
    NOTICE,
    OFFICER,
    R,
    case_ledger,
    decided,
    execute,
    fetch,
    get,
    noticed,
    open_case,
    paid_then_changed,
    post,
    run_month,
    with_account,
)

BOOK = book_with_rates((date(2025, 1, 1), "0.03"), (date(2026, 1, 1), "0.025"))
RECEIPT_DAYS = ("2026-09-10", "2026-10-10", "2026-11-10", "2026-12-01")


@pytest.mark.parametrize(
    ("program", "paid", "due", "total", "rounded_off", "instalments", "each"),
    [
        # 생계급여 500,000 re-calculated to 300,000: 200,000 × 2 = 400,000 → up to 5 instalments.
        ("livelihood", 500_000, 300_000, 400_000, 0, 4, [100_000] * 4),
        # 기초연금 349,700 → 200,000: 149,700 × 2 = 299,400.
        ("basic_pension", 349_700, 200_000, 299_400, 0, 3, [99_800] * 3),
        # 장애인연금 400,000 → 261,237: 138,763 × 2 = 277,526 → 10원 미만 절사 → 277,520.
        ("disability_pension", 400_000, 261_237, 277_520, 6, 2, [138_760] * 2),
    ],
)
async def test_paid_then_reduced_is_recovered_in_instalments_to_closure(
    client: httpx.AsyncClient,
    auth: Auth,
    database: Database,
    baseline: Baseline,
    program: str,
    paid: int,
    due: int,
    total: int,
    rounded_off: int,
    instalments: int,
    each: list[int],
) -> None:
    granted = await paid_then_changed(database, baseline, program, paid, due)
    request = {"entitlement_id": str(granted.entitlement_id), "cause": "agency_error", "notice_date": NOTICE}
    preview = await post(client, auth, f"{R}/assessments", request)
    compared = {m["month"]: m for m in preview["months"] if m["included"]}
    assert {m: (r["paid"], r["due"], r["overpaid"]) for m, r in compared.items()} == {
        "2026-05": (paid, due, paid - due),
        "2026-06": (paid, due, paid - due),
    }
    assert (preview["total"], preview["rounded_off"], preview["interest"]) == (total, rounded_off, 0)
    assert preview["max_instalments"] == 5 and preview["debtor_person_id"] == str(granted.person_id)
    assert not await fetch(
        database, "SELECT 1 FROM recovery_cases WHERE entitlement_id = :e", e=granted.entitlement_id
    )

    case = await open_case(client, auth, granted)
    assert (case["state"], case["total"], case["balance"]) == ("assessed", total, total)
    assert case["case_number"].startswith(f"환수-{date.today().year}-11110-")
    assert (case["period_start"], case["period_end"]) == ("2026-05", "2026-06")
    case = await noticed(client, auth, case)
    assert (case["state"], case["opinion_due"]) == ("notified", "2026-08-13")
    case = await decided(client, auth, case, instalments)
    assert (case["state"], case["decided_by"], case["instalments"]) == ("decided", OFFICER, instalments)
    assert [i["amount"] for i in case["schedule"]] == each
    assert [i["due_date"] for i in case["schedule"]][:2] == ["2026-09-19", "2026-10-19"]  # 결정 + 30일

    for day, amount in zip(RECEIPT_DAYS, each[:-1], strict=False):
        case = await post(client, auth, f"{R}/{case['id']}/receipts", {"amount": amount, "received_on": day})
        assert case["state"] == "decided"
    last = await post(
        client,
        auth,
        f"{R}/{case['id']}/receipts",
        {"amount": each[-1], "received_on": RECEIPT_DAYS[len(each) - 1]},
    )
    assert (last["state"], last["closure"], last["balance"], last["closed_by"]) == (
        "closed",
        "repaid",
        0,
        OFFICER,
    )

    read = await get(client, auth, f"{R}/{case['id']}", as_of="2027-03-31")
    assert [i["paid"] for i in read["schedule"]] == each and all(i["met"] for i in read["schedule"])
    assert read["standing"]["outstanding"] == 0 and read["standing"]["missed_in_a_row"] == 0
    assert read["ledger"]["balanced"] and read["ledger"]["receivable_outstanding"] == 0
    assert [e["event"] for e in read["history"]] == ["opened", "noticed", "decided"] + ["receipt"] * len(
        each
    ) + ["closed"]
    assert await case_ledger(database, case["id"]) == {
        "recovery_receivable": (total, total),
        "expense_recovered": (0, total),
        "bank": (total, 0),
    }


async def test_child_allowance_cancelled_from_the_start_is_recovered_whole(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    # 아동수당 105,000 for May–July, then the right voided from its first day (처분 취소): all three
    # months were paid without being due: 315,000, up to 5 instalments.
    granted = await paid_then_changed(
        database, baseline, "child_allowance", 105_000, 105_000, (MAY, JUNE, JULY)
    )
    await execute(
        database,
        "UPDATE entitlements SET state = 'cancelled', cancelled_from = '2026-05-01' WHERE id = :e",
        e=granted.entitlement_id,
    )
    case = await open_case(client, auth, granted, cause="recipient_error")
    assert (case["total"], case["period_end"]) == (315_000, "2026-07")
    case = await decided(client, auth, await noticed(client, auth, case), 3)
    assert [i["amount"] for i in case["schedule"]] == [105_000] * 3
    for day in RECEIPT_DAYS[:3]:
        case = await post(client, auth, f"{R}/{case['id']}/receipts", {"amount": 105_000, "received_on": day})
    assert (case["state"], case["balance"], case["ledger"]["receivable_outstanding"]) == ("closed", 0, 0)


async def test_fraud_adds_interest_at_the_registered_rate(
    client: httpx.AsyncClient,
    auth: Auth,
    database: Database,
    baseline: Baseline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000)
    request = {"entitlement_id": str(granted.entitlement_id), "cause": "fraud", "notice_date": "2026-11-02"}

    # The shipped book has no 3년 만기 정기예금 rate: the figure is refused, never guessed.
    unregistered = await client.post(f"{R}/assessments", json=request, headers=auth.headers(OFFICER))
    assert unregistered.status_code == 422, unregistered.text
    assert unregistered.json()["type"].endswith("/parameter-unavailable")
    assert "등록되지 않았습니다" in unregistered.json()["detail"]

    monkeypatch.setattr("api.recovery.book.parameter_book", lambda: BOOK)
    # Received in May (paid 2026-05-22) → May…October = 6 months simple at the 2026 rate of 2.5%:
    # 149,700 × 0.025 × 6/12 = 1,871.25 → 1,871; June → 5 months: 1,559.375 → 1,559.
    preview = await post(client, auth, f"{R}/assessments", request)
    assert [m["interest"] for m in preview["months"] if m["included"]] == [1_871, 1_559]
    assert (preview["principal"], preview["interest"], preview["total"]) == (299_400, 3_430, 302_830)
    agency = await post(client, auth, f"{R}/assessments", {**request, "cause": "agency_error"})
    assert (agency["interest"], agency["total"]) == (0, 299_400)
    case = await post(client, auth, R, {**request, "finding": "소득을 숨기고 신청"}, ok=201)
    case = await noticed(client, auth, case, "2026-11-02")
    body = {"decided_on": "2026-11-13", "instalments": 1, "version": case["version"]}
    case = await post(client, auth, f"{R}/{case['id']}/decision", body)
    assert await case_ledger(database, case["id"]) == {
        "recovery_receivable": (302_830, 0),
        "expense_recovered": (0, 299_400),
        "recovery_interest": (0, 3_430),
    }

    # Once the case is open its months are taken: a new assessment finds nothing left to compare.
    taken = await client.post(f"{R}/assessments", json=request, headers=auth.headers(OFFICER))
    assert taken.status_code == 409 and "비교할 수 있는 지급 월이 없습니다" in taken.json()["detail"]


async def test_below_the_minimum_nothing_is_opened(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    # 아동수당 105,000 paid for May, 103,000 due: 2,000 < 3,000원 → not recovered.
    granted = await paid_then_changed(database, baseline, "child_allowance", 105_000, 103_000, (MAY,))
    request = {"entitlement_id": str(granted.entitlement_id), "cause": "agency_error", "notice_date": NOTICE}
    preview = await post(client, auth, f"{R}/assessments", request)
    assert (preview["principal"], preview["total"], preview["below_minimum"]) == (2_000, 0, True)
    assert preview["max_instalments"] is None
    refused = await client.post(R, json={**request, "finding": "x"}, headers=auth.headers(OFFICER))
    assert refused.status_code == 409 and "3,000원 미만" in refused.json()["detail"], refused.text
    assert (await get(client, auth, R))["total"] == 0


async def test_the_steps_come_in_order_and_versions_are_checked(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "livelihood", 500_000, 300_000)
    case = await open_case(client, auth, granted)
    url = f"{R}/{case['id']}"
    headers = auth.headers(OFFICER)

    async def refused(path: str, body: dict[str, object], status: int) -> str:
        response = await client.post(url + path, json=body, headers=headers)
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
        return str(response.json()["detail"])

    assert "환수 결정" in await refused("/receipts", {"amount": 1, "received_on": "2026-08-05"}, 409)
    early = {"decided_on": DECIDED, "instalments": 1, "version": case["version"]}
    assert "사전통지" in await refused("/decision", early, 409)
    await refused("/notice", {"notified_on": NOTICE, "opinion_days": 10, "version": 99}, 409)
    await refused("/notice", {"notified_on": NOTICE, "version": case["version"]}, 422)  # no period given
    case = await noticed(client, auth, case)
    within = {"decided_on": "2026-08-13", "instalments": 1, "version": case["version"]}
    assert "의견제출 기한" in await refused("/decision", within, 409)
    opinion = {"opinion": "이미 생활비로 썼습니다.", "submitted_on": "2026-08-07", "version": case["version"]}
    case = await post(client, auth, f"{url}/opinion", opinion)
    assert (case["opinion"], case["opinion_on"]) == ("이미 생활비로 썼습니다.", "2026-08-07")
    # With the opinion in, the decision may come before the period ends; more instalments than the
    # table allows (400,000 → 5) is refused.
    too_many = {"decided_on": "2026-08-10", "instalments": 6, "version": case["version"]}
    assert "5회까지" in await refused("/decision", too_many, 422)
    stale = {"decided_on": "2026-08-10", "instalments": 1, "version": case["version"] - 1}
    await refused("/decision", stale, 409)
    body = {"decided_on": "2026-08-10", "instalments": 2, "version": case["version"]}
    case = await post(client, auth, f"{url}/decision", body)
    await refused("/withdraw", {"reason": "착오", "version": case["version"]}, 409)  # decided: too late
    assert "넘습니다" in await refused("/receipts", {"amount": 400_001, "received_on": "2026-09-01"}, 422)
    await refused("/receipts", {"amount": 1, "received_on": "2026-08-09"}, 422)  # before the decision
    await refused("/receipts", {"amount": 1, "received_on": "2099-01-01"}, 422)  # in the future


async def test_a_case_withdrawn_before_decision_frees_its_months(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "basic_pension", 349_700, 200_000)
    case = await open_case(client, auth, granted)
    # A live case covers its months: a second one finds them taken.
    again = await client.post(
        R,
        json={
            "entitlement_id": str(granted.entitlement_id),
            "cause": "agency_error",
            "notice_date": NOTICE,
            "finding": "x",
        },
        headers=auth.headers(OFFICER),
    )
    assert again.status_code == 409, again.text
    withdrawn = await post(client, auth, f"{R}/{case['id']}/withdraw", {"reason": "조사 착오", "version": 1})
    assert (withdrawn["state"], withdrawn["closure_note"]) == ("withdrawn", "조사 착오")
    second = await open_case(client, auth, granted)
    assert second["total"] == 299_400 and second["case_number"] != case["case_number"]
    listed = await get(client, auth, R, state="withdrawn")
    assert [c["id"] for c in listed["items"]] == [case["id"]]


async def test_unmet_instalments_make_the_whole_balance_due(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await paid_then_changed(database, baseline, "livelihood", 500_000, 300_000)
    case = await decided(client, auth, await noticed(client, auth, await open_case(client, auth, granted)), 4)
    await post(client, auth, f"{R}/{case['id']}/receipts", {"amount": 100_000, "received_on": "2026-09-15"})
    # Due 09-19 (met), 10-19, 11-19, 12-19 unmet: three in a row → all due from 12-20.
    read = await get(client, auth, f"{R}/{case['id']}", as_of="2027-01-10")
    assert [i["met"] for i in read["schedule"]] == [True, False, False, False]
    standing = read["standing"]
    assert (standing["missed_in_a_row"], standing["accelerated_on"], standing["due_at_once"]) == (
        3,
        "2026-12-20",
        300_000,
    )
    earlier = await get(client, auth, f"{R}/{case['id']}", as_of="2026-10-25")
    assert [i["met"] for i in earlier["schedule"]] == [True, False, None, None]
    assert earlier["standing"]["accelerated_on"] is None and earlier["standing"]["overdue"] == 100_000


async def test_months_not_yet_settled_by_a_run_are_not_compared(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    granted = await grant(database, baseline, program="livelihood", monthly_amount=500_000, start_date=MAY)
    await run_month(database, "livelihood", MAY)  # no account: held, not paid
    await with_account(database, granted.person_id)
    await run_month(database, "livelihood", JUNE)
    request = {"entitlement_id": str(granted.entitlement_id), "cause": "agency_error", "notice_date": NOTICE}
    months = {m["month"]: m for m in (await post(client, auth, f"{R}/assessments", request))["months"]}
    assert (months["2026-05"]["included"], months["2026-05"]["pending"]) == (False, 500_000)
    assert "대기·보류·실패" in months["2026-05"]["note"]
    assert (months["2026-06"]["included"], months["2026-06"]["paid"]) == (True, 500_000)
    assert months["2026-07"]["included"] is False and "지급 작업" in months["2026-07"]["note"]
