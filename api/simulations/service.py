"""모의계산: maps the contract's request to the rule engine's household and its result back. Nothing
from the request is stored or logged."""

from __future__ import annotations

from api.simulations.schemas import (
    DurationOut,
    MemberResultOut,
    ProgramResultOut,
    RepairLevelOut,
    RepairOut,
    SimulationRequest,
    SimulationResponse,
    TraceStepOut,
)
from domain.rules.household_codec import household_from_mapping
from domain.rules.programs.common import MemberResult, ProgramResult
from domain.rules.regions import Region
from domain.rules.simulate import SimulationResult, simulate


def run_simulation(body: SimulationRequest, regions: dict[str, Region]) -> SimulationResponse:
    """Pure computation (no I/O): a ParameterUnavailable or InvalidInput from the rules becomes 422."""
    household = household_from_mapping(body.model_dump(mode="python"), regions.get)
    return to_response(simulate(household))


def to_response(result: SimulationResult) -> SimulationResponse:
    return SimulationResponse(
        as_of=result.as_of,
        household_size=result.household_size,
        standard_median_income=result.standard_median_income,
        results=[_program(r) for r in result.results],
    )


def _member(m: MemberResult) -> MemberResultOut:
    return MemberResultOut(
        member_id=m.member_id,
        status=m.status.value,
        monthly_amount=m.monthly_amount,
        annual_amount=m.annual_amount,
        recognized_income=m.recognized_income,
        threshold=m.threshold,
        amount_pending_confirmation=m.amount_pending_confirmation,
        note=m.note,
    )


def _program(r: ProgramResult) -> ProgramResultOut:
    repair = None
    if r.repair is not None:
        levels = [
            RepairLevelOut.model_validate(
                {"level": level.level, "limit": level.limit, "cycle_years": level.cycle_years}
            )
            for level in r.repair.levels
        ]
        repair = RepairOut(support_rate_percent=r.repair.support_rate_percent, levels=levels)
    duration = DurationOut(months=r.duration.months, max_months=r.duration.max_months) if r.duration else None
    return ProgramResultOut(
        program=r.program.value,
        status=r.status.value,
        monthly_amount=r.monthly_amount,
        recognized_income=r.recognized_income,
        threshold=r.threshold,
        members=[_member(m) for m in r.members],
        trace=[
            TraceStepOut(
                step=s.step,
                value=s.value,
                reference=s.reference,
                note=s.note,
                effective_from=s.effective_from,
                uncertain=s.uncertain,
            )
            for s in r.trace
        ],
        grade=r.grade,
        annual_amount=r.annual_amount,
        repair=repair,
        duration=duration,
    )
