"""The decision deadline (처리기한) of a 신청: 국민기초생활보장법 제26조④ — the decision is notified
within 30일 of the 신청일, or within 60일 where the 부양의무자 investigation takes time or the applicant
refuses or obstructs it, and the notice must then state the reason. 기초연금법 시행규칙 제8조 and the
장애인연금법 set the same 30/60 days, so one rule serves every program.

Counting. 행정기본법 제6조① applies the 민법 to administrative periods: the 신청일 itself is not counted
(제157조, 초일 불산입), so day 1 is the day after it and the deadline is `applied_on + 30 days`; a case
becomes overdue on day 31. The 민법 제161조 roll-over of a deadline falling on a Saturday or 공휴일 is
deliberately not applied: it would only move the date later, it needs a holiday calendar the domain does
not hold, and an overdue list should warn early rather than late."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import Conflict, InvalidInput

DECISION_DAYS = 30
EXTENDED_DECISION_DAYS = 60


class ExtensionReason(StrEnum):
    """Why the deadline runs to 60일 (법 제26조④ 단서)."""

    SUPPORT_OBLIGOR_INVESTIGATION = "support_obligor_investigation"
    REFUSAL_OR_OBSTRUCTION = "refusal_or_obstruction"
    OTHER_SPECIAL = "other_special"  # 기초연금·장애인연금: "특별한 사유"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    ExtensionReason.SUPPORT_OBLIGOR_INVESTIGATION: "부양의무자 소득·재산 조사에 시일이 걸림",
    ExtensionReason.REFUSAL_OR_OBSTRUCTION: "조사 또는 자료제출 요구를 거부·방해·기피함",
    ExtensionReason.OTHER_SPECIAL: "그 밖의 특별한 사유",
}


@dataclass(frozen=True, slots=True)
class Extension:
    """The one extension to 60일. `detail` is the concrete reason the notice must state (법 제26조④)."""

    reason: ExtensionReason
    detail: str
    granted_on: date

    def __post_init__(self) -> None:
        if not self.detail.strip():
            raise InvalidInput(
                "처리기한을 연장하려면 구체적인 사유를 적어야 합니다 (국민기초생활보장법 제26조④)."
            )


@dataclass(frozen=True, slots=True)
class Deadline:
    """The deadline of one 신청."""

    applied_on: date
    extension: Extension | None = None

    def __post_init__(self) -> None:
        if self.extension is not None and self.extension.granted_on < self.applied_on:
            raise InvalidInput("처리기한 연장일이 신청일보다 앞설 수 없습니다.")

    @property
    def due(self) -> date:
        days = DECISION_DAYS if self.extension is None else EXTENDED_DECISION_DAYS
        return self.applied_on + timedelta(days=days)

    def days_left(self, today: date) -> int:
        """Days until the deadline: 0 on the last day, negative once overdue."""
        return (self.due - today).days

    def is_overdue(self, today: date) -> bool:
        """True from the day after the deadline. For a decided case, pass the decision date to learn
        whether the decision was late."""
        return today > self.due

    def extend(self, reason: ExtensionReason, detail: str, granted_on: date) -> Deadline:
        """The deadline extended to 60일. Only once, because the law allows 60일 and no more; and only
        while the 30일 still run, so that an overdue case cannot be made on time after the fact."""
        if self.extension is not None:
            raise Conflict("처리기한은 한 번만 연장할 수 있습니다 (최대 60일, 국민기초생활보장법 제26조④).")
        if granted_on > self.due:
            due = self.due.isoformat()
            raise Conflict(f"처리기한({due})이 지난 뒤에는 연장할 수 없습니다 (국민기초생활보장법 제26조④).")
        return replace(self, extension=Extension(reason, detail, granted_on))


def due_date(applied_on: date, extension: Extension | None = None) -> date:
    """The last day on which the decision may be notified."""
    return Deadline(applied_on, extension).due


def is_overdue(today: date, applied_on: date, extension: Extension | None = None) -> bool:
    """True when `today` is past the deadline of a 신청 made on `applied_on`."""
    return Deadline(applied_on, extension).is_overdue(today)
