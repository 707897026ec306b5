"""Public verification: valid, revoked or invalid, with nothing beyond type, issue date, issuer and the
masked name; forged and mistyped codes; counts per certificate; revocation when the entitlement is
cancelled back to a day the certificate vouched for; the rate limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from api.clock import today
from api.config import Settings
from api.db import Database
from api.main import create_app
from api.models import AccessLog, CertificateRow
from domain.certificates import ALPHABET, check_symbol, normalise_code
from tests.baseline import Baseline
from tests.certificates_api.support import C, CertificateApi, problem, request_body
from tests.entitlements.factory import START, Granted

VERIFY_FIELDS = {"status", "message", "certificate_type", "title", "issued_on", "issuer", "holder_name"}
E = "/api/v1/entitlements"


def forged(code: str) -> str:
    """Another well-formed code (its check symbol recomputed) that was never issued."""
    payload = normalise_code(code)[:15]
    first = ALPHABET[(ALPHABET.index(payload[0]) + 1) % len(ALPHABET)]
    body = first + payload[1:]
    return body + check_symbol(body)


def mistyped(code: str) -> str:
    compact = normalise_code(code)
    last = ALPHABET[(ALPHABET.index(compact[-1]) + 1) % len(ALPHABET)]
    return compact[:-1] + last


@pytest.fixture
async def issued(certs: CertificateApi, baseline: Baseline, livelihood: Granted) -> dict[str, Any]:
    return await certs.issued(request_body(baseline.people["own"]))


async def counts(database: Database, number: str) -> tuple[int, int]:
    async with database.sessionmaker() as session:
        await session.execute(text("SELECT set_config('ieum.sigungu', '11110', true)"))
        row = await session.scalar(select(CertificateRow).where(CertificateRow.document_number == number))
        assert row is not None
        return row.verification_count, row.failed_verification_count


async def test_a_valid_certificate_shows_only_what_matches_the_paper(
    certs: CertificateApi, issued: dict[str, Any], database: Database
) -> None:
    response = await certs.verify(issued["document_number"], issued["verification_code"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == VERIFY_FIELDS
    assert body["status"] == "valid"
    assert (body["certificate_type"], body["title"]) == ("basic_livelihood", "수급자증명서")
    assert body["issued_on"] == issued["issued_on"]
    assert body["issuer"] == "서울특별시 종로구청장"
    assert body["holder_name"] == "김*운"
    assert "700101" not in response.text and "주소" not in response.text
    # Spelt as a person types it: lower case, no hyphens, O for 0 and I/L for 1.
    typed = issued["verification_code"].replace("-", "").lower().replace("0", "o").replace("1", "l")
    assert (await certs.verify(issued["document_number"], typed)).json()["status"] == "valid"
    assert await counts(database, issued["document_number"]) == (2, 0)


async def test_forged_and_mistyped_codes_and_unknown_numbers_are_invalid(
    certs: CertificateApi, issued: dict[str, Any], database: Database
) -> None:
    number, code = issued["document_number"], issued["verification_code"]
    fake = await certs.verify(number, forged(code))
    assert fake.json() == {
        **dict.fromkeys(VERIFY_FIELDS),
        "status": "invalid",
        "message": fake.json()["message"],
    }
    assert "위·변조" in fake.json()["message"]
    typo = await certs.verify(number, mistyped(code))
    assert typo.json()["status"] == "invalid" and "다시 확인" in typo.json()["message"]
    unknown = await certs.verify("2026-11110-99999999", code)
    # An unknown number answers exactly like a wrong code: numbers cannot be probed.
    assert unknown.json() == fake.json()
    # The forged attempt is counted on the certificate; the typo never reached the database.
    assert await counts(database, number) == (0, 1)


@pytest.mark.parametrize(
    ("number", "code", "field"),
    [
        ("2026-111100-0001", "7K3M-9QXT-2HZP-4W8C", "document_number"),
        ("2026-11110-00000001", "7K3M-9QXT", "code"),
        ("2026-11110-00000001", "7K3M-9QXT-2HZP-4W8U", "code"),
    ],
)
async def test_malformed_input_is_422(certs: CertificateApi, number: str, code: str, field: str) -> None:
    body = problem(await certs.verify(number, code), 422)
    assert field in {e["field"] for e in body["errors"]}


async def cancel(
    certs: CertificateApi, granted: Granted, void_from: date, version: int = 1
) -> httpx.Response:
    return await certs.client.post(
        f"{E}/{granted.entitlement_id}/cancel",
        json={"reason": "fraud", "void_from": void_from.isoformat(), "version": version},
        headers=certs.auth.headers("t.decision_maker"),
    )


async def test_cancelled_back_before_issue_revokes(
    certs: CertificateApi, issued: dict[str, Any], livelihood: Granted
) -> None:
    response = await cancel(certs, livelihood, START + timedelta(days=10))
    assert response.status_code == 200, response.text
    assert (response.json()["state"], response.json()["cancelled_from"]) == ("cancelled", "2026-05-11")
    verified = (await certs.verify(issued["document_number"], issued["verification_code"])).json()
    assert verified["status"] == "revoked" and "효력" in verified["message"]
    read = await certs.client.get(f"{C}/{issued['document_number']}", headers=certs.auth.headers("t.intake"))
    assert read.json()["status"] == "revoked"
    assert "처분 취소" in read.json()["revoked_reason"] and "부정" in read.json()["revoked_reason"]
    # And no new certificate can state the voided right.
    again = await certs.issue(request_body(issued["holder"]["id"]))
    assert problem(again, 409)["type"].endswith("/not-a-beneficiary")


async def test_cancelled_from_after_the_issue_date_leaves_it_valid(
    certs: CertificateApi, livelihood: Granted, baseline: Baseline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A certificate issued on day D vouches for D. Voiding from D + 1 on leaves it true."""
    issued_on = today() - timedelta(days=5)
    monkeypatch.setattr("api.certificates.routes.today", lambda: issued_on)
    early = await certs.issued(request_body(baseline.people["own"]))
    monkeypatch.undo()
    assert early["issued_on"] == issued_on.isoformat()
    assert (await cancel(certs, livelihood, issued_on + timedelta(days=1))).status_code == 200
    verified = (await certs.verify(early["document_number"], early["verification_code"])).json()
    assert verified["status"] == "valid"


@pytest.mark.parametrize(
    ("effective_on", "status"),
    [(START, "revoked"), (today(), "valid")],
    ids=["dated-back-before-issue", "from-the-issue-date"],
)
async def test_a_stop_revokes_only_when_dated_back(
    certs: CertificateApi, issued: dict[str, Any], livelihood: Granted, effective_on: date, status: str
) -> None:
    stop = await certs.client.post(
        f"{E}/{livelihood.entitlement_id}/stop",
        json={"reason": "no_longer_needed", "effective_on": effective_on.isoformat(), "version": 1},
        headers=certs.auth.headers("t.decision_maker"),
    )
    assert stop.status_code == 200, stop.text
    verified = (await certs.verify(issued["document_number"], issued["verification_code"])).json()
    assert verified["status"] == status


async def test_a_failed_cancellation_revokes_nothing(
    certs: CertificateApi, issued: dict[str, Any], livelihood: Granted
) -> None:
    stale = await cancel(certs, livelihood, START, version=7)
    problem(stale, 409)
    verified = (await certs.verify(issued["document_number"], issued["verification_code"])).json()
    assert verified["status"] == "valid"


async def test_verification_needs_no_sign_in_and_writes_no_access_record(
    certs: CertificateApi, issued: dict[str, Any], database: Database
) -> None:
    response = await certs.verify(issued["document_number"], issued["verification_code"])
    async with database.sessionmaker() as session:
        found = await session.scalar(
            select(AccessLog).where(AccessLog.request_id == response.headers["x-request-id"])
        )
    assert found is None


@pytest.fixture
async def limited(database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(certificate_verify_rate_per_minute=3), database=database)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_verification_is_rate_limited_per_client(limited: httpx.AsyncClient) -> None:
    params = {"number": "2026-11110-00000001", "code": "7K3M-9QXT-2HZP-4W8C"}
    answers = [await limited.get(f"{C}/verify", params=params) for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    body = problem(answers[3], 429)
    assert body["type"].endswith("/rate-limited") and int(answers[3].headers["retry-after"]) >= 1
