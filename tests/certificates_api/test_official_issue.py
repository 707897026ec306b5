"""A caseworker issues a 수급자증명서: what it states and prints for each purpose, who issues it, its
number and code, the PDF's text, the 발급대장, reprints, idempotency and the 접속기록."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from api.db import Database
from api.models import AccessLog, CertificateRow
from tests.baseline import Baseline
from tests.certificates_api.support import C, CertificateApi, pdf_text, problem, request_body
from tests.entitlements.factory import START, Granted

NUMBER = re.compile(r"^\d{4}-11110-\d{8}$")
CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
FULL_RRN = re.compile(r"\d{6}-\d{7}")


async def test_issue_states_the_entitlement_and_the_household(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    issued = await certs.issued(request_body(baseline.people["own"]))
    assert NUMBER.match(issued["document_number"]), issued
    assert CODE.match(issued["verification_code"]), issued
    assert issued["verification_url"].endswith(
        f"/verify?number={issued['document_number']}&code={issued['verification_code']}"
    )
    assert issued["title"] == "수급자증명서"
    assert issued["issuer"] == "서울특별시 종로구청장"
    assert issued["channel"] == "official" and issued["issued_by"] == "t.intake"
    assert issued["status"] == "valid" and issued["verification_count"] == 0
    assert issued["holder"] == {
        "id": str(baseline.people["own"]),
        "name": "김청운",
        "rrn_masked": "700101-1******",
    }
    assert [(line["program"], line["start_date"]) for line in issued["lines"]] == [
        ("livelihood", START.isoformat())
    ]
    assert issued["lines"][0]["entitlement_id"] == str(livelihood.entitlement_id)
    # 관공서 제출: name, masked number, address, programs, start date, members.
    assert set(issued["printed_items"]) == {
        "name",
        "rrn_masked",
        "address",
        "programs",
        "start_date",
        "members",
        "purpose",
        "issuer",
        "issue_date",
        "document_number",
    }

    response = await certs.pdf(issued["document_number"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-certificate-status"] == "valid"
    text = pdf_text(response.content)
    for expected in (
        "수급자증명서",
        issued["document_number"],
        issued["verification_code"],
        "김청운",
        "700101-1******",
        "김청운 주소 1",
        "생계급여",
        "책정일",
        "가구원 (2명)",
        "본인(세대주)",
        "이청운",
        "720202-2******",
        "배우자",
        "용도: 관공서 제출",
        "위의 사실을 증명합니다",
        "서울특별시 종로구청장",
        "국민기초생활보장법 시행규칙 제40조",
    ):
        assert expected in text, expected
    assert not FULL_RRN.search(text)


@pytest.mark.parametrize(
    ("purpose", "present", "absent"),
    [
        # The members table shows each member's masked number; the holder's own row does not.
        ("school", ["가구원", "책정일"], ["김청운 주소 1"]),
        ("telecom_discount", ["700101-1******"], ["김청운 주소 1", "가구원", "책정일"]),
        ("utility_discount", ["김청운 주소 1"], ["700101-1", "가구원", "책정일"]),
        ("other", ["생계급여"], ["700101-1", "김청운 주소 1", "가구원", "책정일"]),
    ],
)
async def test_only_what_the_purpose_needs_is_printed(
    certs: CertificateApi,
    baseline: Baseline,
    livelihood: Granted,
    purpose: str,
    present: list[str],
    absent: list[str],
) -> None:
    issued = await certs.issued(request_body(baseline.people["own"], purpose=purpose))
    text = pdf_text((await certs.pdf(issued["document_number"])).content)
    for expected in ["김청운", "생계급여", *present]:
        assert expected in text, (purpose, expected)
    for hidden in absent:
        assert hidden not in text, (purpose, hidden)
    holder_rows = text.count("700101-1******") - (1 if "가구원" in text else 0)
    assert holder_rows == (1 if "700101-1******" in present else 0), (purpose, text)


async def test_full_number_only_for_a_bank_and_only_when_asked(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, database: Database
) -> None:
    own = baseline.people["own"]
    asked = await certs.issued(request_body(own, purpose="financial_institution", full_rrn=True))
    assert asked["full_rrn_printed"] is True and "rrn_full" in asked["printed_items"]
    text = pdf_text((await certs.pdf(asked["document_number"])).content)
    assert baseline.rrns["own"] in text
    # Anywhere else the number stays masked, asked or not.
    for body in (
        request_body(own, purpose="financial_institution"),
        request_body(own, purpose="public_office", full_rrn=True),
    ):
        issued = await certs.issued(body)
        assert issued["full_rrn_printed"] is False
        assert not FULL_RRN.search(pdf_text((await certs.pdf(issued["document_number"])).content))
    # The stored record never holds the number in the clear (the PDF is encrypted).
    async with database.sessionmaker() as session:
        row = await session.scalar(
            select(CertificateRow).where(CertificateRow.document_number == asked["document_number"])
        )
    assert row is not None
    digits = baseline.rrns["own"].replace("-", "").encode()
    assert digits not in row.pdf_ciphertext and b"%PDF" not in row.pdf_ciphertext
    assert baseline.rrns["own"] not in str(row.facts)


async def test_an_emd_account_issues_as_its_dong(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    issued = await certs.issued(request_body(baseline.people["own"]), user="t.emd.intake")
    assert issued["issuer"] == "서울특별시 종로구 청운동장"
    text = pdf_text((await certs.pdf(issued["document_number"], user="t.emd.intake")).content)
    assert "서울특별시 종로구 청운동장" in text
    # The 시군구 office sees its 읍면동's certificates in the 발급대장.
    listed = await certs.client.get(C, headers=certs.auth.headers("t.intake"))
    assert issued["document_number"] in [c["document_number"] for c in listed.json()]


async def test_a_member_gets_the_household_certificate(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    issued = await certs.issued(request_body(baseline.people["own_spouse"]))
    assert issued["holder"]["name"] == "이청운"
    text = pdf_text((await certs.pdf(issued["document_number"])).content)
    assert "본인(배우자)" in text and "세대주" in text


async def test_numbers_count_up_per_sigungu(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    first = await certs.issued(request_body(baseline.people["own"]))
    second = await certs.issued(request_body(baseline.people["own"]))
    serial = [int(n["document_number"].rsplit("-", 1)[1]) for n in (first, second)]
    assert serial[1] == serial[0] + 1
    assert first["verification_code"] != second["verification_code"]


async def test_not_a_beneficiary_is_a_clear_409(certs: CertificateApi, baseline: Baseline) -> None:
    response = await certs.issue(request_body(baseline.people["own_other_emd"]))
    body = problem(response, 409)
    assert body["type"].endswith("/not-a-beneficiary")
    assert "수급자가 아니므로" in body["detail"] and "수급자증명서" in body["detail"]


async def test_another_sigungus_resident_is_not_found(certs: CertificateApi, baseline: Baseline) -> None:
    problem(await certs.issue(request_body(baseline.people["other"])), 404)


async def test_bad_requests_are_422_naming_the_field(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    own = baseline.people["own"]
    for body, field in (
        (request_body(own, certificate_type="marriage"), "certificate_type"),
        (request_body(own, purpose="gossip"), "purpose"),
        (request_body(own, period={"start": "2026-05-01", "end": "2026-05-31"}), "period"),
        (request_body(own, full_rrn="yes"), "full_rrn"),
        ({**request_body(own), "extra": 1}, "extra"),
    ):
        body_problem = problem(await certs.issue(body), 422)
        assert field in {e["field"] for e in body_problem.get("errors", [])}, (field, body_problem)


async def test_the_same_key_issues_once(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    body, key = request_body(baseline.people["own"]), uuid.uuid4().hex
    first = await certs.issue(body, key=key)
    again = await certs.issue(body, key=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    other = await certs.issue(request_body(baseline.people["own"], purpose="school"), key=key)
    assert problem(other, 422)["type"].endswith("idempotency-key-reused")
    listed = await certs.client.get(C, headers=certs.auth.headers("t.intake"))
    assert [c["document_number"] for c in listed.json()] == [first.json()["document_number"]]


async def test_issue_requires_a_key(certs: CertificateApi, baseline: Baseline, livelihood: Granted) -> None:
    response = await certs.client.post(
        C, json=request_body(baseline.people["own"]), headers=certs.auth.headers("t.intake")
    )
    assert "Idempotency-Key" in {e["field"] for e in problem(response, 422)["errors"]}


async def test_register_read_and_reprint(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    issued = await certs.issued(request_body(baseline.people["own"]))
    number = issued["document_number"]
    listed = await certs.client.get(
        C, params={"person_id": str(baseline.people["own"])}, headers=certs.auth.headers("t.intake")
    )
    assert [c["document_number"] for c in listed.json()] == [number]
    assert "verification_code" not in listed.json()[0]
    read = await certs.client.get(f"{C}/{number}", headers=certs.auth.headers("t.intake"))
    assert read.status_code == 200 and read.json()["lines"] == issued["lines"]
    first, again = await certs.pdf(number), await certs.pdf(number)
    assert first.content == again.content  # reprinted exactly as issued
    problem(await certs.client.get(f"{C}/2026-11110-00000000", headers=certs.auth.headers("t.intake")), 422)
    problem(await certs.client.get(f"{C}/not-a-number", headers=certs.auth.headers("t.intake")), 404)
    problem(await certs.client.get(f"{C}/2026-11110-99999999", headers=certs.auth.headers("t.intake")), 404)
    # Another 시군구 cannot read it.
    problem(await certs.client.get(f"{C}/{number}", headers=certs.auth.headers("o.intake")), 404)


async def test_preview_is_marked_and_stores_nothing(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted
) -> None:
    response = await certs.client.post(
        f"{C}/preview", json=request_body(baseline.people["own"]), headers=certs.auth.headers("t.intake")
    )
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    assert "미리보기" in text and "발급 시 부여" in text and "김청운" in text
    listed = await certs.client.get(C, headers=certs.auth.headers("t.intake"))
    assert listed.json() == []


async def test_issuance_is_recorded_as_output_naming_the_printed_people(
    certs: CertificateApi, baseline: Baseline, livelihood: Granted, database: Database
) -> None:
    response = await certs.issue(request_body(baseline.people["own"]))
    reprint = await certs.pdf(response.json()["document_number"])
    async with database.sessionmaker() as session:
        records = {
            r.request_id: r
            for r in await session.scalars(
                select(AccessLog).where(
                    AccessLog.request_id.in_(
                        [response.headers["x-request-id"], reprint.headers["x-request-id"]]
                    )
                )
            )
        }
    issued = records[response.headers["x-request-id"]]
    assert (issued.action, issued.status, issued.actor) == ("출력", 201, "t.intake")
    assert set(issued.subjects) == {baseline.people["own"], baseline.people["own_spouse"]}
    again = records[reprint.headers["x-request-id"]]
    assert again.action == "출력"
    assert again.resource == f"certificate:{response.json()['document_number']}"
