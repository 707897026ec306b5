"""Moving a program case through the domain state machine, and the optimistic-concurrency check
every change of a case makes."""

from __future__ import annotations

from api.cases import history
from api.cases.repository import CaseRepository
from api.models import ApplicationProgram
from domain.cases.application import CaseEvent, CaseState, ProgramCase
from domain.errors import Conflict
from domain.rules.programs.common import Program

APPLICATION_NOT_FOUND = "신청을 찾을 수 없습니다."
OPEN_STATES = frozenset({CaseState.RECEIVED, CaseState.INVESTIGATING, CaseState.INVESTIGATED})


def check_version(expected: int, actual: int) -> None:
    if expected != actual:
        raise Conflict(
            "다른 사용자가 먼저 변경했습니다. 새로 불러온 뒤 다시 시도하십시오.", fields={"version": "stale"}
        )


def domain_case(row: ApplicationProgram) -> ProgramCase:
    return ProgramCase(Program(row.program), CaseState(row.state), row.investigation_refusals)


def apply_event(
    repo: CaseRepository, row: ApplicationProgram, event: CaseEvent, reason: str | None = None
) -> None:
    """Moves one program's case through the state machine (invalid → `Conflict`) and records it."""
    before = CaseState(row.state)
    after = domain_case(row).apply(event)
    row.state = after.state.value
    row.investigation_refusals = after.investigation_refusals
    history.record(
        repo,
        row.application_id,
        history.EVENT_NAMES[event],
        program=row.program,
        before=before,
        after=after.state,
        reason=reason,
    )
