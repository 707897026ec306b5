"""환수 (recovery of overpaid benefits) and 소급지급 (payment of underpaid months): the assessment a 환수
결정 or a 소급지급 결정 is made from.

The pieces live in `recovery_*` modules — the ledger comparison, the 시효, the 부정수급 interest, the
instalment plan, 상계 and closures — and `assess_recovery` puts them together with a trace of every
step and parameter, so the notice can explain the figure and an appeal years later can be answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidInput
from domain.payments.calendar import BusinessCalendar
from domain.payments.recovery_closure import (
    ClosureBasis,
    ClosureKind,
    offset_allowed,
    offset_for_payment,
    validate_closure,
)
from domain.payments.recovery_instalments import (
    Instalment,
    InstalmentPayment,
    InstalmentPlan,
    InstalmentStanding,
    PlanStatus,
    apply_payments,
    instalment_plan,
    max_instalments,
)
from domain.payments.recovery_interest import MonthInterest, RatePeriod, month_interest
from domain.payments.recovery_ledger import (
    LedgerDifference,
    MonthDifference,
    MonthLedger,
    RecoveryCause,
    month_differences,
    program_entry,
    program_label,
)
from domain.payments.recovery_limitation import DatedMonth, LimitationSplit, split_by_limitation
from domain.rules.parameter_book import ParameterBook, ParameterValue, load_book
from domain.rules.programs.common import Program, percent
from domain.rules.trace import Trace, TraceStep

__all__ = [
    "ClosureBasis",
    "ClosureKind",
    "DatedMonth",
    "Instalment",
    "InstalmentPayment",
    "InstalmentPlan",
    "InstalmentStanding",
    "LedgerDifference",
    "LimitationSplit",
    "MonthDifference",
    "MonthInterest",
    "MonthLedger",
    "PlanStatus",
    "RatePeriod",
    "RecoveryAssessment",
    "RecoveryCause",
    "apply_payments",
    "assess_recovery",
    "instalment_plan",
    "max_instalments",
    "month_differences",
    "month_interest",
    "offset_allowed",
    "offset_for_payment",
    "split_by_limitation",
    "validate_closure",
]


@dataclass(frozen=True, slots=True)
class RecoveryAssessment:
    program: Program
    cause: RecoveryCause
    notice_date: date
    differences: tuple[MonthDifference, ...]  # every month given, in month order
    barred: tuple[DatedMonth, ...]  # months whose 시효 ran out before the notice
    principal: int  # overpaid in the months not barred
    interest: int  # 부정수급 only
    interest_detail: tuple[MonthInterest, ...]
    rounded_off: int  # cut by the program's 끝수 rule (장애인연금 10원 미만 절사)
    total: int  # the 환수금 of the notice; 0 when nothing is recovered
    below_minimum: bool
    not_recovered_reason: str | None
    underpaid: int  # 소급지급 owed, months not barred; never netted against `total`
    trace: tuple[TraceStep, ...]

    @property
    def recovered(self) -> bool:
        return self.total > 0


_ROUNDING_SHOWN = {"won": "원 단위 (절사 없음)", "floor_10": "10원 미만 절사"}


def _table_step(trace: Trace, parameter: ParameterValue, program: Program, shown: int | str) -> None:
    trace.parameter(f"{parameter.label} [{program_label(program)}]", shown, parameter)


def _fraud_interest(
    program: Program,
    split: LimitationSplit,
    notice_date: date,
    book: ParameterBook,
    trace: Trace,
) -> tuple[MonthInterest, ...]:
    charged, flag = program_entry(book, "recovery.fraud_interest", program, notice_date)
    _table_step(trace, flag, program, "예" if charged else "아니오")
    if not charged:
        return ()
    method = book.at("recovery.interest_method", notice_date)
    trace.parameter(method.label, method.value, method)
    detail = tuple(
        month_interest(m.month, m.overpaid, m.paid_on, notice_date, book) for m in split.open if m.overpaid
    )
    rates_seen: set[tuple[str, date]] = set()
    for row in detail:
        for period in row.periods:
            key = (period.parameter.name, period.parameter.effective_from)
            if key not in rates_seen:
                rates_seen.add(key)
                trace.parameter(
                    f"{period.parameter.label} ({period.parameter.effective_from.isoformat()}부터)",
                    percent(period.rate),
                    period.parameter,
                )
        stretches = ", ".join(
            f"{p.starts:%Y-%m}부터 {p.months}개월 {percent(p.rate)} {'복리' if p.compounded else '단리'}"
            for p in row.periods
        )
        trace.step(
            f"이자 ({row.month:%Y년 %m월} 급여)",
            row.interest,
            None,
            f"원금 {row.principal:,}원, {row.received_in:%Y-%m} 수령, 고지 전월까지 {row.months}개월"
            + (f": {stretches}" if stretches else ""),
        )
    return detail


def assess_recovery(
    program: Program,
    cause: RecoveryCause,
    months: Sequence[MonthLedger],
    notice_date: date,
    book: ParameterBook | None = None,
    *,
    calendar: BusinessCalendar | None = None,
) -> RecoveryAssessment:
    """The 환수금 and the 소급지급 of one entitlement on the notice date.

    - 환수 (기초연금법 제19조, 장애인연금법 제17조, 아동수당법 제16조, 국민기초생활보장법 제46조·제47조):
      the overpaid part of each month whose 5-year 시효 (기초연금법 제23조, 장애인연금법 제17조,
      아동수당법 제16조) had not run out on the notice date, plus, for `fraud` in a program whose law
      adds it, interest at the 3년 만기 정기예금 평균이자율 compounded annually; then the program's
      끝수 rule (장애인연금 10원 미만 절사) and its minimum (기초연금·아동수당 시행령: 3,000원 미만은
      환수하지 않음), compared with the whole 환수금.
    - 소급지급: the underpaid part of the months not barred, reported as `underpaid`.

    The two are not netted. They are separate 처분 with their own notices and appeal rights, and
    netting one against the other would be a 상계 that 국민기초생활보장법 제35조 (압류금지) does not
    allow for 생계·주거·교육급여; where the law does allow it, the set-off is applied explicitly
    through `offset_for_payment` when the payment is made, so it shows in the payment record.

    ParameterUnavailable when a needed figure is missing for the dates — notably a fraud interest rate
    that operators have not registered yet. InvalidInput for a bad ledger, a program with no recovery
    rules, or a month after the notice date."""
    book = book or load_book()
    trace = Trace()
    trace.step("환수 사유", cause.label)
    trace.step("고지일", notice_date.isoformat())
    differences = month_differences(months)
    split = split_by_limitation(program, months, notice_date, book=book, calendar=calendar)
    _table_step(trace, split.parameter, program, split.years)
    for month in split.barred:
        trace.step(
            f"시효 완성 ({month.month:%Y년 %m월} 급여)",
            f"과오지급 {month.overpaid:,}원 · 미지급 {month.underpaid:,}원 제외",
            split.parameter.reference,
            f"지급일 {month.paid_on.isoformat()}, 시효 종료 {month.claim_ends_on.isoformat()}",
        )
    principal = sum(m.overpaid for m in split.open)
    underpaid = sum(m.underpaid for m in split.open)
    trace.step("과오지급 원금 (시효 내)", principal)

    interest_detail: tuple[MonthInterest, ...] = ()
    if cause is RecoveryCause.FRAUD and principal:
        interest_detail = _fraud_interest(program, split, notice_date, book, trace)
    interest = sum(row.interest for row in interest_detail)
    if cause is RecoveryCause.FRAUD:
        trace.step("이자 합계", interest)

    rule, rounding = program_entry(book, "recovery.rounding", program, notice_date)
    _table_step(trace, rounding, program, _ROUNDING_SHOWN.get(rule, rule))
    subtotal = principal + interest
    if rule == "floor_10":
        total = subtotal - subtotal % 10
    elif rule == "won":
        total = subtotal
    else:
        raise InvalidInput(f"알 수 없는 끝수 처리 규칙입니다: {rule}", fields={"recovery.rounding": rule})
    rounded_off = subtotal - total
    trace.step("끝수 처리 후 환수금", total)

    minimum, minimum_parameter = program_entry(book, "recovery.minimum_amount", program, notice_date)
    _table_step(trace, minimum_parameter, program, minimum)
    below_minimum = 0 < total < minimum
    reason: str | None = None
    if below_minimum:
        reason = f"환수금 {total:,}원이 {minimum:,}원 미만이어서 환수하지 않습니다."
        total = 0
    elif total == 0 and subtotal:
        reason = f"끝수 처리로 환수금 {subtotal:,}원이 0원이 되어 환수하지 않습니다."
    elif total == 0:
        reason = (
            "과오지급액이 모두 시효가 지나 환수하지 않습니다."
            if any(m.overpaid for m in split.barred)
            else "과오지급액이 없습니다."
        )
    trace.step("환수 결정액", total, None, reason)
    trace.step("소급지급액 (미지급, 시효 내)", underpaid, None, "환수금과 상계하지 않고 따로 지급합니다.")
    return RecoveryAssessment(
        program,
        cause,
        notice_date,
        differences.months,
        split.barred,
        principal,
        interest,
        interest_detail,
        rounded_off,
        total,
        below_minimum,
        reason,
        underpaid,
        trace.freeze(),
    )
