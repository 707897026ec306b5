"""Bank files through the API, against the simulated bank: export after the 예금주 확인 (a failing
account is held, not sent), the download needs a reason, a tampered or partial result file is refused
whole with the lines at fault and nothing changes, the real result settles paid lines (ledger: 미지급급여
to 보통예금) and queues failed ones with the bank's reason; a failed line sent again goes in a new file
with a new transfer id, and a corrected account lets a held line go."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import text

from api.db import Database
from api.payments.chunks import scope_to
from domain.payments.bank_result_file import encode_result_file, parse_result_file
from domain.payments.bank_transfer_file import parse_transfer_file
from tests.baseline import CHEONGUN, OWN, Baseline
from tests.conftest import Auth
from tests.entitlements.factory import grant
from tests.payments.test_api import RUNS, _work

P = "/api/v1/payments"
ADDRESS = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 9"}
# The simulated bank: an account ending 0002 is held by someone else, one ending 0003 is suspended
# (the check passes, the transfer fails with 1004); this one is an ordinary open account.
GOOD, WRONG_HOLDER, SUSPENDED = "110234567891", "110234560002", "110234560003"
_serial = itertools.count(1)


async def _pensioner(client: httpx.AsyncClient, auth: Auth, name: str, account: str) -> dict[str, Any]:
    body = {
        "name": name,
        "rrn": f"5001{next(_serial) % 28 + 1:02d}-1{next(_serial):06d}",
        "address": ADDRESS,
        "bank_account": {"bank_name": "국민은행", "account_number": account},
    }
    created = await client.post("/api/v1/persons", json=body, headers=auth.headers("t.investigator"))
    assert created.status_code == 201, created.text
    return dict(created.json())


async def _completed_run(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    people = {
        "good": await _pensioner(client, auth, "한지급", GOOD),
        "wrong": await _pensioner(client, auth, "한예금", WRONG_HOLDER),
        "suspended": await _pensioner(client, auth, "한정지", SUSPENDED),
    }
    for person in people.values():
        await grant(
            database,
            baseline,
            program="basic_pension",
            monthly_amount=349_700,
            start_date=date(2026, 1, 1),
            beneficiary=person["id"],
        )
    officer = auth.headers("t.payment_officer")
    run = (
        await client.post(RUNS, json={"program": "basic_pension", "month": "2026-06"}, headers=officer)
    ).json()
    await _work(database, run["id"])
    return run, people


async def _line_of(
    client: httpx.AsyncClient, auth: Auth, run_id: str, person: dict[str, Any]
) -> dict[str, Any]:
    lines = (
        await client.get(
            f"{RUNS}/{run_id}/lines", params={"limit": 500}, headers=auth.headers("t.payment_officer")
        )
    ).json()
    return next(i for i in lines["items"] if i["payee_person_id"] == person["id"])


async def test_export_import_reconcile_and_send_again(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    officer = auth.headers("t.payment_officer")
    run, people = await _completed_run(client, auth, database, baseline)

    exported = await client.post(f"{RUNS}/{run['id']}/bank-files", headers=officer)
    assert exported.status_code == 201, exported.text
    body = exported.json()
    assert body["held_by_account_check"] >= 1 and body["bank_unavailable"] == 0
    [sent] = [f for f in body["files"] if f["bank_code"] == "004"]
    assert (sent["bank_name"], sent["sequence"], sent["result_imported_at"]) == ("KB국민은행", 1, None)
    held = await _line_of(client, auth, run["id"], people["wrong"])
    assert (held["status"], held["hold_reason"]) == ("held", "account_invalid")

    url = f"{P}/bank-files/{sent['id']}"
    assert (await client.get(f"{url}/content", headers=officer)).status_code == 422  # no reason given
    download = await client.get(f"{url}/content", headers={**officer, "X-Purpose": quote("은행 전송")})
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    transfer = parse_transfer_file(download.content)
    assert len(transfer.lines) == sent["line_count"] and transfer.total_amount == sent["total_amount"]
    accounts = {line.account_number for line in transfer.lines}
    assert {GOOD, SUSPENDED} <= accounts and WRONG_HOLDER not in accounts
    assert len({line.transfer_id for line in transfer.lines}) == len(transfer.lines)

    result = (await client.post(f"{url}/simulated-result", headers=officer)).content
    assert len(parse_result_file(result).lines) == len(transfer.lines)
    # A result whose first line says another amount (its totals made to agree), and a well-formed
    # one that leaves out the last transfer.
    answer = parse_result_file(result)
    first = answer.lines[0]
    tampered = encode_result_file(
        replace(answer, lines=(replace(first, amount=first.amount + 10), *answer.lines[1:]))
    )
    partial = encode_result_file(replace(answer, lines=answer.lines[:-1]))
    for bad in (tampered, partial, b"garbage\r\n"):
        refused = await client.post(
            f"{url}/result", content=bad, headers={**officer, "Content-Type": "application/octet-stream"}
        )
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
    problem = (
        await client.post(
            f"{url}/result", content=tampered, headers={**officer, "Content-Type": "application/octet-stream"}
        )
    ).json()
    assert [e["field"] for e in problem["errors"]] == ["line 2"], problem
    assert (await _line_of(client, auth, run["id"], people["good"]))["status"] == "sent"  # nothing changed

    imported = await client.post(
        f"{url}/result", content=result, headers={**officer, "Content-Type": "application/octet-stream"}
    )
    assert imported.status_code == 200, imported.text
    reconciled = imported.json()
    assert reconciled["file"]["failed_count"] >= 1 and reconciled["failures"].get(
        "계좌 정지 (거래중지·지급정지)"
    )
    assert reconciled["file"]["paid_amount"] + reconciled["file"]["failed_amount"] == sent["total_amount"]
    again = await client.post(
        f"{url}/result", content=result, headers={**officer, "Content-Type": "application/octet-stream"}
    )
    assert again.status_code == 200 and again.json()["file"] == reconciled["file"]
    other = await client.post(
        f"{url}/result", content=tampered, headers={**officer, "Content-Type": "application/octet-stream"}
    )
    assert other.status_code == 409

    paid = await _line_of(client, auth, run["id"], people["good"])
    failed = await _line_of(client, auth, run["id"], people["suspended"])
    assert paid["status"] == "paid"
    assert (failed["status"], failed["failure_code"]) == ("failed", "1004")
    report = (await client.get(f"{RUNS}/{run['id']}/report", headers=officer)).json()
    assert report["ledger_balanced"] and report["failure_reasons"]["1004"] >= 1
    bank = next(b for b in report["ledger"] if b["account"] == "bank")
    assert bank["credit"] == reconciled["file"]["paid_amount"]

    # The account is unfrozen: the official sends the line again; it goes in a new file.
    retry = await client.post(
        f"{P}/lines/{failed['id']}/actions",
        json={"action": "retry", "reason": "거래정지 해제 확인"},
        headers=officer,
    )
    assert retry.status_code == 200 and retry.json()["status"] == "ready", retry.text
    # The holder of the wrong account brings the right one; the line held for it can go too.
    person = (
        await client.get(f"/api/v1/persons/{people['wrong']['id']}", headers=auth.headers("t.investigator"))
    ).json()
    fixed = await client.patch(
        f"/api/v1/persons/{people['wrong']['id']}",
        json={
            "version": person["version"],
            "bank_account": {"bank_name": "국민은행", "account_number": GOOD[:-1] + "7"},
        },
        headers=auth.headers("t.investigator"),
    )
    assert fixed.status_code == 200, fixed.text
    release = await client.post(
        f"{P}/lines/{held['id']}/actions", json={"action": "release", "reason": "계좌 정정"}, headers=officer
    )
    assert release.status_code == 200, release.text

    second = (await client.post(f"{RUNS}/{run['id']}/bank-files", headers=officer)).json()
    [resent] = [f for f in second["files"] if f["bank_code"] == "004"]
    assert resent["sequence"] == 2 and resent["line_count"] == 2
    content = (
        await client.get(
            f"{P}/bank-files/{resent['id']}/content", headers={**officer, "X-Purpose": quote("재전송")}
        )
    ).content
    assert not {line.transfer_id for line in parse_transfer_file(content).lines} & {
        line.transfer_id for line in transfer.lines
    }
    files = (await client.get(f"{RUNS}/{run['id']}/bank-files", headers=officer)).json()
    assert [f["sequence"] for f in files if f["bank_code"] == "004"] == [1, 2]

    async with database.sessionmaker() as session, session.begin():
        await scope_to(session, OWN)
        downloads = (
            await session.execute(
                text(
                    "SELECT purpose, cardinality(subjects) AS n FROM access_logs"
                    " WHERE route = '/api/v1/payments/bank-files/{file_id}/content' AND status = 200"
                    " ORDER BY occurred_at"
                )
            )
        ).all()
    assert [d.purpose for d in downloads][:1] == ["은행 전송"] and downloads[0].n >= 2


async def test_a_run_still_running_or_with_nothing_ready_exports_nothing(
    client: httpx.AsyncClient, auth: Auth, database: Database, baseline: Baseline
) -> None:
    officer = auth.headers("t.payment_officer")
    await grant(database, baseline, monthly_amount=500_000, start_date=date(2026, 5, 1))  # no account
    run = (
        await client.post(RUNS, json={"program": "livelihood", "month": "2026-06"}, headers=officer)
    ).json()
    early = await client.post(f"{RUNS}/{run['id']}/bank-files", headers=officer)
    assert early.status_code == 409 and "끝난 뒤" in early.json()["detail"]
    await _work(database, run["id"])
    ready = (
        await client.get(f"{RUNS}/{run['id']}/lines", params={"status": "ready"}, headers=officer)
    ).json()
    if ready["total"] == 0:
        nothing = await client.post(f"{RUNS}/{run['id']}/bank-files", headers=officer)
        assert nothing.status_code == 409
    missing = await client.post(
        f"{P}/bank-files/00000000-0000-0000-0000-000000000000/result",
        content=b"x",
        headers={**officer, "Content-Type": "application/octet-stream"},
    )
    assert missing.status_code == 404
