"""Wire shapes of certificates: what is asked for, what an issued certificate states, and what public
verification answers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from api.simulations.schemas import ProgramCode
from api.wire import IsoDate
from domain.certificates import CertificateCode, Item, Purpose


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Period(Strict):
    start: IsoDate = Field(description="first day, inclusive")
    end: IsoDate = Field(description="last day, inclusive; not after the issue date")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("기간의 끝(end)이 시작(start)보다 앞설 수 없습니다.")
        return self


class CitizenCertificateRequest(Strict):
    """What a citizen (through a portal or kiosk) or an official asks for."""

    certificate_type: CertificateCode = Field(description="증명서 종류 (GET /api/v1/certificates/types)")
    purpose: Purpose = Field(description="용도: decides which items are printed (출력 항목 최소화)")
    full_rrn: StrictBool = Field(
        default=False,
        description=(
            "주민등록번호 뒷자리까지 표시: honoured only where the form has the field and the purpose "
            "needs identity (금융기관 제출); otherwise the number is printed masked"
        ),
    )
    period: Period | None = Field(
        default=None, description="수급 기간: required for a past-receipt type, refused for the others"
    )


class CertificateRequest(CitizenCertificateRequest):
    person_id: uuid.UUID = Field(description="the person it is about, in the caller's jurisdiction")


class CertificateStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"


class CertifiedLine(BaseModel):
    entitlement_id: uuid.UUID
    program: ProgramCode
    program_label: str
    start_date: date = Field(description="책정일")
    certified_from: date
    certified_through: date = Field(description="the issue date for a current-status certificate")
    beneficiary_name: str | None = Field(
        default=None, description="the child a 영유아 benefit is paid for, when not the holder"
    )


class HolderRef(BaseModel):
    id: uuid.UUID
    name: str
    rrn_masked: str


class CertificateRead(BaseModel):
    document_number: str = Field(description="문서번호, e.g. 2026-11110-00000042")
    certificate_type: CertificateCode
    title: str
    purpose: Purpose
    purpose_label: str
    holder: HolderRef
    issued_on: date
    issued_at: datetime
    issuer: str = Field(description="발급기관: 시장·군수·구청장 or 읍면동장")
    channel: str = Field(description="official | portal | kiosk")
    issued_by: str
    period: Period | None
    full_rrn_printed: bool
    printed_items: list[Item] = Field(description="the items this certificate printed, for its purpose")
    lines: list[CertifiedLine]
    status: CertificateStatus
    revoked_at: datetime | None
    revoked_reason: str | None
    verification_count: int = Field(description="successful public verifications so far")
    pdf_url: str = Field(description="where the caller downloads the PDF again")


class CertificateIssued(CertificateRead):
    verification_code: str = Field(
        description="문서확인번호 (XXXX-XXXX-XXXX-XXXX). Shown in this answer and printed on the PDF; "
        "only its hash is kept, so no later read returns it"
    )
    verification_url: str = Field(description="the public verification link the QR code encodes")


class CertificateTypeRead(BaseModel):
    code: CertificateCode
    title: str
    legal_basis: str
    programs: list[ProgramCode]
    past_receipt: bool = Field(description="certifies receipt during a requested period")
    shows_members: bool
    full_rrn_allowed: bool
    uncertain: str | None = Field(description="why the form or its legal basis is not confirmed")


class PurposeRead(BaseModel):
    code: Purpose
    label: str
    items: list[Item] = Field(description="the items this purpose needs")
    full_rrn_possible: bool = Field(description="the full 주민등록번호 may be printed for it, if asked")


class CertificateCatalogue(BaseModel):
    types: list[CertificateTypeRead]
    purposes: list[PurposeRead]


class VerificationStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    INVALID = "invalid"


class VerificationResult(BaseModel):
    """Public verification: the status and, for a real certificate, only what lets the reader match
    the paper — nothing about the person beyond the masked name."""

    status: VerificationStatus
    message: str
    certificate_type: CertificateCode | None = None
    title: str | None = None
    issued_on: date | None = None
    issuer: str | None = None
    holder_name: str | None = Field(default=None, description="masked, e.g. 홍*동")
