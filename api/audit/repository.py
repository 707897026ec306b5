from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.chain import RecordFields, StoredRecord
from api.models import AccessLog, AuditChainHead

VERIFY_BATCH = 5000


def stored(row: AccessLog) -> StoredRecord:
    return StoredRecord(
        id=row.id,
        lane=row.lane,
        lane_seq=row.lane_seq,
        fields=RecordFields(
            occurred_at=row.occurred_at,
            request_id=row.request_id,
            actor=row.actor,
            actor_kind=row.actor_kind,
            actor_sigungu=row.actor_sigungu,
            client_ip=row.client_ip,
            subjects=tuple(row.subjects),
            resource=row.resource,
            action=row.action,
            purpose=row.purpose,
            method=row.method,
            route=row.route,
            status=row.status,
            outcome=row.outcome,
        ),
        content_hash=bytes(row.content_hash),
        chain_hash=bytes(row.chain_hash),
    )


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def heads(self) -> Sequence[AuditChainHead]:
        return (await self.session.scalars(select(AuditChainHead).order_by(AuditChainHead.lane))).all()

    async def lane_records(self, lane: int) -> AsyncIterator[StoredRecord]:
        after = 0
        while True:
            rows = (
                await self.session.scalars(
                    select(AccessLog)
                    .where(AccessLog.lane == lane, AccessLog.lane_seq > after)
                    .order_by(AccessLog.lane_seq)
                    .limit(VERIFY_BATCH)
                )
            ).all()
            for row in rows:
                yield stored(row)
            if len(rows) < VERIFY_BATCH:
                return
            after = rows[-1].lane_seq

    async def first_stray(self) -> AccessLog | None:
        """A row outside every lane's chain (unknown lane, or a sequence number the head never
        issued): it cannot have come through `audit_append`."""
        return await self.session.scalar(
            select(AccessLog)
            .where(
                ~select(AuditChainHead.lane)
                .where(
                    AuditChainHead.lane == AccessLog.lane,
                    AccessLog.lane_seq.between(1, AuditChainHead.last_seq),
                )
                .exists()
            )
            .order_by(AccessLog.id)
            .limit(1)
        )

    async def search(
        self,
        *,
        actor_sigungu: str | None,
        actor: str | None,
        subject: uuid.UUID | None,
        action: str | None,
        since: datetime | None,
        until: datetime | None,
        before_id: int | None,
        limit: int,
    ) -> Sequence[AccessLog]:
        query = select(AccessLog)
        if actor_sigungu is not None:
            query = query.where(AccessLog.actor_sigungu == actor_sigungu)
        if actor:
            query = query.where(AccessLog.actor == actor)
        if subject is not None:
            query = query.where(AccessLog.subjects.contains([subject]))
        if action:
            query = query.where(AccessLog.action == action)
        if since is not None:
            query = query.where(AccessLog.occurred_at >= since)
        if until is not None:
            query = query.where(AccessLog.occurred_at < until)
        if before_id is not None:
            query = query.where(AccessLog.id < before_id)
        return (await self.session.scalars(query.order_by(AccessLog.id.desc()).limit(limit))).all()
