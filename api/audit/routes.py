"""접속기록 review for privacy officers (scope `audit:read`), limited to their 시군구's accounts."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api.audit.repository import AuditRepository
from api.audit.schemas import AccessRecordRead, BrokenLinkRead, VerifyRead
from api.audit.verify import verify_chain
from api.db import SessionDep
from api.problems import PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.wire import DateTimeWithOffset

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=PROBLEMS)
Officer = Annotated[Principal, Depends(guard(Scope.AUDIT_READ))]
ActionName = Literal["조회", "입력", "변경", "삭제", "출력", "다운로드"]


@router.get("/records", response_model=list[AccessRecordRead])
async def search_records(
    principal: Officer,
    session: SessionDep,
    actor: Annotated[str | None, Query(max_length=64, description="계정")] = None,
    subject: Annotated[uuid.UUID | None, Query(description="정보주체 (person id)")] = None,
    action: Annotated[ActionName | None, Query(description="수행업무")] = None,
    since: Annotated[DateTimeWithOffset | None, Query(description="from (inclusive)")] = None,
    until: Annotated[DateTimeWithOffset | None, Query(description="to (exclusive)")] = None,
    before_id: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="page: records older than this id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AccessRecordRead]:
    """Access records of the officer's 시군구 by account, data subject, period and action, newest first."""
    rows = await AuditRepository(session).search(
        actor_sigungu=principal.sigungu_code,
        actor=actor,
        subject=subject,
        action=action,
        since=since,
        until=until,
        before_id=before_id,
        limit=limit,
    )
    return [AccessRecordRead.model_validate(r, from_attributes=True) for r in rows]


@router.get("/verify", response_model=VerifyRead)
async def verify(principal: Officer, session: SessionDep) -> VerifyRead:
    """Checks the whole hash chain and names the first broken link, if any."""
    report = await verify_chain(session)
    broken = BrokenLinkRead(**asdict(report.first_broken)) if report.first_broken else None
    return VerifyRead(
        ok=report.ok, records_checked=report.records_checked, lanes=report.lanes, first_broken=broken
    )
