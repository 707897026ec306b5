"""Which 시군구/읍면동 handles a 신청 (보장기관, 국민기초생활보장법 제19조②).

The rule is the registered residence (주민등록지). A person without a registrable address — living in a
비닐하우스, 판자촌, 쪽방 and the like — who has actually lived somewhere for at least a month applies
where they actually live (사회보장급여법 제5조 and 국민기초생활보장법 시행령 제4조; the 보장기관 is then the
실제 거주지 관할). "At least a month" is counted by the calendar: the anniversary day in the next month
(행정기본법 제6조 with 민법 제160조)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.errors import InvalidInput

SINCE = "actual_residence.since"


class ResidenceBasis(StrEnum):
    REGISTERED = "registered"
    ACTUAL = "actual"


@dataclass(frozen=True, slots=True)
class Place:
    sigungu_code: str
    emd_code: str | None = None


def one_month_after(day: date) -> date:
    """The same day a month later; the month's last day when it has no such day (1월 31일 → 2월 28일)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def handling_place(
    registered: Place, applied_on: date, actual: Place | None = None, actual_since: date | None = None
) -> tuple[Place, ResidenceBasis]:
    """The place whose officials handle the 신청, and on what basis."""
    if actual is None:
        return registered, ResidenceBasis.REGISTERED
    if actual_since is None:
        raise InvalidInput(
            "실제 거주를 시작한 날을 적어야 합니다.", fields={"actual_residence.since": "required"}
        )
    if actual_since > applied_on:
        raise InvalidInput(
            "실제 거주 시작일이 신청일보다 늦을 수 없습니다.",
            fields={"actual_residence.since": "after_applied_on"},
        )
    if one_month_after(actual_since) > applied_on:
        raise InvalidInput(
            "실제 거주지에서 신청하려면 그곳에 1개월 이상 거주해야 합니다 "
            f"({one_month_after(actual_since).isoformat()}부터 가능). 그 전에는 주민등록지에서 신청합니다.",
            fields={SINCE: "less_than_a_month"},
        )
    return actual, ResidenceBasis.ACTUAL


def within(place: Place, sigungu_code: str | None, emd_code: str | None) -> bool:
    """Whether an official of (`sigungu_code`, `emd_code`) handles `place`."""
    if sigungu_code is None or place.sigungu_code != sigungu_code:
        return False
    return emd_code is None or place.emd_code == emd_code
