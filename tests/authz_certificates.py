"""Rows of the authorization matrix for certificates (발급, 발급대장, 재출력, 미리보기), the citizen
channel, and the 처분 취소 of an entitlement. Certificates are issued through the API by the target
시군구's own intake official, on entitlements made by `tests.entitlements.factory`."""

from __future__ import annotations

import uuid
from typing import Any

from api.security.scopes import Scope
from tests.authz_cases import citizen_only
from tests.authz_support import Call, Ctx, Spec, field_is, scoped
from tests.entitlements.factory import START, grant

C = "/api/v1/certificates"
INTAKE = {"own": "t.intake", "other": "o.intake"}


def _body(person: uuid.UUID) -> dict[str, Any]:
    return {"person_id": str(person), "certificate_type": "basic_livelihood", "purpose": "other"}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def _issued(c: Ctx, where: str) -> dict[str, Any]:
    granted = await grant(c.database, c.baseline, where=where)
    headers = {**c.auth.headers(INTAKE[where]), **_key()}
    response = await c.client.post(C, json=_body(granted.person_id), headers=headers)
    assert response.status_code == 201, response.text
    issued: dict[str, Any] = response.json()
    return issued


async def issue(c: Ctx, where: str) -> Call:
    granted = await grant(c.database, c.baseline, where=where)
    check = field_is(
        "holder", {"id": str(granted.person_id), "name": "김청운", "rrn_masked": "700101-1******"}
    )
    if where == "own":
        return Call(C, _body(granted.person_id), 201, check, headers=_key())
    return Call(C, _body(granted.person_id), 404, headers=_key())


async def preview(c: Ctx, where: str) -> Call:
    granted = await grant(c.database, c.baseline, where=where)
    return scoped(where, f"{C}/preview", _body(granted.person_id))


async def register(c: Ctx, where: str) -> Call:
    issued = await _issued(c, where)

    def check(body: Any) -> None:
        found = [row["document_number"] for row in body]
        assert found == ([issued["document_number"]] if where == "own" else []), body

    return Call(C, check=check)


async def read(c: Ctx, where: str) -> Call:
    number = (await _issued(c, where))["document_number"]
    return scoped(where, f"{C}/{number}", check=field_is("document_number", number))


async def reprint(c: Ctx, where: str) -> Call:
    number = (await _issued(c, where))["document_number"]
    return scoped(where, f"{C}/{number}/pdf")


async def cancel(c: Ctx, where: str) -> Call:
    eid = (await grant(c.database, c.baseline, where=where)).entitlement_id
    body = {"reason": "erroneous_decision", "void_from": START.isoformat(), "version": 1}
    return scoped(where, f"/api/v1/entitlements/{eid}/cancel", body, check=field_is("state", "cancelled"))


CW, CR, CC = Scope.CERTIFICATES_WRITE, Scope.CERTIFICATES_READ, Scope.CITIZEN_CERTIFICATES
NUMBER = "/2026-11110-00000001"
CERTIFICATE_SPECS = [
    Spec("POST", C, CW, issue),
    Spec("POST", C + "/preview", CW, preview),
    Spec("GET", C, CR, register),
    Spec("GET", C + "/{certificate_number}", CR, read),
    Spec("GET", C + "/{certificate_number}/pdf", CR, reprint),
    Spec(
        "POST",
        C + "/citizen",
        CC,
        citizen_only(C + "/citizen", {"certificate_type": "basic_livelihood", "purpose": "other"}),
        targeted=False,
    ),
    Spec("GET", C + "/citizen", CC, citizen_only(C + "/citizen"), targeted=False),
    Spec(
        "GET",
        C + "/citizen/{certificate_number}/pdf",
        CC,
        citizen_only(C + "/citizen" + NUMBER + "/pdf"),
        targeted=False,
    ),
    Spec("POST", "/api/v1/entitlements/{entitlement_id}/cancel", Scope.DECISIONS_WRITE, cancel),
]
