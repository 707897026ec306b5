"""The certificate types beyond the 수급자증명서: past receipt over a period, the 영유아 확인서 a parent
gets for a child, the pension 확인서; the public catalogue; and the stored certificate's immutability."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from api.clock import today
from api.db import Database
from tests.baseline import CHEONGUN, OWN, Baseline
from tests.certificates_api.support import C, CertificateApi, client_headers, pdf_text, problem, request_body
from tests.entitlements.factory import START, Granted, grant

PAST = {"certificate_type": "receipt_history", "purpose": "school"}


async def stop(certs: CertificateApi, granted: Granted, on: str) -> None:
    response = await certs.client.post(
        f"/api/v1/entitlements/{granted.entitlement_id}/stop",
        json={"reason": "no_longer_needed", "effective_on": on, "version": 1},
        headers=certs.auth.headers("t.decision_maker"),
    )
    assert response.status_code == 200, response.text


async def test_past_receipt_is_certified_for_a_former_recipient(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    await stop(certs, livelihood, "2026-08-31")
    own = baseline.people["own"]
    now = await certs.issue(request_body(own))
    assert problem(now, 409)["type"].endswith("/not-a-beneficiary")

    period = {"start": "2026-01-01", "end": (today() - timedelta(days=1)).isoformat()}
    issued = await certs.issued({**PAST, "person_id": str(own), "period": period})
    assert issued["title"] == "급여 수급 사실 확인서"
    assert issued["period"] == period
    line = issued["lines"][0]
    assert (line["certified_from"], line["certified_through"]) == (START.isoformat(), "2026-08-31")
    text_ = pdf_text((await certs.pdf(issued["document_number"])).content)
    assert "확인 기간" in text_ and "2026. 1. 1." in text_
    assert "생계급여: 2026. 5. 1. ~ 2026. 8. 31." in text_
    assert "가구원" not in text_  # a past household's members are not the reader's business


@pytest.mark.parametrize(
    ("period", "field"),
    [
        (None, "period"),
        ({"start": "2026-01-01", "end": "2099-01-01"}, "period"),
        ({"start": "2026-05-01", "end": "2026-04-01"}, "period"),
    ],
)
async def test_past_receipt_needs_a_past_period(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, period: dict[str, str] | None, field: str
) -> None:
    body: dict[str, Any] = {**PAST, "person_id": str(baseline.people["own"])}
    if period is not None:
        body["period"] = period
    errors = problem(await certs.issue(body), 422)["errors"]
    assert any(e["field"].startswith(field) for e in errors), errors


async def test_no_receipt_in_the_period(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    body = {
        **PAST,
        "person_id": str(baseline.people["own"]),
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
    }
    detail = problem(await certs.issue(body), 409)["detail"]
    assert "2025-01-01부터 2025-12-31까지" in detail and "받은 사실이 없으므로" in detail


@pytest.fixture
async def child(certs: CertificateApi, baseline: Baseline) -> uuid.UUID:
    """A child registered into `own`'s household (김청운 the head, 이청운 the spouse)."""
    address = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "가구 주소 1"}
    made = await certs.client.post(
        "/api/v1/persons",
        json={"name": "김아기", "rrn": "250301-3000105", "address": address},
        headers=certs.auth.headers("t.intake"),
    )
    assert made.status_code == 201, made.text
    person = uuid.UUID(made.json()["id"])
    joined = await certs.client.post(
        f"/api/v1/households/{baseline.households['own']}/members",
        json={"person_id": str(person), "relation": "child"},
        headers=certs.auth.headers("t.intake"),
    )
    assert joined.status_code == 201, joined.text
    return person


async def test_a_parent_gets_the_childs_certificate(
    certs: CertificateApi, baseline: Baseline, database: Database, child: uuid.UUID
) -> None:
    await grant(
        database,
        baseline,
        program="child_allowance",
        monthly_amount=100_000,
        beneficiary=child,
        members={"m3": child},
    )
    for parent in ("own", "own_spouse"):
        response = await certs.citizen_issue(
            {"certificate_type": "child", "purpose": "public_office"}, citizen=parent
        )
        assert response.status_code == 201, response.text
        issued = response.json()
        assert issued["lines"][0]["program"] == "child_allowance"
        assert issued["lines"][0]["beneficiary_name"] == "김아기"
        pdf = await certs.client.get(issued["pdf_url"], headers=client_headers(baseline, citizen=parent))
        assert "아동수당 (아동 김아기" in pdf_text(pdf.content)
    # Someone outside the household is no 보호자 of the child.
    outsider = await certs.citizen_issue(
        {"certificate_type": "child", "purpose": "public_office"}, citizen="own_other_emd"
    )
    problem(outsider, 409)


async def test_a_pension_certificate(certs: CertificateApi, baseline: Baseline, database: Database) -> None:
    await grant(
        database,
        baseline,
        program="basic_pension",
        monthly_amount=349_700,
        members={"m1": baseline.people["own"]},
    )
    issued = await certs.issued(
        request_body(baseline.people["own"], certificate_type="basic_pension", purpose="other")
    )
    assert issued["title"] == "기초연금 수급자 확인서"
    text_ = pdf_text((await certs.pdf(issued["document_number"])).content)
    assert "기초연금" in text_ and "미확인" not in text_  # the caveat is for reviewers, not on paper
    # A 수급자증명서 states no pension.
    problem(await certs.issue(request_body(baseline.people["own"])), 409)


async def test_the_catalogue_is_public(certs: CertificateApi) -> None:
    response = await certs.client.get(f"{C}/types")
    assert response.status_code == 200, response.text
    catalogue = response.json()
    types = {t["code"]: t for t in catalogue["types"]}
    assert set(types) == {
        "basic_livelihood",
        "receipt_history",
        "basic_pension",
        "disability_pension",
        "child",
    }
    assert types["basic_livelihood"]["uncertain"] is None and types["basic_pension"]["uncertain"]
    assert types["receipt_history"]["past_receipt"] is True
    purposes = {p["code"]: p for p in catalogue["purposes"]}
    assert purposes["financial_institution"]["full_rrn_possible"] is True
    assert "address" not in purposes["telecom_discount"]["items"]


async def test_the_app_role_cannot_change_or_delete_a_certificate(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, database: Database
) -> None:
    issued = await certs.issued(request_body(baseline.people["own"]))
    for statement in (
        "UPDATE certificates SET issuer = 'forged' WHERE document_number = :n",
        "UPDATE certificates SET revoked_at = NULL, revoked_reason = NULL WHERE document_number = :n",
        "DELETE FROM certificates WHERE document_number = :n",
        "DELETE FROM certificate_entitlements",
    ):
        async with database.sessionmaker() as session:
            await session.execute(text("SELECT set_config('ieum.sigungu', '11110', true)"))
            with pytest.raises(DBAPIError) as caught:
                await session.execute(text(statement), {"n": issued["document_number"]})
            assert "permission denied" in str(caught.value.orig)
