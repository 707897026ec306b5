"""Portals and kiosks issue the asserted citizen's own certificates: never another citizen's, never
without the citizen assertion, and a kiosk prints — it does not browse or keep copies."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from api.certificates import service as certificate_service
from api.db import Database
from api.keys import get_keys
from api.security.citizen import citizen_index
from tests.baseline import Baseline
from tests.certificates_api.support import C, CertificateApi, client_headers, pdf_text, problem, request_body
from tests.entitlements.factory import START, Granted, grant
from tests.tokens import mint_token

CITIZEN = f"{C}/citizen"


async def test_portal_issues_the_citizens_own_certificate(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    response = await certs.citizen_issue(request_body())
    assert response.status_code == 201, response.text
    issued = response.json()
    assert issued["channel"] == "portal" and issued["issued_by"] == "portal"
    assert issued["issuer"] == "서울특별시 종로구청장"  # the 보장기관 whose decision it states
    assert issued["holder"]["name"] == "김청운"
    assert issued["pdf_url"] == f"{CITIZEN}/{issued['document_number']}/pdf"
    assert response.headers["location"] == issued["pdf_url"]

    pdf = await certs.client.get(issued["pdf_url"], headers=client_headers(baseline))
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-disposition"].startswith("attachment")
    text = pdf_text(pdf.content)
    assert "인터넷 발급" in text and issued["verification_code"] in text and "김청운" in text

    listed = await certs.client.get(CITIZEN, headers=client_headers(baseline))
    assert [c["document_number"] for c in listed.json()] == [issued["document_number"]]
    # The 종로구 office sees it in its 발급대장, whichever channel issued it.
    register = await certs.client.get(C, headers=certs.auth.headers("t.intake"))
    assert issued["document_number"] in [c["document_number"] for c in register.json()]


async def test_a_portal_never_reaches_another_citizens_certificate(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, database: Database
) -> None:
    other_household = await grant(database, baseline, where="other")
    assert other_household.person_id == baseline.people["other"]
    theirs = (await certs.citizen_issue(request_body(), citizen="other")).json()
    # Asserting `own`, the portal asks for `other`'s certificate by number: it does not exist for it.
    response = await certs.client.get(
        f"{CITIZEN}/{theirs['document_number']}/pdf", headers=client_headers(baseline, citizen="own")
    )
    problem(response, 404)
    listed = await certs.client.get(CITIZEN, headers=client_headers(baseline, citizen="own"))
    assert listed.json() == []
    # Nor may it name a person in the request body: the citizen route takes no person_id.
    forged = await certs.citizen_issue(request_body(baseline.people["other"]))
    assert "person_id" in {e["field"] for e in problem(forged, 422)["errors"]}
    # And the official routes are closed to it altogether.
    official = await certs.client.get(f"{C}/{theirs['document_number']}", headers=client_headers(baseline))
    problem(official, 403)


@pytest.mark.parametrize("kind", ["portal", "kiosk"])
async def test_without_the_citizen_assertion_nothing_is_issued(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, kind: str
) -> None:
    response = await certs.citizen_issue(request_body(), kind=kind, citizen=None)
    assert "본인 확인" in problem(response, 403)["detail"]
    listed = await certs.client.get(C, headers=certs.auth.headers("t.intake"))
    assert listed.json() == []


async def test_kiosk_prints_what_it_just_issued_and_nothing_else(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = client_headers(baseline, "kiosk")
    response = await certs.citizen_issue(request_body(purpose="telecom_discount"), kind="kiosk")
    assert response.status_code == 201, response.text
    issued = response.json()
    assert issued["channel"] == "kiosk"
    printed = await certs.client.get(issued["pdf_url"], headers=kiosk)
    assert printed.status_code == 200, printed.text
    assert printed.headers["content-disposition"].startswith("inline")
    assert "무인민원발급기 발급" in pdf_text(printed.content)

    # No browsing, and no copies of certificates it did not just issue.
    assert "출력만" in problem(await certs.client.get(CITIZEN, headers=kiosk), 403)["detail"]
    by_portal = (await certs.citizen_issue(request_body())).json()
    problem(await certs.client.get(f"{CITIZEN}/{by_portal['document_number']}/pdf", headers=kiosk), 403)
    monkeypatch.setattr(certificate_service, "KIOSK_PRINT_WINDOW", timedelta(0))
    problem(await certs.client.get(issued["pdf_url"], headers=kiosk), 403)


async def test_a_citizen_the_registry_does_not_know(
    certs: CertificateApi, baseline: Baseline, client: httpx.AsyncClient
) -> None:
    stranger = citizen_index(get_keys(), "9001011000008")
    token = mint_token(baseline.account("portal"), citizen=stranger, citizen_verified_by="mobile_id")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
    response = await client.post(CITIZEN, json=request_body(), headers=headers)
    assert "읍면동" in problem(response, 404)["detail"]


async def test_a_citizen_who_is_not_a_beneficiary(certs: CertificateApi, baseline: Baseline) -> None:
    response = await certs.citizen_issue(request_body(), citizen="own_other_emd")
    assert problem(response, 409)["type"].endswith("/not-a-beneficiary")


async def test_citizen_issuance_is_idempotent(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    key = uuid.uuid4().hex
    first = await certs.citizen_issue(request_body(), key=key)
    again = await certs.citizen_issue(request_body(), key=key)
    assert first.status_code == again.status_code == 201
    assert first.json()["document_number"] == again.json()["document_number"]
    listed = await certs.client.get(CITIZEN, headers=client_headers(baseline))
    assert len(listed.json()) == 1


async def test_a_revoked_certificate_is_not_handed_out_again(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    issued = (await certs.citizen_issue(request_body())).json()
    cancel = await certs.client.post(
        f"/api/v1/entitlements/{livelihood.entitlement_id}/cancel",
        json={"reason": "erroneous_decision", "void_from": START.isoformat(), "version": 1},
        headers=certs.auth.headers("t.decision_maker"),
    )
    assert cancel.status_code == 200, cancel.text
    again = await certs.client.get(issued["pdf_url"], headers=client_headers(baseline))
    problem(again, 409)
    listed = await certs.client.get(CITIZEN, headers=client_headers(baseline))
    assert listed.json()[0]["status"] == "revoked"
    # The office keeps its copy for the record, marked revoked.
    office = await certs.pdf(issued["document_number"])
    assert office.status_code == 200 and office.headers["x-certificate-status"] == "revoked"
