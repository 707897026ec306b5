"""조사 endpoints: start, re-gather, facts, evidence, completion and 보완조사."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, ConfigDict, Field

from api.audit.trail import Action
from api.cases import deps
from api.cases.schemas import (
    EvidenceCreate,
    EvidenceVoid,
    FactsUpdate,
    InvestigationComplete,
    InvestigationCreate,
    InvestigationRead,
    Text,
)
from api.db import SessionDep
from api.problems import PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.wire import JsonInteger

router = APIRouter(prefix="/api/v1/investigations", tags=["investigations"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.INVESTIGATIONS_READ, audit=Action.READ))]
Creator = Annotated[Principal, Depends(guard(Scope.INVESTIGATIONS_WRITE, audit=Action.CREATE))]
Updater = Annotated[Principal, Depends(guard(Scope.INVESTIGATIONS_WRITE, audit=Action.UPDATE))]
Returner = Annotated[Principal, Depends(guard(Scope.DECISIONS_WRITE, audit=Action.UPDATE))]


class Reopen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Text
    version: JsonInteger = Field(ge=1)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=InvestigationRead)
async def start_investigation(
    body: InvestigationCreate, request: Request, principal: Creator, session: SessionDep, trail: deps.Trail
) -> InvestigationRead:
    """Starts the 조사 of an application: asks the linked public data (국세청 소득, 국민연금·직역연금,
    건강보험, 국토부 재산·자동차, and 금융정보 for those who consented) about every household member and
    부양의무자, and computes the 소득인정액 and every program's result with its trace. An agency that
    does not answer is listed in `not_obtained`, never counted as zero."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.start(body)


@router.get("/{investigation_id:uuid}", response_model=InvestigationRead)
async def read_investigation(
    investigation_id: uuid.UUID, request: Request, principal: Reader, session: SessionDep, trail: deps.Trail
) -> InvestigationRead:
    """The investigation: members and 부양의무자, evidence (linked and entered), the household as
    assessed, and each program's result with its trace."""
    return await (await deps.investigations(request, session, principal, trail)).read(investigation_id)


@router.post("/{investigation_id:uuid}/gathering", response_model=InvestigationRead)
async def regather(
    investigation_id: uuid.UUID,
    body: InvestigationComplete,
    request: Request,
    principal: Updater,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """Asks the agencies again (after an outage, or a new consent); earlier linked records are voided."""
    return await (await deps.investigations(request, session, principal, trail)).regather(
        investigation_id, body
    )


@router.put("/{investigation_id:uuid}/facts", response_model=InvestigationRead)
async def update_facts(
    investigation_id: uuid.UUID,
    body: FactsUpdate,
    request: Request,
    principal: Updater,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """Sets what the official established that no agency reports (tenancy and rent, schooling,
    childcare, 사적이전소득, 위기사유), with a reason kept in the history; recomputes."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.update_facts(investigation_id, body)


@router.post(
    "/{investigation_id:uuid}/evidence", status_code=status.HTTP_201_CREATED, response_model=InvestigationRead
)
async def add_evidence(
    investigation_id: uuid.UUID,
    body: EvidenceCreate,
    request: Request,
    principal: Creator,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """Adds a record the linked data lacks, or corrects one (`replaces_id` voids it), with a reason;
    recomputes."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.add_evidence(investigation_id, body)


@router.post("/{investigation_id:uuid}/evidence/{evidence_id:uuid}/void", response_model=InvestigationRead)
async def void_evidence(
    investigation_id: uuid.UUID,
    evidence_id: uuid.UUID,
    body: EvidenceVoid,
    request: Request,
    principal: Updater,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """Voids a record that does not belong to the case, with a reason; recomputes."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.void_evidence(investigation_id, evidence_id, body)


@router.post("/{investigation_id:uuid}/completion", response_model=InvestigationRead)
async def complete_investigation(
    investigation_id: uuid.UUID,
    body: InvestigationComplete,
    request: Request,
    principal: Updater,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """Completes the investigation: its programs wait for the decision-maker."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.complete(investigation_id, body)


@router.post("/{investigation_id:uuid}/reopening", response_model=InvestigationRead)
async def reopen_investigation(
    investigation_id: uuid.UUID,
    body: Reopen,
    request: Request,
    principal: Returner,
    session: SessionDep,
    trail: deps.Trail,
) -> InvestigationRead:
    """보완조사: the decision-maker sends the undecided programs back to investigation, with a reason."""
    service = await deps.investigations(request, session, principal, trail)
    return await service.reopen(investigation_id, body.reason, body.version)
