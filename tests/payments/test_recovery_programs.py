"""`assess_recovery` program by program, with the figures worked by hand in the comments.

Amounts paid and due are ledger figures (what a re-calculation would give), not legal constants; the
legal figures used — 3,000원 minimum, 10원 미만 절사, the interest rule — come from recovery.yaml."""

from __future__ import annotations

from datetime import date

import pytest

from domain.payments.recovery import MonthLedger, RecoveryCause, assess_recovery, max_instalments
from domain.rules.parameter_book import ParameterUnavailable
from domain.rules.programs.common import Program
from tests.payments.test_recovery_book import book_with_rates

P = Program
C = RecoveryCause
BOOK = book_with_rates((date(2025, 1, 1), "0.03"), (date(2026, 1, 1), "0.025"))


def months(first: date, count: int, paid: int, due: int) -> list[MonthLedger]:
    rows = []
    for n in range(count):
        index = first.year * 12 + first.month - 1 + n
        rows.append(MonthLedger(date(index // 12, index % 12 + 1, 1), paid, due))
    return rows


def test_basic_pension_couple_reduction_missed() -> None:
    # 부부 감액 (20%) found late: paid 349,700, due 279,760 for March–May 2026.
    # 69,940 × 3 = 209,820 — at least 3,000, below 250,000: one lump sum.
    result = assess_recovery(
        P.BASIC_PENSION, C.RECIPIENT_ERROR, months(date(2026, 3, 1), 3, 349_700, 279_760), date(2026, 7, 10)
    )
    assert (result.principal, result.interest, result.total, result.underpaid) == (209_820, 0, 209_820, 0)
    assert not result.below_minimum and result.not_recovered_reason is None
    assert max_instalments(P.BASIC_PENSION, result.total, date(2026, 7, 10))[0] == 1


def test_disability_pension_cuts_below_ten_won() -> None:
    # 장애인연금 paid 349,700, due 311,235 for January–March 2026: 38,465 × 3 = 115,395
    # → 10원 미만 절사 → 115,390 (5 won cut).
    result = assess_recovery(
        P.DISABILITY_PENSION, C.AGENCY_ERROR, months(date(2026, 1, 1), 3, 349_700, 311_235), date(2026, 5, 4)
    )
    assert (result.principal, result.rounded_off, result.total) == (115_395, 5, 115_390)
    assert any(step.value == "10원 미만 절사" for step in result.trace)


def test_disability_pension_fraud_interest_is_cut_with_the_principal() -> None:
    # Fraud, 2025-10 … 2025-12 paid 100,000 with nothing due; notice 2026-04-06 (months counted:
    # Oct → Mar = 6, Nov → 5, Dec → 4, all simple at the 2025 rate of 3% starting in 2025):
    # 100,000 × 0.03 × 6/12 = 1,500; × 5/12 = 1,250; × 4/12 = 1,000 → interest 3,750.
    # 300,000 + 3,750 = 303,750 (already a multiple of 10).
    result = assess_recovery(
        P.DISABILITY_PENSION, C.FRAUD, months(date(2025, 10, 1), 3, 100_000, 0), date(2026, 4, 6), BOOK
    )
    assert [row.interest for row in result.interest_detail] == [1_500, 1_250, 1_000]
    assert (result.interest, result.total) == (3_750, 303_750)


def test_child_allowance_top_up_paid_after_a_move_to_the_capital_region() -> None:
    # 비수도권 105,000 kept being paid after a move to 수도권 (100,000): 5,000 × 6 (April–September).
    result = assess_recovery(
        P.CHILD_ALLOWANCE, C.RECIPIENT_ERROR, months(date(2026, 4, 1), 6, 105_000, 100_000), date(2026, 10, 5)
    )
    assert (result.principal, result.total) == (30_000, 30_000)


@pytest.mark.parametrize(
    ("paid", "total", "below"),
    [(102_999, 0, True), (103_000, 3_000, False)],
)
def test_child_allowance_under_3000_won_is_not_recovered(paid: int, total: int, below: bool) -> None:
    # One month: 2,999 overpaid is under 3,000 → not recovered; 3,000 is recovered.
    result = assess_recovery(
        P.CHILD_ALLOWANCE, C.AGENCY_ERROR, [MonthLedger(date(2026, 5, 1), paid, 100_000)], date(2026, 6, 1)
    )
    assert (result.total, result.below_minimum) == (total, below)
    if below:
        assert result.principal == 2_999
        assert result.not_recovered_reason == "환수금 2,999원이 3,000원 미만이어서 환수하지 않습니다."


def test_basic_pension_minimum_counts_interest() -> None:
    # Fraud, 2025-03 overpaid 2,950; notice 2026-03-02 → 12 months at 3% → 88.5 → 88.
    # 2,950 alone is under 3,000, but the 환수금 2,950 + 88 = 3,038 is not.
    result = assess_recovery(
        P.BASIC_PENSION, C.FRAUD, [MonthLedger(date(2025, 3, 1), 352_650, 349_700)], date(2026, 3, 2), BOOK
    )
    assert (result.principal, result.interest, result.total) == (2_950, 88, 3_038)


def test_disability_pension_has_no_minimum() -> None:
    result = assess_recovery(
        P.DISABILITY_PENSION, C.AGENCY_ERROR, [MonthLedger(date(2026, 5, 1), 10, 0)], date(2026, 6, 1)
    )
    assert (result.total, result.below_minimum) == (10, False)


def test_livelihood_over_and_under_are_reported_apart_never_netted() -> None:
    # 1인 생계급여: 소득인정액 rose from 300,000 to 350,000, so 520,556 was paid where 470,556 was due
    # for February–May (50,000 × 4 = 200,000); June was paid 470,556 where 520,556 was due (50,000
    # owed back to the recipient). 환수 200,000 and 소급지급 50,000 — not a net 150,000.
    ledger = [*months(date(2026, 2, 1), 4, 520_556, 470_556), MonthLedger(date(2026, 6, 1), 470_556, 520_556)]
    result = assess_recovery(P.LIVELIHOOD, C.RECIPIENT_ERROR, ledger, date(2026, 8, 3))
    assert (result.principal, result.total, result.underpaid) == (200_000, 200_000, 50_000)
    assert result.trace[-1].note == "환수금과 상계하지 않고 따로 지급합니다."


def test_livelihood_fraud_bears_no_interest_under_article_46() -> None:
    # 법 제46조 · 시행령 제41조②: the 징수 amount is the 보장비용 itself — 520,556 × 2 = 1,041,112.
    result = assess_recovery(P.LIVELIHOOD, C.FRAUD, months(date(2025, 6, 1), 2, 520_556, 0), date(2026, 8, 3))
    assert (result.interest, result.total, result.interest_detail) == (0, 1_041_112, ())
    assert max_instalments(P.LIVELIHOOD, result.total, date(2026, 8, 3))[0] == 20


def test_housing_after_income_rose_above_the_line() -> None:
    # 주거급여 341,000 paid for July and August 2026 with nothing due: 682,000 → up to 10 instalments.
    result = assess_recovery(
        P.HOUSING, C.RECIPIENT_ERROR, months(date(2026, 7, 1), 2, 341_000, 0), date(2026, 9, 14)
    )
    assert result.total == 682_000
    assert max_instalments(P.HOUSING, result.total, date(2026, 9, 14))[0] == 10


def test_parent_benefit_fraud_with_interest() -> None:
    # 0세 부모급여 1,000,000 paid in cash while the child was at an 어린이집: only the 차액 416,000 was due,
    # so 584,000 a month for November and December 2025. Notice 2026-03-10.
    # November (received 2025-11-25): Nov–Feb = 4 months simple at 3% → 584,000 × 0.03 × 4/12 = 5,840.
    # December (received 2025-12-24, the 25th being 기독탄신일): Dec–Feb = 3 → 584,000 × 0.03 × 3/12 = 4,380.
    # 1,168,000 + 10,220 = 1,178,220 → up to 20 instalments.
    result = assess_recovery(
        P.PARENT_BENEFIT, C.FRAUD, months(date(2025, 11, 1), 2, 1_000_000, 416_000), date(2026, 3, 10), BOOK
    )
    assert [(row.received_in, row.months, row.interest) for row in result.interest_detail] == [
        (date(2025, 11, 1), 4, 5_840),
        (date(2025, 12, 1), 3, 4_380),
    ]
    assert (result.principal, result.interest, result.total) == (1_168_000, 10_220, 1_178_220)
    assert max_instalments(P.PARENT_BENEFIT, result.total, date(2026, 3, 10))[0] == 20


def test_basic_pension_fraud_across_a_year_boundary() -> None:
    # 2024-07 (received 2024-07-25) … notice 2026-03-05: 20 months; the first interest year
    # (2024-07 … 2025-06) compounds at the rate in force on 2024-07-01 (4%), the 8 months from
    # 2025-07 are simple at 3%: 400,000 × 1.04 × (1 + 0.03 × 8/12) = 400,000 × 1.04 × 1.02
    # = 424,320 → interest 24,320.
    book = book_with_rates((date(2024, 1, 1), "0.04"), (date(2025, 1, 1), "0.03"))
    ledger = [MonthLedger(date(2024, 7, 1), 400_000, 0, paid_on=date(2024, 7, 25))]
    result = assess_recovery(P.BASIC_PENSION, C.FRAUD, ledger, date(2026, 3, 5), book)
    assert (result.interest, result.total) == (24_320, 424_320)
    steps = {step.step: step for step in result.trace}
    assert "부정수급 환수 이자율 (3년 만기 정기예금 평균이자율, 연 복리) (2024-01-01부터)" in steps


def test_home_care_allowance_after_the_child_started_daycare() -> None:
    # 가정양육수당 100,000 kept being paid March–August 2026 after the child entered an 어린이집
    # (보육료 and 양육수당 cannot be combined): 100,000 × 6 = 600,000 → up to 10 instalments.
    # Even as fraud no interest is added: the notes give no interest rule for 영유아보육법.
    ledger = months(date(2026, 3, 1), 6, 100_000, 0)
    for cause in (C.RECIPIENT_ERROR, C.FRAUD):
        result = assess_recovery(P.HOME_CARE_ALLOWANCE, cause, ledger, date(2026, 9, 7))
        assert (result.principal, result.interest, result.total) == (600_000, 0, 600_000)


def test_fraud_with_no_registered_rate_is_refused_not_zero() -> None:
    with pytest.raises(ParameterUnavailable, match="아직 등록되지 않았습니다"):
        assess_recovery(P.BASIC_PENSION, C.FRAUD, months(date(2026, 1, 1), 2, 349_700, 0), date(2026, 5, 4))


def test_nothing_overpaid_only_back_pay() -> None:
    # 아동수당 paid 100,000 where 110,000 (인구감소지역) was due, April–June: 30,000 owed back.
    result = assess_recovery(
        P.CHILD_ALLOWANCE, C.AGENCY_ERROR, months(date(2026, 4, 1), 3, 100_000, 110_000), date(2026, 7, 1)
    )
    assert (result.total, result.underpaid, result.below_minimum) == (0, 30_000, False)
    assert result.not_recovered_reason == "과오지급액이 없습니다."
    assert not result.recovered


def test_the_trace_cites_every_parameter_it_used() -> None:
    result = assess_recovery(
        P.BASIC_PENSION, C.RECIPIENT_ERROR, months(date(2026, 3, 1), 3, 349_700, 279_760), date(2026, 7, 10)
    )
    cited = [step for step in result.trace if step.effective_from is not None]
    assert {step.step.split(" [")[0] for step in cited} == {
        "환수금 환수 및 급여를 받을 권리의 소멸시효 (년)",
        "환수금 끝수 처리",
        "환수하지 않는 소액의 기준 (이 금액 미만은 환수하지 않음, 원)",
    }
    assert all(step.reference for step in cited)
    assert result.trace[0].value == "수급자 귀책 (신고 불이행 등)"
