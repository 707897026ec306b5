"""증명서 endpoints: the catalogue and public verification (no sign-in), the citizen channel for
portals and kiosks, and the caseworkers' issuance, 발급대장 and reprints.

A certificate is addressed by its 문서번호, which only a path of that shape matches (see
`DocumentNumberConvertor`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field
from starlette.convertors import Convertor, register_url_convertor

from api.audit.trail import Action, AuditTrail
from api.cases.deps import citizen_guard
from api.certificates import reads
from api.certificates.issuing import Issuing
from api.certificates.repository import CertificateFilter, CertificateRepository, reserve_serial
from api.certificates.schemas import (
    CertificateCatalogue,
    CertificateIssued,
    CertificateRead,
    CertificateRequest,
    CitizenCertificateRequest,
    VerificationResult,
)
from api.certificates.service import CertificateService
from api.certificates.verification import verify
from api.clock import today
from api.config import get_settings
from api.db import SessionDep, database_of
from api.idempotency import IdempotencyDep
from api.keys import get_keys
from api.models import CertificateRow
from api.problems import IDEMPOTENCY_PROBLEMS, PROBLEMS
from api.rate_limit import rate_limit
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import ClientKind, Scope
from api.wire import IsoDate
from domain.certificates import CertificateCode, parse_document_number

router = APIRouter(prefix="/api/v1/certificates", tags=["certificates"], responses=PROBLEMS)


class DocumentNumberConvertor(Convertor[str]):
    """`{certificate_number:document_number}`: only a 문서번호 shape (2026-11110-00000042) matches, so
    `/certificates/preview` and the other fixed paths are never read as a certificate number."""

    regex = r"\d{4}-\d{5}-\d{8}"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("document_number", DocumentNumberConvertor())

Reader = Annotated[Principal, Depends(guard(Scope.CERTIFICATES_READ, audit=Action.READ))]
Printer = Annotated[Principal, Depends(guard(Scope.CERTIFICATES_READ, audit=Action.PRINT))]
Issuer = Annotated[Principal, Depends(guard(Scope.CERTIFICATES_WRITE, audit=Action.PRINT))]
CitizenIssuer = Annotated[Principal, Depends(citizen_guard(Scope.CITIZEN_CERTIFICATES, Action.PRINT))]
CitizenReader = Annotated[Principal, Depends(citizen_guard(Scope.CITIZEN_CERTIFICATES, Action.READ))]
CitizenPrinter = Annotated[Principal, Depends(citizen_guard(Scope.CITIZEN_CERTIFICATES, Action.PRINT))]
Trail = Annotated[AuditTrail, Depends(audit_trail)]

PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


def _service(
    request: Request, session: SessionDep, principal: Principal, trail: AuditTrail
) -> CertificateService:
    repo = CertificateRepository(session, principal)
    sessions = database_of(request).sessionmaker

    async def serials(sigungu_code: str, year: int) -> int:
        return await reserve_serial(sessions, sigungu_code, year)

    issuing = Issuing(repo, get_keys(), serials, get_settings().public_url, today())
    return CertificateService(repo, trail, issuing)


def _pdf(row: CertificateRow | None, content: bytes, *, attachment: bool = False) -> Response:
    name = f"증명서-{row.document_number}.pdf" if row else "증명서-미리보기.pdf"
    disposition = "attachment" if attachment else "inline"
    headers = {
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
        # Personal data: no shared or browser cache keeps a copy.
        "Cache-Control": "no-store",
    }
    if row is not None:
        headers["X-Certificate-Status"] = "revoked" if row.revoked_at else "valid"
    return Response(content, media_type="application/pdf", headers=headers)


def _number(raw: str) -> str:
    return str(parse_document_number(raw))


# --- public ---------------------------------------------------------------------------------------
@router.get("/types", response_model=CertificateCatalogue)
async def certificate_types() -> CertificateCatalogue:
    """The certificates this service issues and the purposes (용도) they can be issued for, with the
    items each purpose prints (출력 항목 최소화, 안전성 확보조치 기준 제12조). Public reference data.
    `uncertain` marks a type whose form name or legal basis is not confirmed from a primary source."""
    return reads.catalogue()


@router.get(
    "/verify",
    response_model=VerificationResult,
    dependencies=[Depends(rate_limit("certificate_verify_limiter"))],
)
async def verify_certificate(
    session: SessionDep,
    number: Annotated[str, Query(max_length=40, description="문서번호, e.g. 2026-11110-00000042")],
    code: Annotated[str, Query(max_length=40, description="문서확인번호, e.g. 7K3M-9QXT-2HZP-4W8C")],
) -> VerificationResult:
    """진위확인, for anyone holding a certificate: `valid`, `revoked` (issued, then voided because the
    entitlement it states was cancelled back to a day it vouched for) or `invalid` — with, for a real
    certificate, its type, issue date, issuer and the holder's masked name, nothing more. No sign-in;
    limited per client address (429 with `Retry-After`). A malformed number or code answers 422."""
    return await verify(session, number, code)


# --- citizens (portals and kiosks) -----------------------------------------------------------------
@router.post(
    "/citizen",
    status_code=status.HTTP_201_CREATED,
    response_model=CertificateIssued,
    responses=IDEMPOTENCY_PROBLEMS,
)
async def issue_citizen_certificate(
    body: CitizenCertificateRequest,
    request: Request,
    principal: CitizenIssuer,
    session: SessionDep,
    trail: Trail,
    idem: IdempotencyDep,
) -> Response:
    """Issues the asserted citizen's own certificate, by the 보장기관 whose decision it states. Requires
    an `Idempotency-Key`. A kiosk then fetches the PDF from `pdf_url` to print it at once (and only
    then); a portal may also list and download the citizen's certificates later. A citizen who is not
    a 수급자 gets 409 `not-a-beneficiary` (a past-receipt type asks about its `period` instead)."""
    issued = await _service(request, session, principal, trail).issue_for_citizen(body)
    headers = {"Location": issued.pdf_url}
    return await idem.respond(session, status.HTTP_201_CREATED, issued, headers=headers)


@router.get("/citizen", response_model=list[CertificateRead])
async def list_citizen_certificates(
    request: Request, principal: CitizenReader, session: SessionDep, trail: Trail
) -> list[CertificateRead]:
    """The asserted citizen's certificates, newest first (portals only: a kiosk prints, it does not
    browse — 403)."""
    return await _service(request, session, principal, trail).citizen_list()


@router.get("/citizen/{certificate_number:document_number}/pdf", response_class=Response, responses=PDF)
async def citizen_certificate_pdf(
    certificate_number: str, request: Request, principal: CitizenPrinter, session: SessionDep, trail: Trail
) -> Response:
    """The PDF of one of the citizen's certificates. A portal downloads it (recorded as 다운로드); a
    kiosk may fetch only a certificate it issued itself within the last 10 minutes, to print it (출력).
    A revoked certificate is not handed out again (409)."""
    if principal.kind == ClientKind.PORTAL.value:
        trail.action = Action.DOWNLOAD
    service = _service(request, session, principal, trail)
    row, pdf = await service.citizen_pdf(_number(certificate_number))
    return _pdf(row, pdf, attachment=principal.kind == ClientKind.PORTAL.value)


# --- caseworkers -------------------------------------------------------------------------------------
@router.post("/preview", response_class=Response, responses=PDF)
async def preview_certificate(
    body: CertificateRequest, request: Request, principal: Issuer, session: SessionDep, trail: Trail
) -> Response:
    """The certificate as it would be issued now, marked 미리보기 and without number or code.
    Nothing is stored; the view is recorded in the 접속기록 as 출력."""
    pdf = await _service(request, session, principal, trail).preview(body)
    return _pdf(None, pdf)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=CertificateIssued, responses=IDEMPOTENCY_PROBLEMS
)
async def issue_certificate(
    body: CertificateRequest,
    request: Request,
    principal: Issuer,
    session: SessionDep,
    trail: Trail,
    idem: IdempotencyDep,
) -> Response:
    """Issues a certificate for a person in the caller's jurisdiction, in the name of the caller's
    office (읍면동장 for a 읍면동 account, else 시장·군수·구청장). Only the items the purpose needs are
    printed; the full 주민등록번호 only where the form has it, the purpose needs identity and
    `full_rrn` asks for it. Requires an `Idempotency-Key` (a double click issues one certificate).
    Recorded in the 접속기록 as 출력. 409 `not-a-beneficiary` when there is nothing to certify."""
    issued = await _service(request, session, principal, trail).issue(body)
    headers = {"Location": f"/api/v1/certificates/{issued.document_number}"}
    return await idem.respond(session, status.HTTP_201_CREATED, issued, headers=headers)


class CertificateQuery(BaseModel):
    """Filters of the 발급대장; unknown parameters are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")

    person_id: uuid.UUID | None = Field(default=None, description="the person certified")
    certificate_type: CertificateCode | None = None
    issued_from: IsoDate | None = None
    issued_to: IsoDate | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=1_000_000)


@router.get("", response_model=list[CertificateRead])
async def list_certificates(
    request: Request,
    principal: Reader,
    session: SessionDep,
    trail: Trail,
    query: Annotated[CertificateQuery, Query()],
) -> list[CertificateRead]:
    """발급대장: certificates issued in the caller's jurisdiction, newest first, whatever the channel."""
    where = CertificateFilter(query.person_id, query.certificate_type, query.issued_from, query.issued_to)
    return await _service(request, session, principal, trail).search(where, query.limit, query.offset)


@router.get("/{certificate_number:document_number}", response_model=CertificateRead)
async def read_certificate(
    certificate_number: str, request: Request, principal: Reader, session: SessionDep, trail: Trail
) -> CertificateRead:
    """One issued certificate: what it certified, for which purpose, who issued it through which
    channel, whether it still stands, and how often it was verified. Out of jurisdiction reads as 404."""
    return await _service(request, session, principal, trail).read(_number(certificate_number))


@router.get("/{certificate_number:document_number}/pdf", response_class=Response, responses=PDF)
async def certificate_pdf(
    certificate_number: str, request: Request, principal: Printer, session: SessionDep, trail: Trail
) -> Response:
    """The certificate again, exactly as issued (재출력), recorded as 출력. A revoked certificate is
    still shown for the record, with `X-Certificate-Status: revoked`."""
    row, pdf = await _service(request, session, principal, trail).pdf(_number(certificate_number))
    return _pdf(row, pdf)
