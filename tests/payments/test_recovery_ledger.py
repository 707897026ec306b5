"""Month-by-month differences between what was paid and what was due (domain.payments.recovery)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.payments.recovery import MonthDifference, MonthLedger, RecoveryCause, month_differences


def test_each_month_is_over_or_under_and_the_totals_add_up() -> None:
    result = month_differences(
        [
            # Listed out of order: the result is in month order.
            MonthLedger(date(2026, 5, 1), 300_000, 320_000),
            MonthLedger(date(2026, 3, 1), 349_700, 279_760),
            MonthLedger(date(2026, 4, 1), 279_760, 279_760),
        ]
    )
    assert result.months == (
        MonthDifference(date(2026, 3, 1), 349_700, 279_760, 69_940, 0),
        MonthDifference(date(2026, 4, 1), 279_760, 279_760, 0, 0),
        MonthDifference(date(2026, 5, 1), 300_000, 320_000, 0, 20_000),
    )
    # 349,700 + 279,760 + 300,000 = 929,460 paid; 279,760 × 2 + 320,000 = 879,520 due.
    assert (result.paid, result.due, result.overpaid, result.underpaid) == (929_460, 879_520, 69_940, 20_000)


@pytest.mark.parametrize(
    ("months", "field"),
    [
        ([], "months"),
        ([MonthLedger(date(2026, 3, 2), 1, 0)], "months.month"),
        ([MonthLedger(date(2026, 3, 1), 1, 0), MonthLedger(date(2026, 3, 1), 2, 0)], "months.month"),
        ([MonthLedger(date(2026, 3, 1), -1, 0)], "months.paid"),
        ([MonthLedger(date(2026, 3, 1), 0, -5)], "months.due"),
        ([MonthLedger(date(2026, 3, 1), True, 0)], "months.paid"),  # a bool is not a sum of won
        ([MonthLedger(date(2026, 3, 1), 100.5, 0)], "months.paid"),  # type: ignore[arg-type]
    ],
)
def test_a_bad_ledger_is_invalid_input(months: list[MonthLedger], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        month_differences(months)
    assert field in caught.value.fields
    assert caught.value.detail.endswith("다.")


def test_causes_have_korean_labels() -> None:
    assert RecoveryCause.AGENCY_ERROR.label == "행정 착오에 의한 잘못 지급"
    assert RecoveryCause.FRAUD.label == "거짓이나 그 밖의 부정한 방법에 의한 수급"
    assert all(cause.label for cause in RecoveryCause)


_months = st.lists(
    st.tuples(
        st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 1)).map(lambda d: d.replace(day=1)),
        st.integers(0, 3_000_000),
        st.integers(0, 3_000_000),
    ),
    min_size=1,
    max_size=24,
    unique_by=lambda row: row[0],
)


@given(_months)
def test_over_minus_under_is_paid_minus_due_and_never_both(rows: list[tuple[date, int, int]]) -> None:
    result = month_differences([MonthLedger(month, paid, due) for month, paid, due in rows])
    for row in result.months:
        assert row.overpaid - row.underpaid == row.paid - row.due
        assert min(row.overpaid, row.underpaid) == 0
    assert result.overpaid - result.underpaid == result.paid - result.due
    assert [r.month for r in result.months] == sorted(r.month for r in result.months)
