"""The 신청 (application) and its per-program cases, from 접수 to 결정.

One 신청 may ask for several programs at once (통합신청); each program is then investigated and decided
on its own, so the state lives on `ProgramCase`, not on the application. The steps follow
국민기초생활보장법 제21조 (신청, 직권신청 with consent), 제22조 (조사; ④ an application may be 각하
when the applicant refuses or obstructs the investigation twice or more) and 제26조 (결정·통지). What
happens after a decision (지급, 정지, 중지, 이의신청) belongs to `domain.cases.entitlement`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

# 법 제22조④: "2회 이상 거부·방해 또는 기피하는 경우" — the second refusal is the first that allows 각하.
REFUSALS_FOR_DISMISSAL = 2


class Channel(StrEnum):
    """How the 신청 came in (법 제21조)."""

    VISIT = "visit"  # 방문: at the 읍면동 행정복지센터
    ONLINE = "online"  # 온라인: 복지로
    EX_OFFICIO = "ex_officio"  # 직권: by a 사회복지 전담공무원, with the person's consent (법 제21조②)

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


class CaseState(StrEnum):
    RECEIVED = "received"
    INVESTIGATING = "investigating"
    INVESTIGATED = "investigated"  # 조사 완료, waiting for the decision-maker
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


class CaseEvent(StrEnum):
    START_INVESTIGATION = "start_investigation"
    RECORD_REFUSAL = "record_refusal"  # the applicant refused or obstructed the investigation once
    COMPLETE_INVESTIGATION = "complete_investigation"
    RETURN_FOR_INVESTIGATION = "return_for_investigation"  # the decision-maker asks for more
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    DISMISS = "dismiss"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_CHANNEL_LABELS = {Channel.VISIT: "방문", Channel.ONLINE: "온라인", Channel.EX_OFFICIO: "직권"}
_STATE_LABELS = {
    CaseState.RECEIVED: "접수",
    CaseState.INVESTIGATING: "조사중",
    CaseState.INVESTIGATED: "조사완료(결정대기)",
    CaseState.APPROVED: "선정(지급) 결정",
    CaseState.REJECTED: "부적합(기각) 결정",
    CaseState.WITHDRAWN: "취하",
    CaseState.DISMISSED: "각하",
}
_EVENT_LABELS = {
    CaseEvent.START_INVESTIGATION: "조사 착수",
    CaseEvent.RECORD_REFUSAL: "조사 거부·방해 기록",
    CaseEvent.COMPLETE_INVESTIGATION: "조사 완료",
    CaseEvent.RETURN_FOR_INVESTIGATION: "보완조사 요구",
    CaseEvent.APPROVE: "선정 결정",
    CaseEvent.REJECT: "부적합 결정",
    CaseEvent.WITHDRAW: "신청 취하",
    CaseEvent.DISMISS: "신청 각하",
}

S, E = CaseState, CaseEvent
TRANSITIONS: Mapping[tuple[CaseState, CaseEvent], CaseState] = MappingProxyType(
    {
        (S.RECEIVED, E.START_INVESTIGATION): S.INVESTIGATING,
        (S.RECEIVED, E.WITHDRAW): S.WITHDRAWN,
        (S.INVESTIGATING, E.RECORD_REFUSAL): S.INVESTIGATING,
        (S.INVESTIGATING, E.COMPLETE_INVESTIGATION): S.INVESTIGATED,
        (S.INVESTIGATING, E.WITHDRAW): S.WITHDRAWN,
        (S.INVESTIGATING, E.DISMISS): S.DISMISSED,
        (S.INVESTIGATED, E.RETURN_FOR_INVESTIGATION): S.INVESTIGATING,
        (S.INVESTIGATED, E.APPROVE): S.APPROVED,
        (S.INVESTIGATED, E.REJECT): S.REJECTED,
        # Withdrawal is possible until the decision; afterwards the person asks for 급여 중지 (법 제30조).
        (S.INVESTIGATED, E.WITHDRAW): S.WITHDRAWN,
    }
)
# Decided, withdrawn or dismissed cases are closed: a new 신청 starts a new case.
TERMINAL_STATES = frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN, S.DISMISSED})
del S, E


def transition(current: CaseState, event: CaseEvent, *, investigation_refusals: int = 0) -> CaseState:
    """The state after `event`, or `Conflict` naming the state and the event. 각하 also needs at least
    two recorded refusals (법 제22조④): the table allows the event, the count guards it."""
    new = TRANSITIONS.get((current, event))
    if new is None:
        raise Conflict(f"'{current.label}' 상태에서는 '{event.label}'을(를) 할 수 없습니다.")
    if event is CaseEvent.DISMISS and investigation_refusals < REFUSALS_FOR_DISMISSAL:
        raise Conflict(
            f"조사 거부·방해가 {REFUSALS_FOR_DISMISSAL}회 이상이어야 각하할 수 있습니다 "
            f"(현재 {investigation_refusals}회, 국민기초생활보장법 제22조④)."
        )
    return new


@dataclass(frozen=True, slots=True)
class ProgramCase:
    """One program of a 신청, decided on its own."""

    program: Program
    state: CaseState = CaseState.RECEIVED
    investigation_refusals: int = 0

    @property
    def is_closed(self) -> bool:
        return self.state in TERMINAL_STATES

    def apply(self, event: CaseEvent) -> ProgramCase:
        state = transition(self.state, event, investigation_refusals=self.investigation_refusals)
        refusals = self.investigation_refusals + (1 if event is CaseEvent.RECORD_REFUSAL else 0)
        return replace(self, state=state, investigation_refusals=refusals)


@dataclass(frozen=True, slots=True)
class Application:
    """A 신청 of one person for one or more programs. `applied_on` is the 신청일 from which the decision
    deadline runs (법 제26조) and from which 급여 starts (법 제27조①)."""

    applied_on: date
    channel: Channel
    cases: tuple[ProgramCase, ...]
    consent_given: bool = False  # 직권신청 only: the person's consent counts as their 신청 (법 제21조②)

    def __post_init__(self) -> None:
        if not self.cases:
            raise InvalidInput("신청할 급여를 하나 이상 선택해야 합니다.")
        programs = [case.program for case in self.cases]
        if len(set(programs)) != len(programs):
            raise InvalidInput("같은 급여를 한 신청에 두 번 넣을 수 없습니다.")
        if self.channel is Channel.EX_OFFICIO and not self.consent_given:
            raise InvalidInput("직권신청은 수급권자의 동의가 있어야 합니다 (국민기초생활보장법 제21조②).")

    @classmethod
    def receive(
        cls, applied_on: date, channel: Channel, programs: Iterable[Program], *, consent_given: bool = False
    ) -> Application:
        """A new 신청, every program 접수."""
        cases = tuple(ProgramCase(program) for program in programs)
        return cls(applied_on, channel, cases, consent_given)

    @property
    def programs(self) -> tuple[Program, ...]:
        return tuple(case.program for case in self.cases)

    @property
    def is_closed(self) -> bool:
        """True once every program is decided, withdrawn or dismissed."""
        return all(case.is_closed for case in self.cases)

    def case(self, program: Program) -> ProgramCase:
        for case in self.cases:
            if case.program is program:
                return case
        raise InvalidInput(f"이 신청에 포함되지 않은 급여입니다: {program.value}")

    def apply(self, program: Program, event: CaseEvent) -> Application:
        """The application after `event` on one program's case; the other cases are unchanged."""
        changed = self.case(program).apply(event)
        cases = tuple(changed if case.program is program else case for case in self.cases)
        return replace(self, cases=cases)
