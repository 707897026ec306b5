"""소멸시효 5년 (기초연금법 제23조, 장애인연금법 제17조, 아동수당법 제16조): a month's claim can be used
through the same calendar day 5 years after its pay day and is barred from the day after."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.payments.recovery import MonthLedger, RecoveryCause, assess_recovery, split_by_limitation
from domain.payments.recovery_limitation import claim_ends_on
from domain.rules.programs.common import Program

P = Program


@pytest.mark.parametrize(
    ("paid_on", "ends"),
    [
        (date(2021, 2, 25), date(2026, 2, 25)),
        (date(2024, 2, 29), date(2029, 2, 28)),  # no 29 February in 2029: the last day of February
        (date(2021, 12, 24), date(2026, 12, 24)),
    ],
)
def test_the_last_day_a_claim_can_be_used(paid_on: date, ends: date) -> None:
    assert claim_ends_on(paid_on, 5) == ends


def test_the_notice_on_the_last_day_is_in_time_the_day_after_is_not() -> None:
    month = [MonthLedger(date(2021, 2, 1), 300_000, 0, paid_on=date(2021, 2, 25))]
    on_time = split_by_limitation(P.BASIC_PENSION, month, date(2026, 2, 25))
    late = split_by_limitation(P.BASIC_PENSION, month, date(2026, 2, 26))
    assert (len(on_time.open), len(on_time.barred)) == (1, 0)
    assert (len(late.open), len(late.barred)) == (0, 1)
    assert late.barred[0].claim_ends_on == date(2026, 2, 25)


def test_barred_months_are_reported_and_left_out_of_both_the_recovery_and_the_back_pay() -> None:
    # Notice 2026-03-05. 2021-02 (paid 2021-02-25, claim ended 2026-02-25) is barred; 2021-03 (paid
    # 2021-03-25, ends 2026-03-25) and 2026-01 (paid 2026-01-23: the 25th is a Sunday) are not.
    # Principal = 50,000 + 70,000 = 120,000; the barred 2021-02 overpayment of 80,000 and the barred
    # 2021-01 underpayment of 10,000 are reported, not counted.
    months = [
        MonthLedger(date(2021, 1, 1), 290_000, 300_000, paid_on=date(2021, 1, 25)),
        MonthLedger(date(2021, 2, 1), 380_000, 300_000, paid_on=date(2021, 2, 25)),
        MonthLedger(date(2021, 3, 1), 350_000, 300_000, paid_on=date(2021, 3, 25)),
        MonthLedger(date(2026, 1, 1), 349_700, 279_700),
    ]
    result = assess_recovery(P.BASIC_PENSION, RecoveryCause.AGENCY_ERROR, months, date(2026, 3, 5))
    assert [m.month for m in result.barred] == [date(2021, 1, 1), date(2021, 2, 1)]
    assert [(m.overpaid, m.underpaid) for m in result.barred] == [(0, 10_000), (80_000, 0)]
    assert (result.principal, result.total, result.underpaid) == (120_000, 120_000, 0)
    assert any(step.step.startswith("시효 완성 (2021년 02월") for step in result.trace)


def test_every_overpaid_month_barred_means_nothing_is_recovered_and_says_why() -> None:
    months = [MonthLedger(date(2020, 5, 1), 100_000, 0, paid_on=date(2020, 5, 20))]
    result = assess_recovery(P.DISABILITY_PENSION, RecoveryCause.RECIPIENT_ERROR, months, date(2026, 1, 5))
    assert result.total == 0
    assert result.not_recovered_reason == "과오지급액이 모두 시효가 지나 환수하지 않습니다."


def test_the_legal_pay_day_is_used_when_the_ledger_has_no_payment_day() -> None:
    # 생계급여 2025-10: the 20th is a Monday, paid that day; the claim ends 2030-10-20.
    split = split_by_limitation(P.LIVELIHOOD, [MonthLedger(date(2025, 10, 1), 10, 0)], date(2026, 1, 5))
    assert split.open[0].paid_on == date(2025, 10, 20)
    assert split.open[0].claim_ends_on == date(2030, 10, 20)


def test_a_program_with_no_monthly_pay_day_needs_the_payment_day() -> None:
    with pytest.raises(InvalidInput) as caught:
        split_by_limitation(P.EDUCATION, [MonthLedger(date(2026, 3, 1), 10, 0)], date(2026, 6, 1))
    assert caught.value.fields == {"months.paid_on": "required for a program with no monthly pay day"}
    paid = [MonthLedger(date(2026, 3, 1), 10, 0, paid_on=date(2026, 3, 2))]
    assert split_by_limitation(P.EDUCATION, paid, date(2026, 6, 1)).open[0].paid_on == date(2026, 3, 2)


@pytest.mark.parametrize(
    "month",
    [
        MonthLedger(date(2026, 7, 1), 10, 0),  # a month after the notice
        MonthLedger(date(2026, 6, 1), 10, 0, paid_on=date(2026, 6, 20)),  # paid after the notice
    ],
)
def test_months_after_the_notice_are_refused(month: MonthLedger) -> None:
    with pytest.raises(InvalidInput):
        split_by_limitation(P.BASIC_PENSION, [month], date(2026, 6, 15))


def test_a_program_with_no_recovery_rules_is_refused() -> None:
    with pytest.raises(InvalidInput, match="등록되어 있지 않아"):
        split_by_limitation(P.MEDICAL, [MonthLedger(date(2026, 3, 1), 10, 0)], date(2026, 6, 1))
