"""Reference data every screen needs: 시군구 codes and names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import select

from api.db import SessionDep
from api.models import Sigungu
from api.problems import PROBLEMS
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope

router = APIRouter(prefix="/api/v1/reference", tags=["reference"], responses=PROBLEMS)


class SigunguRead(BaseModel):
    code: str
    name: str
    sido_code: str
    sido_name: str
    kind: str
    parent_city_code: str | None
    is_population_decline_area: bool


@router.get("/sigungu", response_model=list[SigunguRead])
async def list_sigungu(
    principal: Annotated[Principal, Depends(guard(Scope.REFERENCE_READ))], session: SessionDep
) -> list[SigunguRead]:
    """All 시군구 (행정안전부 법정동코드, 2026-07-20 기준)."""
    rows = await session.scalars(select(Sigungu).order_by(Sigungu.code))
    return [SigunguRead.model_validate(r, from_attributes=True) for r in rows]
