"""domain.cases.deadline: 30일 from the 신청일, once extendable to 60일 (국민기초생활보장법 제26조④)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.deadline import Deadline, Extension, ExtensionReason, due_date, is_overdue
from domain.errors import Conflict, InvalidInput

R = ExtensionReason.SUPPORT_OBLIGOR_INVESTIGATION
DETAIL = "부양의무자 금융정보 회신 지연"


def extension(granted_on: date) -> Extension:
    return Extension(R, DETAIL, granted_on)


def test_day_30_is_on_time_and_day_31_is_overdue() -> None:
    applied = date(2026, 4, 1)
    assert due_date(applied) == date(2026, 5, 1)
    assert not is_overdue(date(2026, 5, 1), applied)  # day 30
    assert is_overdue(date(2026, 5, 2), applied)  # day 31


def test_the_day_of_application_and_earlier_are_never_overdue() -> None:
    applied = date(2026, 4, 1)
    assert not is_overdue(applied, applied)
    assert not is_overdue(date(2026, 3, 1), applied)


def test_an_extension_runs_to_day_60() -> None:
    applied = date(2026, 4, 1)
    ext = extension(date(2026, 4, 20))
    assert due_date(applied, ext) == date(2026, 5, 31)
    assert not is_overdue(date(2026, 5, 31), applied, ext)  # day 60
    assert is_overdue(date(2026, 6, 1), applied, ext)  # day 61


@pytest.mark.parametrize(
    ("applied", "due_30", "due_60"),
    [
        (date(2026, 1, 31), date(2026, 3, 2), date(2026, 4, 1)),  # across a 28-day February
        (date(2028, 1, 31), date(2028, 3, 1), date(2028, 3, 31)),  # across 29 February 2028
        (date(2028, 2, 29), date(2028, 3, 30), date(2028, 4, 29)),  # applied on a leap day
        (date(2026, 12, 15), date(2027, 1, 14), date(2027, 2, 13)),  # across the new year
        (date(2026, 12, 31), date(2027, 1, 30), date(2027, 3, 1)),
        (date(2027, 12, 31), date(2028, 1, 30), date(2028, 2, 29)),  # lands on the leap day
    ],
)
def test_calendar_edges(applied: date, due_30: date, due_60: date) -> None:
    assert due_date(applied) == due_30
    assert due_date(applied, extension(applied)) == due_60


def test_days_left_counts_down_to_zero_then_below() -> None:
    deadline = Deadline(date(2026, 4, 1))
    assert deadline.days_left(date(2026, 4, 1)) == 30
    assert deadline.days_left(date(2026, 5, 1)) == 0
    assert deadline.days_left(date(2026, 5, 2)) == -1


def test_extend_records_the_reason() -> None:
    deadline = Deadline(date(2026, 4, 1)).extend(R, DETAIL, date(2026, 4, 10))
    assert deadline.extension == Extension(R, DETAIL, date(2026, 4, 10))
    assert deadline.due == date(2026, 5, 31)
    assert deadline.extension.reason.label == "부양의무자 소득·재산 조사에 시일이 걸림"


def test_extension_is_possible_on_the_last_day_but_not_after() -> None:
    deadline = Deadline(date(2026, 4, 1))
    assert deadline.extend(R, DETAIL, date(2026, 5, 1)).due == date(2026, 5, 31)
    with pytest.raises(Conflict, match="지난 뒤"):
        deadline.extend(R, DETAIL, date(2026, 5, 2))


def test_only_one_extension() -> None:
    deadline = Deadline(date(2026, 4, 1)).extend(R, DETAIL, date(2026, 4, 5))
    with pytest.raises(Conflict, match="한 번만"):
        deadline.extend(ExtensionReason.REFUSAL_OR_OBSTRUCTION, "조사 거부", date(2026, 4, 6))


@pytest.mark.parametrize("detail", ["", "   "])
def test_an_extension_needs_a_stated_reason(detail: str) -> None:
    with pytest.raises(InvalidInput, match="사유"):
        Deadline(date(2026, 4, 1)).extend(R, detail, date(2026, 4, 5))


def test_an_extension_cannot_predate_the_application() -> None:
    with pytest.raises(InvalidInput):
        Deadline(date(2026, 4, 1), extension(date(2026, 3, 31)))


def test_a_late_decision_is_seen_by_passing_its_date() -> None:
    deadline = Deadline(date(2026, 4, 1))
    assert deadline.is_overdue(date(2026, 5, 4))
    assert not deadline.is_overdue(date(2026, 4, 28))


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(-10, 100), st.booleans())
def test_overdue_exactly_after_day_30_or_60(applied: date, day: int, extended: bool) -> None:
    ext = extension(applied) if extended else None
    limit = 60 if extended else 30
    assert is_overdue(applied + timedelta(days=day), applied, ext) is (day > limit)
