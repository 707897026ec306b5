"""The 신청 and its life up to the 결정: applications, their per-program cases, the 금융정보 consents,
investigations with their evidence, decisions, and the case history."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamps, UuidPk, utcnow


class Application(UuidPk, Timestamps, Base):
    """One 신청 of one applicant (for their household) for one or more programs. Its 시군구/읍면동 is the
    jurisdiction that handles it: the registered residence, or the actual one for a person without a
    registrable address (`residence_basis = 'actual'`)."""

    __tablename__ = "applications"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    applicant_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"))
    emd_code: Mapped[str | None] = mapped_column(String(10))
    emd_name: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(12))
    applied_on: Mapped[date] = mapped_column(Date)
    received_by: Mapped[str] = mapped_column(String(64))
    received_by_kind: Mapped[str] = mapped_column(String(16))
    ex_officio_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    residence_basis: Mapped[str] = mapped_column(String(12), default="registered")
    actual_address: Mapped[str | None] = mapped_column(Text)
    actual_since: Mapped[date | None] = mapped_column(Date)
    privacy_notice_version: Mapped[str] = mapped_column(String(40))
    privacy_notice_given_on: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(String(40))
    extension_detail: Mapped[str | None] = mapped_column(Text)
    extension_granted_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ApplicationProgram(UuidPk, Base):
    """The case of one program within a 신청 (`domain.cases.application.ProgramCase`)."""

    __tablename__ = "application_programs"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    program: Mapped[str] = mapped_column(String(24))
    state: Mapped[str] = mapped_column(String(16), default="received")
    investigation_refusals: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class FinancialConsentRow(UuidPk, Base):
    """A written 금융정보 제공 동의 (국민기초생활보장법 제21조③) of one person, recorded with the 신청."""

    __tablename__ = "financial_consents"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    role: Mapped[str] = mapped_column(String(12))  # applicant | member | obligor
    given_on: Mapped[date] = mapped_column(Date)
    document_id: Mapped[str] = mapped_column(String(60))
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseEventRow(Base):
    """Case history: every state change and every investigation step, with who, when and why.
    Append-only for the application role."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    program: Mapped[str | None] = mapped_column(String(24))
    event: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    actor_kind: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class Investigation(UuidPk, Base):
    """The 조사 of a 신청: the household as assessed, what the linked data gave, the rules engine's
    results with their traces, and the parameters they used (kept so an appeal can be answered years
    later from what was known then)."""

    __tablename__ = "investigations"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), unique=True)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open | completed
    as_of: Mapped[date] = mapped_column(Date)
    started_by: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    gathered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completed_by: Mapped[str | None] = mapped_column(String(64))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    not_obtained: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    household: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    results: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    parameters: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    recognized_income: Mapped[int | None] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Evidence(UuidPk, Base):
    """One record the 조사 rests on: from linked public data, or entered or corrected by an official
    with a reason. A correction voids the record it replaces; nothing is overwritten."""

    __tablename__ = "evidence"

    investigation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("investigations.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    role: Mapped[str] = mapped_column(String(12))  # member | obligor
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(12))  # linked | official
    agency: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(120))
    record: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(8), default="active")  # active | voided
    reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("evidence.id"))
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    voided_by: Mapped[str | None] = mapped_column(String(64))
    void_reason: Mapped[str | None] = mapped_column(Text)


class Decision(UuidPk, Base):
    """The 결정 of one program's case, with the basis it rests on and the notice sent."""

    __tablename__ = "decisions"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    application_program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("application_programs.id"), unique=True
    )
    program: Mapped[str] = mapped_column(String(24))
    outcome: Mapped[str] = mapped_column(String(12))  # approved | rejected
    reason_codes: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    note: Mapped[str | None] = mapped_column(Text)
    monthly_amount: Mapped[int | None] = mapped_column(BigInteger)
    start_date: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_on: Mapped[date] = mapped_column(Date)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    basis: Mapped[dict[str, Any]] = mapped_column(JSONB)
    exclusivity: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    notice_number: Mapped[str] = mapped_column(String(40), unique=True)
    # NULL: no notice was stored (a synthetic decision, migration 0008).
    notice_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
