"""Rows → wire shapes of certificates. An issued certificate is read from what it printed (its
snapshot), not from today's registry: the record shows what was certified then."""

from __future__ import annotations

from typing import Any

from api.certificates.schemas import (
    CertificateCatalogue,
    CertificateIssued,
    CertificateRead,
    CertificateStatus,
    CertificateTypeRead,
    CertifiedLine,
    HolderRef,
    Period,
    PurposeRead,
)
from api.models import CertificateRow
from domain.cases.reasons import PROGRAM_LABELS
from domain.certificates import CERTIFICATE_TYPES, PURPOSES, Item, certificate_type
from domain.rules.programs.common import Program

OFFICIAL_PDF = "/api/v1/certificates/{number}/pdf"
CITIZEN_PDF = "/api/v1/certificates/citizen/{number}/pdf"


def official_pdf_url(row: CertificateRow) -> str:
    return OFFICIAL_PDF.format(number=row.document_number)


def citizen_pdf_url(row: CertificateRow) -> str:
    return CITIZEN_PDF.format(number=row.document_number)


def _fields(row: CertificateRow, pdf_url: str) -> dict[str, Any]:
    snapshot = row.facts
    holder = snapshot["holder"]
    kind = certificate_type(row.certificate_type)
    period = None
    if row.period_start is not None and row.period_end is not None:
        period = Period(start=row.period_start, end=row.period_end)
    return {
        "document_number": row.document_number,
        "certificate_type": kind.code,
        "title": kind.title,
        "purpose": row.purpose,
        "purpose_label": snapshot["purpose"],
        "holder": HolderRef(id=row.person_id, name=holder["name"], rrn_masked=holder["rrn_masked"]),
        "issued_on": row.issued_on,
        "issued_at": row.issued_at,
        "issuer": row.issuer,
        "channel": row.channel,
        "issued_by": row.issued_by,
        "period": period,
        "full_rrn_printed": row.full_rrn_printed,
        "printed_items": sorted(Item(i) for i in row.printed_items),
        "lines": [
            CertifiedLine(
                entitlement_id=line["entitlement_id"],
                program=line["program"],
                program_label=PROGRAM_LABELS[Program(line["program"])],
                start_date=line["start_date"],
                certified_from=line["certified_from"],
                certified_through=line["certified_through"],
                beneficiary_name=line.get("beneficiary_name"),
            )
            for line in snapshot["lines"]
        ],
        "status": CertificateStatus.REVOKED if row.revoked_at else CertificateStatus.VALID,
        "revoked_at": row.revoked_at,
        "revoked_reason": row.revoked_reason,
        "verification_count": row.verification_count,
        "pdf_url": pdf_url,
    }


def read(row: CertificateRow, pdf_url: str) -> CertificateRead:
    return CertificateRead.model_validate(_fields(row, pdf_url))


def issued(row: CertificateRow, code: str, url: str, pdf_url: str) -> CertificateIssued:
    return CertificateIssued.model_validate(
        {**_fields(row, pdf_url), "verification_code": code, "verification_url": url}
    )


def catalogue() -> CertificateCatalogue:
    order = list(Program)
    return CertificateCatalogue(
        types=[
            CertificateTypeRead(
                code=t.code,
                title=t.title,
                legal_basis=t.legal_basis,
                programs=sorted(t.programs, key=order.index),
                past_receipt=t.past_receipt_allowed,
                shows_members=t.shows_members,
                full_rrn_allowed=t.full_rrn_allowed,
                uncertain=t.uncertain,
            )
            for t in CERTIFICATE_TYPES.values()
        ],
        purposes=[
            PurposeRead(
                code=code,
                label=spec.label,
                items=sorted(spec.needs),
                full_rrn_possible=spec.needs_identity,
            )
            for code, spec in PURPOSES.items()
        ],
    )
