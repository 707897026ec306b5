"""결정 endpoints: the proposal, the notice preview, the decision and its 결정통지서."""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Response, status

from api.audit.trail import Action
from api.cases import deps
from api.cases.schemas import DecisionCreate, DecisionProposal, DecisionRead
from api.db import SessionDep
from api.problems import PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.simulations.schemas import ProgramCode
from domain.rules.programs.common import Program

router = APIRouter(prefix="/api/v1/decisions", tags=["decisions"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.DECISIONS_READ, audit=Action.READ))]
Decider = Annotated[Principal, Depends(guard(Scope.DECISIONS_WRITE, audit=Action.CREATE))]
Previewer = Annotated[Principal, Depends(guard(Scope.DECISIONS_WRITE, audit=Action.PRINT))]
Printer = Annotated[Principal, Depends(guard(Scope.DECISIONS_READ, audit=Action.PRINT))]

PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}"},
    )


@router.get("/proposal", response_model=DecisionProposal)
async def decision_proposal(
    application_id: uuid.UUID, program: ProgramCode, principal: Reader, session: SessionDep, trail: deps.Trail
) -> DecisionProposal:
    """What the investigation supports for one program: eligibility, amount, start date, the
    중복지원 check across every 시군구, and whether the caller may decide (조사·결정 분리)."""
    return await deps.decisions(session, principal, trail).proposal(application_id, Program(program))


@router.post("/preview", response_class=Response, responses=PDF)
async def preview_notice(
    body: DecisionCreate, principal: Previewer, session: SessionDep, trail: deps.Trail
) -> Response:
    """The 결정통지서 the decision would produce, marked 미리보기; nothing is stored."""
    pdf = await deps.decisions(session, principal, trail).preview(body)
    return _pdf(pdf, "결정통지서-미리보기.pdf")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DecisionRead)
async def decide(
    body: DecisionCreate, principal: Decider, session: SessionDep, trail: deps.Trail
) -> DecisionRead:
    """Decides one program of an application: approve (creating the entitlements) or reject with
    reason codes. Only a decision-maker who did not investigate the case (unless the 시군구 allows it);
    `case_version` must be the version read (otherwise 409); a 중복지원 block is 409 with its reasons.
    The 결정통지서 is produced and kept."""
    return await deps.decisions(session, principal, trail).decide(body)


@router.get("/{decision_id:uuid}", response_model=DecisionRead)
async def read_decision(
    decision_id: uuid.UUID, principal: Reader, session: SessionDep, trail: deps.Trail
) -> DecisionRead:
    """One decision."""
    return await deps.decisions(session, principal, trail).read(decision_id)


@router.get("/{decision_id:uuid}/notice", response_class=Response, responses=PDF)
async def decision_notice(
    decision_id: uuid.UUID, principal: Printer, session: SessionDep, trail: deps.Trail
) -> Response:
    """The 결정통지서 as sent (PDF); each print is recorded in the 접속기록 as 출력."""
    number, pdf = await deps.decisions(session, principal, trail).notice_pdf(decision_id)
    return _pdf(pdf, f"결정통지서-{number}.pdf")
