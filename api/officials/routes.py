"""Account administration for a 시군구's administrator (scope `admin`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from api.db import SessionDep
from api.officials.repository import OfficialsRepository
from api.officials.schemas import GrantEventRead, OfficialCreate, OfficialRead, OfficialUpdate, StatusChange
from api.officials.service import OfficialsService, read
from api.problems import PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope

router = APIRouter(prefix="/api/v1/officials", tags=["officials"], responses=PROBLEMS)
Admin = Annotated[Principal, Depends(guard(Scope.ADMIN))]


def _service(session: SessionDep, principal: Principal) -> OfficialsService:
    return OfficialsService(OfficialsRepository(session, principal.sigungu_code), principal.name)


@router.get("", response_model=list[OfficialRead])
async def list_officials(principal: Admin, session: SessionDep) -> list[OfficialRead]:
    """Officials of the administrator's 시군구."""
    return [read(o) for o in await OfficialsRepository(session, principal.sigungu_code).list()]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=OfficialRead)
async def create_official(body: OfficialCreate, principal: Admin, session: SessionDep) -> OfficialRead:
    """Creates an account in the administrator's 시군구 (a grant event is recorded)."""
    return read(await _service(session, principal).create(body))


@router.patch("/{official_id}", response_model=OfficialRead)
async def update_official(
    official_id: uuid.UUID, body: OfficialUpdate, principal: Admin, session: SessionDep
) -> OfficialRead:
    """Changes duties, 읍면동 or programs; old tokens stop working at once."""
    return read(await _service(session, principal).update(official_id, body))


@router.post("/{official_id}/disable", response_model=OfficialRead)
async def disable_official(
    official_id: uuid.UUID, body: StatusChange, principal: Admin, session: SessionDep
) -> OfficialRead:
    """Revokes all access (transfer, leave, departure)."""
    return read(await _service(session, principal).set_active(official_id, False, body.reason))


@router.post("/{official_id}/enable", response_model=OfficialRead)
async def enable_official(
    official_id: uuid.UUID, body: StatusChange, principal: Admin, session: SessionDep
) -> OfficialRead:
    """Restores a disabled account."""
    return read(await _service(session, principal).set_active(official_id, True, body.reason))


@router.post("/{official_id}/unlock", response_model=OfficialRead)
async def unlock_official(
    official_id: uuid.UUID, body: StatusChange, principal: Admin, session: SessionDep
) -> OfficialRead:
    """Unlocks an account locked by repeated failed sign-ins."""
    return read(await _service(session, principal).unlock(official_id, body.reason))


@router.get("/{official_id}/grants", response_model=list[GrantEventRead])
async def grant_history(
    official_id: uuid.UUID, principal: Admin, session: SessionDep
) -> list[GrantEventRead]:
    """Every grant, change and revocation of this account's roles, jurisdiction and status."""
    service = _service(session, principal)
    official = await service.get(official_id)
    events = await service.repo.grants(official.id)
    return [GrantEventRead.model_validate(e, from_attributes=True) for e in events]
