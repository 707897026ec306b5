"""Registry endpoints. 주민등록번호 only ever travels in request bodies, never in a URL."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api.audit.trail import Action, AuditTrail
from api.clock import today
from api.db import SessionDep
from api.keys import get_keys
from api.problems import PROBLEMS
from api.registry.relations import RelationService
from api.registry.repository import RegistryRepository
from api.registry.schemas import (
    HouseholdCreate,
    HouseholdRead,
    MemberAdd,
    MemberLeave,
    PersonCreate,
    PersonLookup,
    PersonRead,
    PersonSearch,
    PersonSummary,
    PersonUpdate,
    RelationCreate,
    RelationRead,
    RrnReveal,
    RrnRevealed,
)
from api.registry.service import RegistryService
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import Scope

router = APIRouter(prefix="/api/v1", tags=["registry"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.REGISTRY_READ, audit=Action.READ))]
Creator = Annotated[Principal, Depends(guard(Scope.REGISTRY_WRITE, audit=Action.CREATE))]
Updater = Annotated[Principal, Depends(guard(Scope.REGISTRY_WRITE, audit=Action.UPDATE))]
Deleter = Annotated[Principal, Depends(guard(Scope.REGISTRY_WRITE, audit=Action.DELETE))]
RrnViewer = Annotated[Principal, Depends(guard(Scope.REGISTRY_RRN, audit=Action.READ))]
Trail = Annotated[AuditTrail, Depends(audit_trail)]


def _service(session: SessionDep, principal: Principal, trail: AuditTrail) -> RegistryService:
    return RegistryService(RegistryRepository(session, principal), trail, get_keys())


@router.post("/persons", status_code=status.HTTP_201_CREATED, response_model=PersonRead)
async def register_person(
    body: PersonCreate, principal: Creator, session: SessionDep, trail: Trail
) -> PersonRead:
    """Registers a resident in the caller's jurisdiction. The same 주민등록번호 twice → 409."""
    return await _service(session, principal, trail).register(body, today())


# `:uuid` so that /persons/search and /persons/lookup are not taken for a person id (a GET or PATCH
# there answers 405, not 422).
@router.get("/persons/{person_id:uuid}", response_model=PersonRead)
async def read_person(
    person_id: uuid.UUID, principal: Reader, session: SessionDep, trail: Trail
) -> PersonRead:
    """Reads one person; 주민등록번호 masked. Outside the caller's jurisdiction reads as 404."""
    return await _service(session, principal, trail).get(person_id)


@router.patch("/persons/{person_id:uuid}", response_model=PersonRead)
async def update_person(
    person_id: uuid.UUID, body: PersonUpdate, principal: Updater, session: SessionDep, trail: Trail
) -> PersonRead:
    """Changes a person's details; `version` must match the one read (otherwise 409)."""
    return await _service(session, principal, trail).update(person_id, body)


@router.post("/persons/search", response_model=list[PersonSummary])
async def search_persons(
    body: PersonSearch, principal: Reader, session: SessionDep, trail: Trail
) -> list[PersonSummary]:
    """Finds people by exact name (and birth date) within the caller's jurisdiction (at most 50)."""
    return await _service(session, principal, trail).search(body.name, body.birth_date)


@router.post("/persons/lookup", response_model=PersonRead)
async def lookup_person(
    body: PersonLookup, principal: Reader, session: SessionDep, trail: Trail
) -> PersonRead:
    """Finds a person by 주민등록번호 (in the body) within the caller's jurisdiction."""
    return await _service(session, principal, trail).lookup(body.rrn.get_secret_value())


@router.post("/persons/{person_id}/rrn", response_model=RrnRevealed)
async def reveal_rrn(
    person_id: uuid.UUID, body: RrnReveal, principal: RrnViewer, session: SessionDep, trail: Trail
) -> RrnRevealed:
    """Shows the full 주민등록번호 to a role allowed to see it, for a stated reason that is logged."""
    rrn = await _service(session, principal, trail).reveal_rrn(person_id, body.reason)
    return RrnRevealed(person_id=person_id, rrn=rrn)


@router.get("/persons/{person_id}/relations", response_model=list[RelationRead])
async def list_relations(
    person_id: uuid.UUID, principal: Reader, session: SessionDep, trail: Trail
) -> list[RelationRead]:
    """Family relations (parent, child, spouse) of a person, across households."""
    return await RelationService(RegistryRepository(session, principal), trail).list(person_id)


@router.post(
    "/persons/{person_id}/relations", status_code=status.HTTP_201_CREATED, response_model=RelationRead
)
async def add_relation(
    person_id: uuid.UUID, body: RelationCreate, principal: Creator, session: SessionDep, trail: Trail
) -> RelationRead:
    """Records that `related_person_id` is this person's parent, child or spouse."""
    service = RelationService(RegistryRepository(session, principal), trail)
    return await service.add(person_id, body.related_person_id, body.kind)


@router.delete("/persons/{person_id}/relations/{relation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_relation(
    person_id: uuid.UUID, relation_id: uuid.UUID, principal: Deleter, session: SessionDep, trail: Trail
) -> Response:
    """Removes a relation recorded in error."""
    await RelationService(RegistryRepository(session, principal), trail).remove(person_id, relation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/households", status_code=status.HTTP_201_CREATED, response_model=HouseholdRead)
async def create_household(
    body: HouseholdCreate, principal: Creator, session: SessionDep, trail: Trail
) -> HouseholdRead:
    """Creates a household with its head (세대주)."""
    service = _service(session, principal, trail)
    household = await service.create_household(body.head_person_id, body.address, today())
    return HouseholdRead.model_validate(await service.household_read(household))


@router.get("/households/{household_id}", response_model=HouseholdRead)
async def read_household(
    household_id: uuid.UUID, principal: Reader, session: SessionDep, trail: Trail
) -> HouseholdRead:
    """A household with its current members and their relation to the head."""
    service = _service(session, principal, trail)
    return HouseholdRead.model_validate(await service.household_read(await service.household(household_id)))


@router.post(
    "/households/{household_id}/members", status_code=status.HTTP_201_CREATED, response_model=HouseholdRead
)
async def add_member(
    household_id: uuid.UUID, body: MemberAdd, principal: Creator, session: SessionDep, trail: Trail
) -> HouseholdRead:
    """Adds a person to the household (전입), with their relation to the head."""
    service = _service(session, principal, trail)
    household = await service.add_member(
        household_id, body.person_id, body.relation.value, body.joined_on or today()
    )
    return HouseholdRead.model_validate(await service.household_read(household))


@router.post("/households/{household_id}/members/{person_id}/leave", response_model=HouseholdRead)
async def remove_member(
    household_id: uuid.UUID,
    person_id: uuid.UUID,
    body: MemberLeave,
    principal: Updater,
    session: SessionDep,
    trail: Trail,
) -> HouseholdRead:
    """Ends a person's membership (전출); the history is kept."""
    service = _service(session, principal, trail)
    household = await service.remove_member(household_id, person_id, body.left_on or today())
    return HouseholdRead.model_validate(await service.household_read(household))
