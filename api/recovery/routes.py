"""환수 (overpayment recovery) and 소급지급 (underpayment) endpoints, the payment officer's (급여 지급·환수).
A case belongs to the 시군구 of its entitlement. The month table compares what went out (payment lines
sent, paid or settled) with what the entitlement as it stands now is due; a case is assessed,
given its 사전통지, decided — only then is anything recovered — and repaid, set off by payment runs,
or closed by 결손처분 or 반환 면제 where the law allows."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from api.audit.trail import Action, AuditTrail
from api.db import SessionDep
from api.problems import PROBLEMS
from api.recovery.schemas import (
    ArrearsCreate,
    ArrearsRead,
    AssessmentRead,
    AssessmentRequest,
    ClosureCreate,
    NoticeCreate,
    OpinionCreate,
    ReadQuery,
    ReceiptCreate,
    RecoveryCreate,
    RecoveryDecisionCreate,
    RecoveryPage,
    RecoveryQuery,
    RecoveryRead,
    WithdrawCreate,
)
from api.recovery.service import RecoveryService
from api.recovery.workflow import RecoveryWorkflow
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import Scope

router = APIRouter(prefix="/api/v1/recoveries", tags=["recoveries"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.PAYMENTS_READ, audit=Action.READ))]
Writer = Annotated[Principal, Depends(guard(Scope.PAYMENTS_WRITE, audit=Action.CREATE))]
Changer = Annotated[Principal, Depends(guard(Scope.PAYMENTS_WRITE, audit=Action.UPDATE))]
Trail = Annotated[AuditTrail, Depends(audit_trail)]


@router.post("/assessments", response_model=AssessmentRead)
async def assess(
    body: AssessmentRequest, principal: Reader, session: SessionDep, trail: Trail
) -> AssessmentRead:
    """The month-by-month table of an entitlement (paid against due), the 환수금 it gives — principal,
    interest for fraud, the program's 끝수 rule and minimum, months barred by the 5-year 시효 — and
    the 소급지급 owed. Nothing is stored. A fraud cause in a program that adds interest is 422 while
    the 3년 만기 정기예금 rate has not been registered."""
    return await RecoveryService(session, principal, trail).assess(body)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RecoveryRead)
async def open_case(
    body: RecoveryCreate, principal: Writer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """Opens a 환수 case in state `assessed` with its number and assessment. 409, with the reason and
    nothing stored, when nothing would be recovered (below the minimum, barred, nothing overpaid).
    Months a live case already recovers are left out. Underpaid months are reported
    (`underpaid_note`): their 소급지급 is a separate 처분 (`POST /recoveries/arrears`)."""
    return await RecoveryService(session, principal, trail).open(body)


@router.post("/arrears", status_code=status.HTTP_201_CREATED, response_model=ArrearsRead)
async def decide_arrears(
    body: ArrearsCreate, principal: Writer, session: SessionDep, trail: Trail
) -> ArrearsRead:
    """소급지급: the underpaid months not barred become one arrears row, paid by the next payment run
    as an arrears line. 409 when nothing is underpaid or the months' earlier 소급지급 still waits."""
    return await RecoveryService(session, principal, trail).decide_arrears(body)


@router.get("", response_model=RecoveryPage)
async def list_cases(
    principal: Reader, session: SessionDep, trail: Trail, query: Annotated[RecoveryQuery, Query()]
) -> RecoveryPage:
    """The caller's 시군구's 환수 cases, newest first. Every debtor listed is recorded in the 접속기록."""
    return await RecoveryService(session, principal, trail).cases(query)


@router.get("/{recovery_id:uuid}", response_model=RecoveryRead)
async def read_case(
    recovery_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    trail: Trail,
    query: Annotated[ReadQuery, Query()],
) -> RecoveryRead:
    """One case: its assessment (the month table), the instalments and where they stand on `as_of`
    (unmet, the whole balance due after three unmet in a row), receipts (repayments, 상계, closures),
    the case's ledger and its history."""
    return await RecoveryService(session, principal, trail).read(recovery_id, query.as_of)


@router.post("/{recovery_id:uuid}/notice", response_model=RecoveryRead)
async def give_notice(
    recovery_id: uuid.UUID, body: NoticeCreate, principal: Changer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """사전통지 given: the case becomes `notified` and the 의견제출 period runs to `opinion_due`."""
    return await RecoveryWorkflow(session, principal, trail).notice(recovery_id, body)


@router.post("/{recovery_id:uuid}/opinion", response_model=RecoveryRead)
async def record_opinion(
    recovery_id: uuid.UUID, body: OpinionCreate, principal: Changer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """The recipient's 의견제출, as received."""
    return await RecoveryWorkflow(session, principal, trail).opinion(recovery_id, body)


@router.post("/{recovery_id:uuid}/decision", response_model=RecoveryRead)
async def decide(
    recovery_id: uuid.UUID,
    body: RecoveryDecisionCreate,
    principal: Changer,
    session: SessionDep,
    trail: Trail,
) -> RecoveryRead:
    """환수 결정 by the payment officer (recorded as `decided_by`): after the 사전통지 and after the
    opinion period unless an opinion came in. The instalments (1 = lump sum, at most what the
    시행규칙 table allows, 422 beyond), 상계 only where the program's law allows it (409 otherwise,
    e.g. 생계급여), and the ledger journal 환수 결정. 409 on a stale version or a wrong state."""
    return await RecoveryWorkflow(session, principal, trail).decide(recovery_id, body)


@router.post("/{recovery_id:uuid}/receipts", response_model=RecoveryRead)
async def record_receipt(
    recovery_id: uuid.UUID, body: ReceiptCreate, principal: Writer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """A repayment, paid into the instalments oldest first, with the journal 환수 납부; the case is
    returned. More than the balance is 422; the case closes when the balance reaches 0."""
    return await RecoveryWorkflow(session, principal, trail).receive(recovery_id, body)


@router.post("/{recovery_id:uuid}/closure", response_model=RecoveryRead)
async def close_case(
    recovery_id: uuid.UUID, body: ClosureCreate, principal: Changer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """결손처분 or 반환 면제 of the balance, where the program's law gives the power (422 otherwise);
    the journal Dr 환수결손 / Cr 환수채권; the case closed."""
    return await RecoveryWorkflow(session, principal, trail).close(recovery_id, body)


@router.post("/{recovery_id:uuid}/withdraw", response_model=RecoveryRead)
async def withdraw_case(
    recovery_id: uuid.UUID, body: WithdrawCreate, principal: Changer, session: SessionDep, trail: Trail
) -> RecoveryRead:
    """Withdraws a case before its decision, with the reason."""
    return await RecoveryWorkflow(session, principal, trail).withdraw(recovery_id, body)
