"""What the certificate API tests send: issuance by each channel, with the right token and an
`Idempotency-Key`, and the PDF's text."""

from __future__ import annotations

import io
import uuid
from typing import Any

import httpx
from pypdf import PdfReader

from api.keys import get_keys
from api.security.citizen import citizen_index
from tests.baseline import Baseline
from tests.conftest import Auth
from tests.tokens import mint_token

C = "/api/v1/certificates"
PROBLEM_JSON = "application/problem+json"
VERIFY_METHOD = {"portal": "simple_auth", "kiosk": "kiosk_fingerprint"}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    return body


def client_headers(
    baseline: Baseline, kind: str = "portal", citizen: str | None = "own", *, key: str | None = None
) -> dict[str, str]:
    """A portal's or kiosk's token, bound to the baseline resident `citizen` (None: unbound)."""
    bound = citizen_index(get_keys(), baseline.rrns[citizen].replace("-", "")) if citizen else None
    token = mint_token(
        baseline.account(kind), citizen=bound, citizen_verified_by=VERIFY_METHOD[kind] if bound else None
    )
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def request_body(person: uuid.UUID | None = None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"certificate_type": "basic_livelihood", "purpose": "public_office"}
    if person is not None:
        body["person_id"] = str(person)
    return {**body, **changes}


class CertificateApi:
    def __init__(self, client: httpx.AsyncClient, auth: Auth, baseline: Baseline) -> None:
        self.client = client
        self.auth = auth
        self.baseline = baseline

    def official(self, user: str, key: str | None = None) -> dict[str, str]:
        headers = self.auth.headers(user)
        headers["Idempotency-Key"] = key or uuid.uuid4().hex
        return headers

    async def issue(
        self, body: dict[str, Any], user: str = "t.intake", key: str | None = None
    ) -> httpx.Response:
        return await self.client.post(C, json=body, headers=self.official(user, key))

    async def issued(self, body: dict[str, Any], user: str = "t.intake") -> dict[str, Any]:
        response = await self.issue(body, user)
        assert response.status_code == 201, response.text
        issued: dict[str, Any] = response.json()
        return issued

    async def pdf(self, number: str, user: str = "t.intake") -> httpx.Response:
        return await self.client.get(f"{C}/{number}/pdf", headers=self.auth.headers(user))

    async def citizen_issue(
        self, body: dict[str, Any], kind: str = "portal", citizen: str | None = "own", key: str | None = None
    ) -> httpx.Response:
        headers = client_headers(self.baseline, kind, citizen, key=key or uuid.uuid4().hex)
        return await self.client.post(f"{C}/citizen", json=body, headers=headers)

    async def verify(self, number: str, code: str) -> httpx.Response:
        return await self.client.get(f"{C}/verify", params={"number": number, "code": code})
