"""Walks every lane of the 접속기록 chain and reports the first broken link. Used by
`ieum audit verify` (owner connection) and `GET /api/v1/audit/verify`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.chain import BrokenLink, LaneWalk, first_broken
from api.audit.repository import AuditRepository


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    records_checked: int
    lanes: int
    first_broken: BrokenLink | None


async def verify_chain(session: AsyncSession) -> VerifyReport:
    repo = AuditRepository(session)
    walks: list[LaneWalk] = []
    for head in await repo.heads():
        walk = LaneWalk(head.lane)
        async for record in repo.lane_records(head.lane):
            walk.feed(record)
            if walk.broken is not None:
                break
        walk.finish(head.last_seq, bytes(head.last_hash))
        walks.append(walk)
    broken = first_broken(walks)
    if broken is None:
        stray = await repo.first_stray()
        if stray is not None:
            broken = BrokenLink(stray.id, stray.lane, stray.lane_seq, "record outside every chain (inserted)")
    return VerifyReport(broken is None, sum(w.checked for w in walks), len(walks), broken)
