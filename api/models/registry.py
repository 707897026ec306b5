from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamps, UuidPk


class Person(UuidPk, Timestamps, Base):
    """개인별 DB: one resident. The 주민등록번호 is kept only as AES-GCM ciphertext plus a keyed HMAC
    blind index for exact lookup; birth date and sex are derived from it at registration."""

    __tablename__ = "persons"
    __table_args__ = (
        CheckConstraint("disability IN ('none', 'mild', 'severe')", name="disability"),
        CheckConstraint("sex IN ('M', 'F')", name="sex"),
        Index("ix_persons_scope_name_birth", "sigungu_code", "name", "birth_date"),
    )

    name: Mapped[str] = mapped_column(String(100))
    rrn_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    rrn_blind_index: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    foreign_resident: Mapped[bool]
    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"))
    emd_code: Mapped[str | None] = mapped_column(String(10))
    emd_name: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))
    disability: Mapped[str] = mapped_column(String(8), default="none")
    bank_name: Mapped[str | None] = mapped_column(String(40))
    bank_account_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    bank_account_last4: Mapped[str | None] = mapped_column(String(4))
    # The bank's 예금주 확인 of the account (api/payments/bank_export.py); cleared when it changes.
    bank_account_check: Mapped[str | None] = mapped_column(String(20))
    bank_account_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bank_account_protected: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy reads it as a class attr


class Household(UuidPk, Timestamps, Base):
    """가구별 DB: a household at one address, with a head (세대주)."""

    __tablename__ = "households"

    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"), index=True)
    emd_code: Mapped[str | None] = mapped_column(String(10))
    emd_name: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)


RELATIONS_TO_HEAD = ("head", "spouse", "child", "parent", "grandchild", "sibling", "other")


class HouseholdMember(UuidPk, Base):
    """A person's membership of a household, with their relation to the head. A person belongs to
    one household at a time; leaving sets `left_on` so the history stays."""

    __tablename__ = "household_members"
    __table_args__ = (
        CheckConstraint(
            "relation IN ('head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other')",
            name="relation",
        ),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="period"),
        Index(
            "uq_household_members_current_person",
            "person_id",
            unique=True,
            postgresql_where=text("left_on IS NULL"),
        ),
        Index(
            "uq_household_members_current_head",
            "household_id",
            unique=True,
            postgresql_where=text("left_on IS NULL AND relation = 'head'"),
        ),
    )

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    relation: Mapped[str] = mapped_column(String(12))
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class FamilyRelation(UuidPk, Base):
    """A family tie across households, the basis of 부양의무자 (1촌 직계혈족 and their spouses).
    Stored once per pair: `parent_of` from parent to child, `spouse_of` from the smaller id."""

    __tablename__ = "family_relations"
    __table_args__ = (
        CheckConstraint("kind IN ('parent_of', 'spouse_of')", name="kind"),
        CheckConstraint("from_person_id <> to_person_id", name="distinct_people"),
        CheckConstraint("kind <> 'spouse_of' OR from_person_id < to_person_id", name="spouse_order"),
        Index("uq_family_relations_pair", "from_person_id", "to_person_id", "kind", unique=True),
        Index("ix_family_relations_to", "to_person_id"),
    )

    from_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    to_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    kind: Mapped[str] = mapped_column(String(12))
