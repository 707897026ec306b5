"""`POST /api/v1/simulations`: the public 모의계산 (shared/contracts/simulation.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from api.problems import PROBLEMS
from api.rate_limit import rate_limit
from api.reference.regions import RegionCache
from api.simulations.schemas import SimulationRequest, SimulationResponse
from api.simulations.service import run_simulation

router = APIRouter(prefix="/api/v1/simulations", tags=["simulations"], responses=PROBLEMS)


def _regions(request: Request) -> RegionCache:
    cache: RegionCache | None = getattr(request.app.state, "region_cache", None)
    if cache is None:
        cache = request.app.state.region_cache = RegionCache(request.app.state.database.sessionmaker)
    return cache


@router.post(
    "",
    response_model=SimulationResponse,
    dependencies=[Depends(rate_limit("simulation_limiter"))],
    summary="모의계산 (benefit simulation)",
)
async def create_simulation(
    body: SimulationRequest, regions: Annotated[RegionCache, Depends(_regions)]
) -> Response:
    """Which benefits a household would get and how much, program by program, each with the trace of
    its calculation and the legal reference of every parameter. Public: no sign-in; nothing from the
    request is stored or logged; limited per client address (429 with `Retry-After`). Each program is
    assessed independently: benefits already received must be entered as income. Invalid input, an
    unknown 시군구 or a date with no rules in force answer 422 naming each bad field."""
    # The rules are pure CPU work of well under a millisecond: run inline, a thread hop would cost more.
    result = run_simulation(body, await regions.get())
    # Built and validated once in the service; serialised here directly instead of validated again
    # against `response_model`, which would cost as much as the rules themselves.
    return Response(result.model_dump_json(), media_type="application/json")
