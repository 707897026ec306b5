"""증명서: issued certificates, the entitlements each one states, and the yearly document serials."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, UuidPk, utcnow


class CertificateRow(UuidPk, Base):
    """One issued certificate, kept as it was printed: the PDF (AES-GCM, as 주민등록번호 are — it may
    hold a full number), the facts it states and which items it printed. The verification code itself
    is not kept, only its SHA-256; the PDF carries the code for a reprint. The application role can
    insert a certificate but not change it; revocation and the counters go through functions."""

    __tablename__ = "certificates"

    document_number: Mapped[str] = mapped_column(String(20), unique=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    certificate_type: Mapped[str] = mapped_column(String(24))
    purpose: Mapped[str] = mapped_column(String(24))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    holder_name_masked: Mapped[str] = mapped_column(String(100))
    # The 보장기관 whose decisions it states (and whose serials number it), and the case's 읍면동.
    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"))
    emd_code: Mapped[str | None] = mapped_column(String(10))
    issuer: Mapped[str] = mapped_column(String(120))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    channel: Mapped[str] = mapped_column(String(8))  # official | portal | kiosk
    issued_by: Mapped[str] = mapped_column(String(64))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    full_rrn_printed: Mapped[bool] = mapped_column(Boolean)
    printed_items: Mapped[list[str]] = mapped_column(ARRAY(String(24)))
    facts: Mapped[dict[str, Any]] = mapped_column(JSONB)
    pdf_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    verification_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_verification_count: Mapped[int] = mapped_column(Integer, default=0)
    last_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CertificateEntitlement(Base):
    """A line of a certificate: the entitlement it states and the days it vouches for (the issue
    date alone for a current-status certificate). Revocation compares a voided day with these."""

    __tablename__ = "certificate_entitlements"

    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificates.id"), primary_key=True)
    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlements.id"), primary_key=True)
    program: Mapped[str] = mapped_column(String(24))
    certified_from: Mapped[date] = mapped_column(Date)
    certified_through: Mapped[date] = mapped_column(Date)


class CertificateSerial(Base):
    """The last 문서번호 serial used by a 시군구 in a year (domain.certificates.numbers)."""

    __tablename__ = "certificate_serials"

    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"), primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)
