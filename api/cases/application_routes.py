"""신청 endpoints: officials' intake and case handling, and the portal's 온라인 신청 for the citizen it
authenticated (`Idempotency-Key` required)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from api.audit.trail import Action
from api.cases import deps
from api.cases.schemas import (
    ApplicationCreate,
    ApplicationRead,
    ApplicationSummary,
    CaseEventRead,
    CaseStateCode,
    DismissalCreate,
    ExtensionCreate,
    OnlineApplicationCreate,
    OverdueItem,
    RefusalCreate,
    Withdrawal,
)
from api.db import SessionDep
from api.idempotency import IdempotencyDep
from api.problems import IDEMPOTENCY_PROBLEMS, PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.simulations.schemas import ProgramCode

router = APIRouter(prefix="/api/v1/applications", tags=["applications"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.APPLICATIONS_READ, audit=Action.READ))]
Creator = Annotated[Principal, Depends(guard(Scope.APPLICATIONS_WRITE, audit=Action.CREATE))]
Updater = Annotated[Principal, Depends(guard(Scope.APPLICATIONS_WRITE, audit=Action.UPDATE))]
InvestigationUpdater = Annotated[Principal, Depends(guard(Scope.INVESTIGATIONS_WRITE, audit=Action.UPDATE))]
CitizenCreator = Annotated[Principal, Depends(deps.citizen_guard(Scope.CITIZEN_APPLICATIONS, Action.CREATE))]
CitizenReader = Annotated[Principal, Depends(deps.citizen_guard(Scope.CITIZEN_APPLICATIONS, Action.READ))]
CitizenUpdater = Annotated[Principal, Depends(deps.citizen_guard(Scope.CITIZEN_APPLICATIONS, Action.UPDATE))]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApplicationRead)
async def receive_application(
    body: ApplicationCreate, principal: Creator, session: SessionDep, trail: deps.Trail
) -> ApplicationRead:
    """Receives a 신청 at the 읍면동 (`visit`) or on the official's initiative with the person's consent
    (`ex_officio`, 국민기초생활보장법 제21조②), for one or more programs of one household. Records the
    notice of purposes and retention given (사회보장급여법 제5조⑤) and the 금융정보 제공 동의 of the
    applicant, members and 부양의무자. Jurisdiction follows the registered residence, or the actual one
    after a month there for a person without a registrable address (`actual_residence`)."""
    return await deps.applications(session, principal, trail).submit(body)


class ApplicationFilter(BaseModel):
    """Filters of the application list; unknown parameters are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")

    state: CaseStateCode | None = None
    program: ProgramCode | None = None
    person_id: uuid.UUID | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=100_000)


@router.get("", response_model=list[ApplicationSummary])
async def list_applications(
    principal: Reader, session: SessionDep, trail: deps.Trail, filters: Annotated[ApplicationFilter, Query()]
) -> list[ApplicationSummary]:
    """Applications in the caller's jurisdiction, newest first; `state` and `program` filter by a
    program case in that state or of that program."""
    return await deps.applications(session, principal, trail).search(
        state=filters.state,
        program=filters.program,
        person_id=filters.person_id,
        limit=filters.limit,
        offset=filters.offset,
    )


@router.get("/overdue", response_model=list[OverdueItem])
async def overdue_applications(
    principal: Reader, session: SessionDep, trail: deps.Trail
) -> list[OverdueItem]:
    """The overdue list of the caller's 시군구 (or 읍면동): undecided applications past their deadline,
    30 days from the 신청일 or 60 once extended (국민기초생활보장법 제26조), most overdue first."""
    return await deps.applications(session, principal, trail).overdue()


@router.post(
    "/online",
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationRead,
    responses=IDEMPOTENCY_PROBLEMS,
)
async def submit_online_application(
    body: OnlineApplicationCreate,
    principal: CitizenCreator,
    session: SessionDep,
    trail: deps.Trail,
    idem: IdempotencyDep,
) -> Response:
    """온라인 신청 by a portal for the citizen its token asserts (see the integration guide). Requires
    an `Idempotency-Key`: the same key and body answer with the first response; the same key with
    another body is 422; a request still in flight with that key is 409."""
    read = await deps.applications(session, principal, trail).submit_online(body)
    headers = {"Location": f"/api/v1/applications/online/{read.id}"}
    return await idem.respond(session, status.HTTP_201_CREATED, read, headers=headers)


@router.get("/online", response_model=list[ApplicationRead])
async def list_online_applications(
    principal: CitizenReader, session: SessionDep, trail: deps.Trail
) -> list[ApplicationRead]:
    """The asserted citizen's own applications and their status (any channel)."""
    return await deps.applications(session, principal, trail).citizen_list()


@router.get("/online/{application_id:uuid}", response_model=ApplicationRead)
async def read_online_application(
    application_id: uuid.UUID, principal: CitizenReader, session: SessionDep, trail: deps.Trail
) -> ApplicationRead:
    """One of the asserted citizen's own applications; anyone else's reads as 404."""
    return await deps.applications(session, principal, trail).citizen_read(application_id)


@router.post("/online/{application_id:uuid}/withdrawal", response_model=ApplicationRead)
async def withdraw_online_application(
    application_id: uuid.UUID,
    body: Withdrawal,
    principal: CitizenUpdater,
    session: SessionDep,
    trail: deps.Trail,
) -> ApplicationRead:
    """The citizen withdraws (취하) programs not yet decided."""
    return await deps.applications(session, principal, trail).citizen_withdraw(application_id, body)


@router.get("/{application_id:uuid}", response_model=ApplicationRead)
async def read_application(
    application_id: uuid.UUID, principal: Reader, session: SessionDep, trail: deps.Trail
) -> ApplicationRead:
    """One application with its program cases, deadline and investigation."""
    return await deps.applications(session, principal, trail).read(application_id)


@router.get("/{application_id:uuid}/history", response_model=list[CaseEventRead])
async def application_history(
    application_id: uuid.UUID, principal: Reader, session: SessionDep, trail: deps.Trail
) -> list[CaseEventRead]:
    """Every state change and investigation step, with who, when and why, oldest first."""
    return await deps.applications(session, principal, trail).history(application_id)


@router.post("/{application_id:uuid}/withdrawal", response_model=ApplicationRead)
async def withdraw_application(
    application_id: uuid.UUID, body: Withdrawal, principal: Updater, session: SessionDep, trail: deps.Trail
) -> ApplicationRead:
    """Records a 취하 of programs not yet decided (all of them when `programs` is omitted)."""
    return await deps.applications(session, principal, trail).withdraw(application_id, body)


@router.post("/{application_id:uuid}/extension", response_model=ApplicationRead)
async def extend_deadline(
    application_id: uuid.UUID,
    body: ExtensionCreate,
    principal: InvestigationUpdater,
    session: SessionDep,
    trail: deps.Trail,
) -> ApplicationRead:
    """Extends the decision deadline once, to 60 days, for a stated reason the notice will carry."""
    return await deps.applications(session, principal, trail).extend(application_id, body)


@router.post("/{application_id:uuid}/refusals", response_model=ApplicationRead)
async def record_refusal(
    application_id: uuid.UUID,
    body: RefusalCreate,
    principal: InvestigationUpdater,
    session: SessionDep,
    trail: deps.Trail,
) -> ApplicationRead:
    """Records that the applicant refused or obstructed the investigation (법 제22조④)."""
    return await deps.applications(session, principal, trail).record_refusal(application_id, body)


@router.post("/{application_id:uuid}/dismissal", response_model=ApplicationRead)
async def dismiss_application(
    application_id: uuid.UUID,
    body: DismissalCreate,
    principal: InvestigationUpdater,
    session: SessionDep,
    trail: deps.Trail,
) -> ApplicationRead:
    """각하 after two or more recorded refusals (법 제22조④); fewer is 409."""
    return await deps.applications(session, principal, trail).dismiss(application_id, body)
