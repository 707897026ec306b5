from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamps, UuidPk, utcnow


class Official(UuidPk, Timestamps, Base):
    """An official's account: the only people with accounts. Roles are duties (업무), the
    jurisdiction (관할) is one 시군구 and optionally one 읍면동 in it, programs are the benefits handled."""

    __tablename__ = "officials"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    sigungu_code: Mapped[str] = mapped_column(String(5), ForeignKey("sigungu.code"))
    emd_code: Mapped[str | None] = mapped_column(String(10))
    programs: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Bumped on every change of roles, jurisdiction or status: older tokens stop working at once.
    token_version: Mapped[int] = mapped_column(Integer, default=1)


class OfficialGrantEvent(Base):
    """A grant, change or revocation of an official's roles, jurisdiction, programs or status.
    Append-only for the application role; kept at least 3 years (안전성 확보조치 기준 제5조③)."""

    __tablename__ = "official_grant_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    official_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officials.id"))
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    change: Mapped[str] = mapped_column(String(16))  # grant | change | revoke | disable | enable
    before: Mapped[dict[str, object] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, object]] = mapped_column(JSONB)
    reason: Mapped[str | None] = mapped_column(Text)


class ServiceClient(UuidPk, Timestamps, Base):
    """A citizen portal or kiosk that calls the API with client credentials."""

    __tablename__ = "service_clients"

    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))  # portal | kiosk
    secret_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RefreshToken(UuidPk, Base):
    """An opaque refresh token (only its SHA-256 is stored), rotated on every use. A token used twice
    revokes its whole family: someone replayed a stolen cookie."""

    __tablename__ = "refresh_tokens"

    official_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officials.id"))
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
