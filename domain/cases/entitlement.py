"""The 수급자격 (entitlement) created by an approval, its 사후관리, and the 이의신청 against a decision.

Life cycle: 지급중 → 지급정지 (기초연금법 제16조, 장애인연금법 제15조, 아동수당법 제13조) → 재개 back to
지급중; 급여 중지 (국민기초생활보장법 제30조) and 수급권 상실 (기초연금법 제17조) end it; 처분 취소 voids it
back to a day (from any state but itself, an ended right included: a fraud may come to light after
the end). "재개" is an
event, not a state: a resumed entitlement is paid and changed exactly like any other, so a separate state
would only duplicate 지급중's row of the table. 급여 변경 (법 제29조) keeps the before/after amounts.
이의신청 (국민기초생활보장법 제38조, 기초연금법 제22조) is filed within 90일 of the notice — 30일 for
긴급지원 (긴급복지지원법 제16조) — and is then upheld (기각) or overturned (인용). A second 이의신청
(법 제40조) is a new `Appeal` against the first one's decision notice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from domain.errors import Conflict, InvalidInput
from domain.rules.programs.common import Program

APPEAL_DAYS = 90
EMERGENCY_APPEAL_DAYS = 30  # 긴급복지지원법 제16조


class EntitlementState(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    STOPPED = "stopped"
    LOST = "lost"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _LABELS[self]


class EntitlementEvent(StrEnum):
    SUSPEND = "suspend"
    RESUME = "resume"
    CHANGE_AMOUNT = "change_amount"
    STOP = "stop"
    LOSE = "lose"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return _LABELS[self]


class SuspensionReason(StrEnum):
    """지급정지 사유 (기초연금법 제16조①). The 국외 체류 threshold is 60일 for 기초연금 and 장애인연금
    (장애인연금법 제15조) and 90일 for 아동수당 (아동수당법 제13조)."""

    IMPRISONMENT = "imprisonment"
    MISSING = "missing"
    ABROAD = "abroad"

    @property
    def label(self) -> str:
        return _LABELS[self]


class StopReason(StrEnum):
    """급여 중지 사유 (국민기초생활보장법 제30조①, 제23조③)."""

    NO_LONGER_NEEDED = "no_longer_needed"
    REFUSED = "refused"
    VERIFICATION_REFUSED = "verification_refused"

    @property
    def label(self) -> str:
        return _LABELS[self]


class LossReason(StrEnum):
    """수급권 상실 사유 (기초연금법 제17조). 전출 ends the entitlement here because the new 시군구
    becomes the 보장기관 and takes the case over."""

    DEATH = "death"
    LOSS_OF_NATIONALITY = "loss_of_nationality"
    EMIGRATION = "emigration"
    MOVED_OUT = "moved_out"
    NO_LONGER_ELIGIBLE = "no_longer_eligible"

    @property
    def label(self) -> str:
        return _LABELS[self]


class CancellationReason(StrEnum):
    """Why a decision is cancelled back to a day (처분 취소): the right is treated as never held from
    that day, so whatever was paid for it since is owed back (research note E: 환수 사유).

    - 이의신청 인용: the 이의신청 against the decision succeeded (AppealState.OVERTURNED).
    - 부정수급: received "by 거짓이나 그 밖의 부정한 방법" (기초연금법 환수 사유 (1), note E.1;
      국민기초생활보장법 제46조, note E.3).
    - 착오 결정: the decision was wrong from the start, e.g. income overlooked (잘못 지급, note E.1;
      반환명령 국민기초생활보장법 제47조, note E.3).
    - 확인조사 거부: refused twice or more (국민기초생활보장법 제23조③); cancellation then requires a
      청문 (법 제31조; basic-livelihood-emergency-2026.md §11), so the hearing date is kept.
    """

    APPEAL_OVERTURNED = "appeal_overturned"
    FRAUD = "fraud"
    ERRONEOUS_DECISION = "erroneous_decision"
    VERIFICATION_REFUSED = "verification_refused"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def needs_hearing(self) -> bool:
        return self is CancellationReason.VERIFICATION_REFUSED


class ChangeReason(StrEnum):
    """Why an amount changes (국민기초생활보장법 제29조; 제34조 forbids an adverse change without one)."""

    INCOME_OR_PROPERTY = "income_or_property"
    HOUSEHOLD = "household"
    WORK_ABILITY = "work_ability"
    VERIFICATION = "verification"
    STANDARD_REVISION = "standard_revision"
    EXCLUSIVITY = "exclusivity"
    RECIPIENT_REQUEST = "recipient_request"

    @property
    def label(self) -> str:
        return _LABELS[self]


class AppealState(StrEnum):
    FILED = "filed"
    UPHELD = "upheld"  # 기각: the decision stands
    OVERTURNED = "overturned"  # 인용: the decision is cancelled or changed
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _LABELS[self]


class AppealEvent(StrEnum):
    UPHOLD = "uphold"
    OVERTURN = "overturn"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[StrEnum, str] = {
    EntitlementState.ACTIVE: "지급중",
    EntitlementState.SUSPENDED: "지급정지",
    EntitlementState.STOPPED: "급여중지",
    EntitlementState.LOST: "수급권 상실",
    EntitlementState.CANCELLED: "처분 취소",
    EntitlementEvent.SUSPEND: "지급정지",
    EntitlementEvent.RESUME: "지급재개",
    EntitlementEvent.CHANGE_AMOUNT: "급여 변경",
    EntitlementEvent.STOP: "급여 중지",
    EntitlementEvent.LOSE: "수급권 상실",
    EntitlementEvent.CANCEL: "처분 취소",
    CancellationReason.APPEAL_OVERTURNED: "이의신청 인용",
    CancellationReason.FRAUD: "거짓이나 그 밖의 부정한 방법으로 받음",
    CancellationReason.ERRONEOUS_DECISION: "착오 결정 (잘못 지급)",
    CancellationReason.VERIFICATION_REFUSED: "확인조사 2회 이상 거부 (청문 후)",
    SuspensionReason.IMPRISONMENT: "교정시설·치료감호시설 수용(수감)",
    SuspensionReason.MISSING: "행방불명·실종",
    SuspensionReason.ABROAD: "국외 체류 60일 이상 (아동수당 90일 이상)",
    StopReason.NO_LONGER_NEEDED: "급여가 필요 없게 됨",
    StopReason.REFUSED: "수급자가 급여를 거부함",
    StopReason.VERIFICATION_REFUSED: "확인조사를 2회 이상 거부·방해함",
    LossReason.DEATH: "사망",
    LossReason.LOSS_OF_NATIONALITY: "국적 상실",
    LossReason.EMIGRATION: "국외 이주",
    LossReason.MOVED_OUT: "전출 (보장기관 변경)",
    LossReason.NO_LONGER_ELIGIBLE: "수급 요건에 해당하지 않게 됨",
    ChangeReason.INCOME_OR_PROPERTY: "소득·재산 변동",
    ChangeReason.HOUSEHOLD: "가구 구성 변동",
    ChangeReason.WORK_ABILITY: "근로능력 변동",
    ChangeReason.VERIFICATION: "확인조사 결과",
    ChangeReason.STANDARD_REVISION: "선정기준·급여기준 고시 변경",
    ChangeReason.EXCLUSIVITY: "중복지원 조정",
    ChangeReason.RECIPIENT_REQUEST: "수급자의 신청",
    AppealState.FILED: "이의신청 접수",
    AppealState.UPHELD: "기각(원처분 유지)",
    AppealState.OVERTURNED: "인용(처분 취소·변경)",
    AppealState.WITHDRAWN: "이의신청 취하",
    AppealEvent.UPHOLD: "기각 결정",
    AppealEvent.OVERTURN: "인용 결정",
    AppealEvent.WITHDRAW: "이의신청 취하",
}

S, E = EntitlementState, EntitlementEvent
TRANSITIONS: Mapping[tuple[EntitlementState, EntitlementEvent], EntitlementState] = MappingProxyType(
    {
        (S.ACTIVE, E.SUSPEND): S.SUSPENDED,
        # Amounts change only while paid: a suspended amount is recomputed when payment resumes.
        (S.ACTIVE, E.CHANGE_AMOUNT): S.ACTIVE,
        (S.ACTIVE, E.STOP): S.STOPPED,
        (S.ACTIVE, E.LOSE): S.LOST,
        (S.SUSPENDED, E.RESUME): S.ACTIVE,
        (S.SUSPENDED, E.STOP): S.STOPPED,
        (S.SUSPENDED, E.LOSE): S.LOST,  # e.g. a missing recipient later declared dead
        (S.ACTIVE, E.CANCEL): S.CANCELLED,
        (S.SUSPENDED, E.CANCEL): S.CANCELLED,
        # An ended right can still be found to have been wrongly held: fraud often comes to light
        # after the payments stopped, and 환수 needs the days voided.
        (S.STOPPED, E.CANCEL): S.CANCELLED,
        (S.LOST, E.CANCEL): S.CANCELLED,
    }
)
# 중지, 상실 and 취소 are final: receiving the benefit again takes a new 신청 and decision. Only a
# 취소 can follow 중지 or 상실 (see above); nothing follows a 취소.
TERMINAL_STATES = frozenset({S.STOPPED, S.LOST, S.CANCELLED})
del S, E


def transition(current: EntitlementState, event: EntitlementEvent) -> EntitlementState:
    """The state after `event`, or `Conflict` naming the state and the event."""
    new = TRANSITIONS.get((current, event))
    if new is None:
        raise Conflict(f"'{current.label}' 상태에서는 '{event.label}'을(를) 할 수 없습니다.")
    return new


@dataclass(frozen=True, slots=True)
class AmountChange:
    """One 급여 변경: the monthly amount before and after, from `effective_on`."""

    before: int
    after: int
    effective_on: date
    reason: ChangeReason
    note: str = ""

    def __post_init__(self) -> None:
        if self.before < 0 or self.after < 0:
            raise InvalidInput("급여액은 0원 이상이어야 합니다.")
        if self.before == self.after:
            raise InvalidInput("변경 전후 급여액이 같습니다.")


@dataclass(frozen=True, slots=True)
class Entitlement:
    """A person's 수급자격 for one program, from the approved start date."""

    program: Program
    monthly_amount: int
    started_on: date
    state: EntitlementState = EntitlementState.ACTIVE
    suspension: SuspensionReason | None = None  # set while 지급정지
    ended_by: StopReason | LossReason | CancellationReason | None = None  # set once 중지·상실·취소
    amount_history: tuple[AmountChange, ...] = ()

    def __post_init__(self) -> None:
        if self.monthly_amount < 0:
            raise InvalidInput("급여액은 0원 이상이어야 합니다.")

    @property
    def is_live(self) -> bool:
        """Still held: paid or only suspended. Counts for 중복지원 checks."""
        return self.state not in TERMINAL_STATES

    def _to(self, event: EntitlementEvent) -> EntitlementState:
        return transition(self.state, event)

    def suspend(self, reason: SuspensionReason) -> Entitlement:
        return replace(self, state=self._to(EntitlementEvent.SUSPEND), suspension=reason)

    def resume(self) -> Entitlement:
        return replace(self, state=self._to(EntitlementEvent.RESUME), suspension=None)

    def stop(self, reason: StopReason) -> Entitlement:
        return replace(self, state=self._to(EntitlementEvent.STOP), ended_by=reason)

    def lose(self, reason: LossReason) -> Entitlement:
        return replace(self, state=self._to(EntitlementEvent.LOSE), ended_by=reason)

    def cancel(self, reason: CancellationReason, void_from: date) -> Entitlement:
        """처분 취소 back to `void_from` (the first day treated as never held, on or after the start)."""
        state = self._to(EntitlementEvent.CANCEL)
        if void_from < self.started_on:
            raise InvalidInput(
                "취소일이 급여 개시일보다 앞설 수 없습니다.", fields={"void_from": "before_start_date"}
            )
        return replace(self, state=state, suspension=None, ended_by=reason)

    def change_amount(
        self, after: int, effective_on: date, reason: ChangeReason, note: str = ""
    ) -> Entitlement:
        state = self._to(EntitlementEvent.CHANGE_AMOUNT)
        if effective_on < self.started_on:
            raise InvalidInput("변경 적용일이 급여 개시일보다 앞설 수 없습니다.")
        # The history is read in order of application, so a change may not slip in before the last one.
        if self.amount_history and effective_on < self.amount_history[-1].effective_on:
            raise InvalidInput("변경 적용일이 직전 변경의 적용일보다 앞설 수 없습니다.")
        change = AmountChange(self.monthly_amount, after, effective_on, reason, note)
        return replace(self, state=state, monthly_amount=after, amount_history=(*self.amount_history, change))


APPEAL_TRANSITIONS: Mapping[tuple[AppealState, AppealEvent], AppealState] = MappingProxyType(
    {
        (AppealState.FILED, AppealEvent.UPHOLD): AppealState.UPHELD,
        (AppealState.FILED, AppealEvent.OVERTURN): AppealState.OVERTURNED,
        (AppealState.FILED, AppealEvent.WITHDRAW): AppealState.WITHDRAWN,
    }
)
APPEAL_TERMINAL_STATES = frozenset({AppealState.UPHELD, AppealState.OVERTURNED, AppealState.WITHDRAWN})


def appeal_transition(current: AppealState, event: AppealEvent) -> AppealState:
    new = APPEAL_TRANSITIONS.get((current, event))
    if new is None:
        raise Conflict(f"'{current.label}' 상태에서는 '{event.label}'을(를) 할 수 없습니다.")
    return new


def appeal_deadline(program: Program, notified_on: date) -> date:
    """The last day to file: "통지를 받은 날부터 90일 이내", the day of notice not counted (민법
    제157조 via 행정기본법 제6조①); 30일 for 긴급지원 (긴급복지지원법 제16조)."""
    days = EMERGENCY_APPEAL_DAYS if program is Program.EMERGENCY_LIVELIHOOD else APPEAL_DAYS
    return notified_on + timedelta(days=days)


def within_appeal_window(program: Program, notified_on: date, filed_on: date) -> bool:
    return notified_on <= filed_on <= appeal_deadline(program, notified_on)


@dataclass(frozen=True, slots=True)
class Appeal:
    """An 이의신청 against the decision on one program, notified on `notified_on`."""

    program: Program
    notified_on: date
    filed_on: date
    state: AppealState = AppealState.FILED

    @classmethod
    def file(cls, program: Program, notified_on: date, filed_on: date) -> Appeal:
        """A new 이의신청. Filing after the window is a `Conflict`: the decision has become final
        (불복기간 경과), a state of the decision rather than a malformed request."""
        if filed_on < notified_on:
            raise InvalidInput("이의신청일이 결정 통지일보다 앞설 수 없습니다.")
        last = appeal_deadline(program, notified_on)
        if filed_on > last:
            raise Conflict(
                f"이의신청 기간이 지났습니다 (마감 {last.isoformat()}, 통지일 {notified_on.isoformat()})."
            )
        return cls(program, notified_on, filed_on)

    def apply(self, event: AppealEvent) -> Appeal:
        return replace(self, state=appeal_transition(self.state, event))
