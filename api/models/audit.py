from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, UUID  # PostgreSQL's ARRAY has contains() (`@>`)
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base


class AccessLog(Base):
    """접속기록 (개인정보의 안전성 확보조치 기준 제2조3호, 제8조): one row per request that reads or
    changes personal data. Written only through the `audit_append` database function, which chains
    each row to the previous one in its lane; the application role cannot UPDATE or DELETE rows."""

    __tablename__ = "access_logs"
    __table_args__ = (
        Index("uq_access_logs_lane_seq", "lane", "lane_seq", unique=True),
        Index("ix_access_logs_actor_time", "actor", "occurred_at"),
        Index("ix_access_logs_subjects", "subjects", postgresql_using="gin"),
        Index("ix_access_logs_time", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    lane: Mapped[int] = mapped_column(SmallInteger)
    lane_seq: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))  # 계정: official's username or service client id
    actor_kind: Mapped[str] = mapped_column(String(16))  # official | portal | kiosk
    actor_sigungu: Mapped[str | None] = mapped_column(String(5))
    client_ip: Mapped[str] = mapped_column(String(45))  # 접속지
    subjects: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))  # 정보주체
    resource: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(8))  # 수행업무: 조회 입력 변경 삭제 출력 다운로드
    purpose: Mapped[str | None] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(8))
    route: Mapped[str] = mapped_column(String(200))
    status: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))  # success | denied | not_found | rejected | error
    content_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    chain_hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditChainHead(Base):
    """The last link of each lane. Lanes let concurrent requests append without waiting on one
    global lock; each lane is its own hash chain, and verify walks all of them."""

    __tablename__ = "audit_chain_heads"

    lane: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
