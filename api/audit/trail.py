"""The request's 접속기록 in the making.

A guarded route that touches personal data gets an `AuditTrail` on `request.state` (see
`api.security.guard`); services add the data subjects and the purpose as they learn them. The
session dependency appends exactly one record per request: with the work before commit on success,
or on its own after the rollback when the request failed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.audit.chain import RecordFields, content_hash
from domain.identity.rrn import scrub_resident_numbers

log = logging.getLogger(__name__)


class Action(StrEnum):
    """수행업무 (안전성 확보조치 기준 제2조3호)."""

    READ = "조회"
    CREATE = "입력"
    UPDATE = "변경"
    DELETE = "삭제"
    PRINT = "출력"
    DOWNLOAD = "다운로드"


@dataclass
class AuditTrail:
    actor: str
    actor_kind: str
    actor_sigungu: str | None
    client_ip: str
    request_id: str
    method: str
    route: str
    action: Action
    resource: str | None = None
    purpose: str | None = None
    subjects: list[uuid.UUID] = field(default_factory=list)
    success_status: int = 200

    def add_subjects(self, *people: uuid.UUID) -> None:
        for person in people:
            if person not in self.subjects:
                self.subjects.append(person)

    def set_purpose(self, purpose: str | None) -> None:
        # Free text: an official may type a 주민등록번호 into it, and the log must not keep it (nor a
        # NUL, which PostgreSQL text cannot hold).
        if purpose:
            self.purpose = scrub_resident_numbers(purpose.replace("\x00", ""))[:500]

    def fields(self, status: int, outcome: str) -> RecordFields:
        return RecordFields(
            occurred_at=datetime.now(UTC),
            request_id=self.request_id,
            actor=self.actor,
            actor_kind=self.actor_kind,
            actor_sigungu=self.actor_sigungu,
            client_ip=self.client_ip,
            subjects=tuple(self.subjects),
            resource=self.resource,
            action=self.action.value,
            purpose=self.purpose,
            method=self.method,
            route=self.route,
            status=status,
            outcome=outcome,
        )


_APPEND = text(
    "SELECT audit_append(:occurred_at, :request_id, :actor, :actor_kind, :actor_sigungu, :client_ip,"
    " CAST(:subjects AS uuid[]), :resource, :action, :purpose, :method, :route, :status, :outcome,"
    " :content_hash)"
)


def outcome_for(status: int) -> str:
    if status < 400:
        return "success"
    return {401: "denied", 403: "denied", 404: "not_found", 409: "rejected", 422: "rejected"}.get(
        status, "error" if status >= 500 else "rejected"
    )


async def append(session: AsyncSession, trail: AuditTrail, status: int) -> None:
    record = trail.fields(status, outcome_for(status))
    params = {
        "occurred_at": record.occurred_at,
        "request_id": record.request_id,
        "actor": record.actor,
        "actor_kind": record.actor_kind,
        "actor_sigungu": record.actor_sigungu,
        "client_ip": record.client_ip,
        "subjects": [str(s) for s in record.subjects],
        "resource": record.resource,
        "action": record.action,
        "purpose": record.purpose,
        "method": record.method,
        "route": record.route,
        "status": record.status,
        "outcome": record.outcome,
        "content_hash": content_hash(record),
    }
    await session.execute(_APPEND, params)


async def write_success(session: AsyncSession, trail: AuditTrail) -> None:
    await append(session, trail, trail.success_status)


async def write_attempt(
    sessionmaker: async_sessionmaker[AsyncSession], trail: AuditTrail, status: int
) -> None:
    """Records a failed attempt in its own transaction (the request's own work was rolled back)."""
    try:
        async with sessionmaker() as session, session.begin():
            await append(session, trail, status)
    except Exception:
        # The original error still reaches the caller; losing this record must be loud.
        log.exception("could not write the access record of a failed request %s", trail.request_id)
        raise
