"""수급자격 (entitlements) and their 사후관리: amount history, state history, proposed changes from
변동신고, and 이의신청."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamps, UuidPk, utcnow


class EntitlementRow(UuidPk, Timestamps, Base):
    """A right to one program, created by an approving decision. Household programs (생계·의료·주거·
    교육급여, 긴급복지) have one row for the household with its members in `entitlement_members`;
    personal programs (기초연금, 장애인연금, 아동 급여) one row per person."""

    __tablename__ = "entitlements"

    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("decisions.id"), index=True)
    program: Mapped[str] = mapped_column(String(24))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"))
    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"))
    emd_code: Mapped[str | None] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(12), default="active")
    state_reason: Mapped[str | None] = mapped_column(String(40))
    monthly_amount: Mapped[int] = mapped_column(BigInteger)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    # 처분 취소: the first day treated as never held (state `cancelled`); see migration 0005.
    cancelled_from: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EntitlementMember(Base):
    """The people a household entitlement covers (수급자)."""

    __tablename__ = "entitlement_members"

    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlements.id"), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), primary_key=True)


class EntitlementAmount(Base):
    """Amount history: the monthly amount from `effective_from` on, and why it changed."""

    __tablename__ = "entitlement_amounts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlements.id"), index=True)
    monthly_amount: Mapped[int] = mapped_column(BigInteger)
    effective_from: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntitlementEvent(Base):
    """Every state change of an entitlement (정지·재개·중지·상실) with who, when and why."""

    __tablename__ = "entitlement_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlements.id"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str | None] = mapped_column(String(12))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    effective_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChangeProposal(UuidPk, Base):
    """A 변동신고 re-calculated: before and after, from when, waiting for an official to confirm."""

    __tablename__ = "change_proposals"

    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlements.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # income | household | assets | other
    reported_on: Mapped[date] = mapped_column(Date)
    effective_from: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    before_amount: Mapped[int] = mapped_column(BigInteger)
    after_amount: Mapped[int] = mapped_column(BigInteger)
    after_eligible: Mapped[bool]
    trace: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    state: Mapped[str] = mapped_column(String(12), default="proposed")  # proposed | confirmed | rejected
    reported_by: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AppealRow(UuidPk, Base):
    """An 이의신청 against a decision, recorded and decided."""

    __tablename__ = "appeals"

    decision_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("decisions.id"), index=True)
    program: Mapped[str] = mapped_column(String(24))
    filed_on: Mapped[date] = mapped_column(Date)
    grounds: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="filed")
    outcome_note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IdempotencyRecord(Base):
    """A client's `Idempotency-Key`: the request it first came with, and once done, the response."""

    __tablename__ = "idempotency_records"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    method: Mapped[str] = mapped_column(String(8))
    route: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(12))  # in_flight | completed
    status: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[bytes | None] = mapped_column(LargeBinary)
    headers: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # The data subjects of the stored answer, so that a replay's 접속기록 names them too.
    subjects: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SigunguSetting(Base):
    """Per-시군구 settings of the case workflow (`domain.cases.separation_of_duties.DutySetting`)."""

    __tablename__ = "sigungu_settings"

    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"), primary_key=True)
    investigator_may_decide: Mapped[bool] = mapped_column(default=False)
