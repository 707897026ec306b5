"""수급자격 (entitlement) and 사후관리 endpoints: the rights granted by approving decisions, the
변동신고 that re-calculate them, their 지급정지·재개·중지·상실, and the 이의신청 against a decision.
Entitlements are created by the decision that approves an application, not here."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field

from api.audit.trail import Action, AuditTrail
from api.db import SessionDep
from api.entitlements.appeals import AppealService
from api.entitlements.changes import ChangeService
from api.entitlements.repository import EntitlementFilter, EntitlementRepository
from api.entitlements.schemas import (
    AppealCreate,
    AppealDecide,
    AppealRead,
    CancelRequest,
    ChangeCreate,
    ChangeProposalRead,
    EntitlementRead,
    EntitlementSummary,
    LoseRequest,
    ProposalDecide,
    ResumeRequest,
    StopRequest,
    SuspendRequest,
)
from api.entitlements.service import EntitlementService
from api.problems import PROBLEMS
from api.reference.regions import RegionCache
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.simulations.schemas import ProgramCode
from domain.cases.entitlement import EntitlementState

router = APIRouter(prefix="/api/v1", tags=["entitlements"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.DECISIONS_READ, audit=Action.READ))]
# 변동신고 is taken by the 통합조사 investigators; deciding on it is the decision maker's.
Reporter = Annotated[Principal, Depends(guard(Scope.INVESTIGATIONS_WRITE, audit=Action.CREATE))]
Decider = Annotated[Principal, Depends(guard(Scope.DECISIONS_WRITE, audit=Action.UPDATE))]
AppealRecorder = Annotated[Principal, Depends(guard(Scope.DECISIONS_WRITE, audit=Action.CREATE))]
Trail = Annotated[AuditTrail, Depends(audit_trail)]


async def _regions(request: Request) -> RegionCache:
    # The same per-process cache the public 모의계산 uses (api/simulations/routes.py).
    cache: RegionCache | None = getattr(request.app.state, "region_cache", None)
    if cache is None:
        cache = request.app.state.region_cache = RegionCache(request.app.state.database.sessionmaker)
    return cache


Regions = Annotated[RegionCache, Depends(_regions)]


def _service(session: SessionDep, principal: Principal, trail: AuditTrail) -> EntitlementService:
    return EntitlementService(EntitlementRepository(session, principal), trail)


async def _changes(
    session: SessionDep, principal: Principal, trail: AuditTrail, regions: RegionCache
) -> ChangeService:
    return ChangeService(EntitlementRepository(session, principal), trail, await regions.get())


def _appeals(session: SessionDep, principal: Principal, trail: AuditTrail) -> AppealService:
    return AppealService(EntitlementRepository(session, principal), trail)


# --- entitlements ---------------------------------------------------------------------------------
class EntitlementQuery(BaseModel):
    """Filters of the entitlement list; unknown parameters are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")

    person_id: uuid.UUID | None = Field(
        default=None, description="the beneficiary, or a member a household right covers"
    )
    program: ProgramCode | None = Field(default=None, description="program code")
    state: EntitlementState | None = Field(default=None, description="active, suspended, stopped, lost")
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=1_000_000)


@router.get("/entitlements", response_model=list[EntitlementSummary])
async def list_entitlements(
    principal: Reader, session: SessionDep, trail: Trail, query: Annotated[EntitlementQuery, Query()]
) -> list[EntitlementSummary]:
    """수급자격 granted in the caller's 시군구, newest start first, with the beneficiary's name and
    masked 주민등록번호. Every beneficiary listed is recorded in the 접속기록."""
    where = EntitlementFilter(query.person_id, query.program, query.state.value if query.state else None)
    return await _service(session, principal, trail).search(where, query.limit, query.offset)


@router.get("/entitlements/{entitlement_id}", response_model=EntitlementRead)
async def read_entitlement(
    entitlement_id: uuid.UUID, principal: Reader, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """One 수급자격 with its amount history (급여 변경), state history (정지·재개·중지·상실), the
    members it covers, the 변동신고 awaiting confirmation and the 이의신청 against its decision.
    Another 시군구's entitlement reads as 404."""
    return await _service(session, principal, trail).get(entitlement_id)


# --- 변동신고 ----------------------------------------------------------------------------------------
@router.post(
    "/entitlements/{entitlement_id}/changes",
    status_code=status.HTTP_201_CREATED,
    response_model=ChangeProposalRead,
)
async def report_change(
    entitlement_id: uuid.UUID,
    body: ChangeCreate,
    principal: Reporter,
    session: SessionDep,
    trail: Trail,
    regions: Regions,
) -> ChangeProposalRead:
    """Records a 변동신고 and re-calculates the benefit: `changes` edit the household the right
    rests on (as investigated for the decision, or as the last confirmed change left it), the rules in
    force on `effective_from` (default: the first day of the month after `reported_on`) are applied,
    and the result is kept as a proposal with the amount before and after and the calculation trace.
    Nothing changes until a decision maker confirms it. Only for an active or suspended right (else
    409); a household that cannot be assessed, or a date with no rules in force, answers 422."""
    service = await _changes(session, principal, trail, regions)
    return await service.report(entitlement_id, body)


@router.post(
    "/entitlements/{entitlement_id}/changes/{proposal_id}/confirm", response_model=ChangeProposalRead
)
async def confirm_change(
    entitlement_id: uuid.UUID,
    proposal_id: uuid.UUID,
    body: ProposalDecide,
    principal: Decider,
    session: SessionDep,
    trail: Trail,
    regions: Regions,
) -> ChangeProposalRead:
    """Confirms a proposed change (급여 변경, 국민기초생활보장법 제29조): the new monthly amount applies
    from the proposal's `effective_from` and joins the amount history. If the household is no longer
    eligible the right ends instead — 급여 중지 for 기초생활·긴급 benefits, 수급권 상실 for the personal
    programs. An unchanged amount is recorded as `no_change`. A stale `version`, a proposal already
    decided, or one overtaken by a later confirmed change answers 409."""
    service = await _changes(session, principal, trail, regions)
    return await service.confirm(entitlement_id, proposal_id, body)


@router.post("/entitlements/{entitlement_id}/changes/{proposal_id}/reject", response_model=ChangeProposalRead)
async def reject_change(
    entitlement_id: uuid.UUID,
    proposal_id: uuid.UUID,
    body: ProposalDecide,
    principal: Decider,
    session: SessionDep,
    trail: Trail,
) -> ChangeProposalRead:
    """Rejects a proposed change; the amount stays as it is. A stale `version`, or a proposal already
    decided, answers 409."""
    # Rejecting re-calculates nothing, so no regions are needed.
    service = ChangeService(EntitlementRepository(session, principal), trail, {})
    return await service.reject(entitlement_id, proposal_id, body)


# --- 지급정지 · 재개 · 중지 · 상실 -----------------------------------------------------------------------
@router.post("/entitlements/{entitlement_id}/suspend", response_model=EntitlementRead)
async def suspend_entitlement(
    entitlement_id: uuid.UUID, body: SuspendRequest, principal: Decider, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """지급정지 (기초연금법 제16조, 장애인연금법 제15조, 아동수당법 제13조): 수감, 행방불명, or 국외 체류.
    For `abroad`, `abroad_since` (출국일) is required and the stay must have reached 60 days (90 for
    아동수당 and the 영유아보육법 benefits) on `effective_on`, else 422. Only an active right can be
    suspended (else 409)."""
    return await _service(session, principal, trail).suspend(entitlement_id, body)


@router.post("/entitlements/{entitlement_id}/resume", response_model=EntitlementRead)
async def resume_entitlement(
    entitlement_id: uuid.UUID, body: ResumeRequest, principal: Decider, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """지급재개: a suspended right is paid again from `effective_on`."""
    return await _service(session, principal, trail).resume(entitlement_id, body)


@router.post("/entitlements/{entitlement_id}/stop", response_model=EntitlementRead)
async def stop_entitlement(
    entitlement_id: uuid.UUID, body: StopRequest, principal: Decider, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """급여 중지 (국민기초생활보장법 제30조①): ends the right on `effective_on`. Final: receiving the
    benefit again takes a new 신청 and decision."""
    return await _service(session, principal, trail).stop(entitlement_id, body)


@router.post("/entitlements/{entitlement_id}/lose", response_model=EntitlementRead)
async def lose_entitlement(
    entitlement_id: uuid.UUID, body: LoseRequest, principal: Decider, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """수급권 상실 (기초연금법 제17조): death, loss of nationality, emigration, moving to another
    시군구 (which becomes the 보장기관), or no longer eligible. Ends the right on `effective_on`."""
    return await _service(session, principal, trail).lose(entitlement_id, body)


@router.post("/entitlements/{entitlement_id}/cancel", response_model=EntitlementRead)
async def cancel_entitlement(
    entitlement_id: uuid.UUID, body: CancelRequest, principal: Decider, session: SessionDep, trail: Trail
) -> EntitlementRead:
    """처분 취소: the right is treated as never held from `void_from` on (its start date voids it
    whole) — after an 이의신청 is upheld for the recipient (`appeal_overturned`), a 부정수급 (`fraud`),
    a decision wrong from the start (`erroneous_decision`), or two refused 확인조사 (`verification_refused`,
    which needs the 청문 date, 국민기초생활보장법 제31조). Possible in any state but `cancelled`, an ended
    right included. `void_from` may not be before the start date or after today (422). Every
    certificate that vouched for a voided day is revoked in the same transaction."""
    return await _service(session, principal, trail).cancel(entitlement_id, body)


# --- 이의신청 ----------------------------------------------------------------------------------------
@router.post(
    "/decisions/{decision_id}/appeals", status_code=status.HTTP_201_CREATED, response_model=AppealRead
)
async def file_appeal(
    decision_id: uuid.UUID, body: AppealCreate, principal: AppealRecorder, session: SessionDep, trail: Trail
) -> AppealRead:
    """Records an 이의신청 against a decision (국민기초생활보장법 제38조, 기초연금법 제22조). It must be
    filed within 90 days of the decision notice — 30 days for 긴급지원 (긴급복지지원법 제16조) — and
    not before it; otherwise 422 naming the deadline."""
    return await _appeals(session, principal, trail).file(decision_id, body)


@router.get("/decisions/{decision_id}/appeals", response_model=list[AppealRead])
async def list_appeals(
    decision_id: uuid.UUID, principal: Reader, session: SessionDep, trail: Trail
) -> list[AppealRead]:
    """The 이의신청 against a decision, oldest first, with the window's deadline."""
    return await _appeals(session, principal, trail).list(decision_id)


@router.post("/appeals/{appeal_id}/decide", response_model=AppealRead)
async def decide_appeal(
    appeal_id: uuid.UUID, body: AppealDecide, principal: Decider, session: SessionDep, trail: Trail
) -> AppealRead:
    """Decides an 이의신청: `upheld` (기각, the decision stands), `overturned` (인용, the decision is
    to be cancelled or changed by a new decision), or `withdrawn` (취하). Once decided it cannot be
    decided again (409)."""
    return await _appeals(session, principal, trail).decide(appeal_id, body)
