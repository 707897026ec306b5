"""`GET /api/v1/parameters`: the legal figures the rules use, as they stood on a date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.clock import today
from api.problems import PROBLEMS
from api.rules.schemas import ParametersRead
from api.rules.service import parameters_in_force
from api.security.guard import guard
from api.security.principal import Principal
from api.security.scopes import Scope
from api.wire import IsoDate

router = APIRouter(prefix="/api/v1/parameters", tags=["rules"], responses=PROBLEMS)


@router.get("", response_model=ParametersRead)
async def list_parameters(
    principal: Annotated[Principal, Depends(guard(Scope.REFERENCE_READ))],
    as_of: Annotated[IsoDate | None, Query(description="기준일 (default: today in Asia/Seoul)")] = None,
) -> ParametersRead:
    """Every rule parameter in force on `as_of`, with its 시행일, legal reference, source and, where the
    research notes leave it unsettled, why. Parameters with no value in force on that date are left
    out (the rules refuse such a date rather than assume a zero)."""
    day: date = as_of or today()
    return parameters_in_force(day)
