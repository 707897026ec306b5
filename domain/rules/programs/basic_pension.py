"""기초연금 (기초연금법 제3조, 제5조–제8조; 시행령 제9조–제11조; pension-child-outreach-privacy-2026.md
§A.4, steps 1–7 in order).

Each member aged 65 or over is assessed in their unit (`pension_income.pension_units`): the unit's
소득인정액 (the spouse's counts even when the spouse is under 65) against the 단독 or 부부 선정기준액.
Amounts stay exact fractions until the last step, 10원 미만 절사.

Not modelled: the 기초생활수급자 exception to the 국민연금 연계감액 (법 제6조; a simulation assesses each
program from the inputs alone), and 시행령 제7조's adjustment of the A급여 by 가입기간 (the contract
carries no 가입기간, so `national_pension_a` is taken as already adjusted).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from domain.rules.household import Member
from domain.rules.money import truncate_to_10
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.programs.pension_income import (
    UNIT_NOTE,
    PensionUnit,
    pension_income,
    pension_units,
    unit_of,
)
from domain.rules.trace import Trace

ART_AGE = "기초연금법 제3조①"
ART_SELECTION = "기초연금법 제3조②; 기초연금 선정기준액 등 고시 제2조"
ART_EXCLUDED = "기초연금법 제3조③ (직역연금 수급권자와 그 배우자)"
ART_BASE = "기초연금법 제5조①"
ART_LINK = "기초연금법 제6조, 시행령 제9조·제10조"
ART_CAP = "기초연금법 제7조"
ART_COUPLE = "기초연금법 제8조①"
ART_REVERSAL = "기초연금법 제8조②, 시행령 제11조"
ART_ROUNDING = "기초연금법 제24조 (10원 미만 절사)"


def shown(x: Fraction) -> int | str:
    """An exact amount for the trace: whole won, plus the fraction of a won still carried."""
    if x.denominator == 1:
        return int(x)
    whole = x.numerator // x.denominator
    rest = x - whole
    return f"{whole:,} + {rest.numerator}/{rest.denominator}"


@dataclass(frozen=True, slots=True)
class PensionRates:
    standard: int  # 기준연금액
    a_rate: Fraction  # 2/3 of the A급여
    additional_rate: Fraction  # 부가연금액 = 기준연금액 × 1/2
    full_limit: Fraction  # 150%
    comparison_limit: Fraction  # 200%
    reduction_base: Fraction  # 250%
    couple_reduction: Fraction  # 20%
    floor_single: Fraction  # 10% of 기준연금액
    floor_couple: Fraction  # 20% (the couple's total)
    floor_each: Fraction  # 10% (either spouse's share)


def pension_rates(ctx: Context, trace: Trace) -> PensionRates:
    """Every 기초연금 amount parameter, read once and recorded in the trace."""
    standard: int = use(trace, ctx, "basic_pension.standard_amount")
    a_rate = use(trace, ctx, "basic_pension.a_benefit_rate")
    link = use(trace, ctx, "basic_pension.linkage_rates")
    floors = use(trace, ctx, "basic_pension.income_reversal_floor_rate")
    return PensionRates(
        standard=standard,
        a_rate=Fraction(a_rate["numerator"], a_rate["denominator"]),
        additional_rate=use(trace, ctx, "basic_pension.additional_amount_rate"),
        full_limit=link["full_amount_limit"],
        comparison_limit=link["comparison_limit"],
        reduction_base=link["reduction_base"],
        couple_reduction=use(trace, ctx, "basic_pension.couple_reduction_rate"),
        floor_single=floors["single"],
        floor_couple=floors["couple"],
        floor_each=floors["couple_each"],
    )


def base_amount(rates: PensionRates, member: Member, trace: Trace) -> Fraction:
    """Step 1, 법 제5조①: (기준연금액 − 2/3 × A급여), not below 0, + 부가연금액 (기준연금액 × 1/2)."""
    first = max(Fraction(0), rates.standard - rates.a_rate * member.income.national_pension_a)
    amount = first + rates.standard * rates.additional_rate
    trace.step(
        f"{member.id} 제5조 기초연금액 ((기준연금액 − 2/3 × A급여, 0 이상) + 부가연금액)",
        shown(amount),
        ART_BASE,
        f"A급여 {member.income.national_pension_a:,}원 (입력값을 가입기간 조정 후 금액으로 봄)",
    )
    return amount


def linked_amount(rates: PensionRates, member: Member, trace: Trace) -> Fraction:
    """Steps 2–4: 국민연금 급여액 ≤ 150% of 기준연금액 → 기준연금액 (법 제6조, 시행령 제9조); up to 200% the
    larger of 250% × 기준연금액 − 급여액 and the 제5조 amount (시행령 제10조); above, the 제5조 amount;
    never more than 기준연금액 (법 제7조)."""
    pension = member.income.national_pension
    standard = Fraction(rates.standard)
    if pension <= standard * rates.full_limit:
        trace.step(
            f"{member.id} 국민연금 급여액 {pension:,}원 ≤ 기준연금액 150% — 감액 없음",
            rates.standard,
            ART_LINK,
        )
        return standard
    base = base_amount(rates, member, trace)
    if pension <= standard * rates.comparison_limit:
        amount = max(standard * rates.reduction_base - pension, base)
        label = "기준연금액 150% 초과 200% 이하 — (250% × 기준연금액 − 급여액)과 제5조 금액 중 큰 금액"
    else:
        amount = base
        label = "기준연금액 200% 초과 — 제5조 금액"
    trace.step(f"{member.id} 국민연금 급여액 {pension:,}원: {label}", shown(amount), ART_LINK)
    if amount > standard:
        trace.step(f"{member.id} 기준연금액 상한 적용", rates.standard, ART_CAP)
        return standard
    return amount


def couple_reduction(rates: PensionRates, amounts: list[Fraction], trace: Trace) -> list[Fraction]:
    """Step 5, 법 제8조①: when both spouses receive, each amount is cut by 20%."""
    if len(amounts) < 2:
        return amounts
    reduced = [a * (1 - rates.couple_reduction) for a in amounts]
    trace.step("부부 모두 수급 — 각각 20% 감액", shown(sum(reduced, Fraction(0))), ART_COUPLE)
    return reduced


def income_reversal(
    amounts: Sequence[Fraction],
    income: int,
    threshold: int,
    floor_total: Fraction,
    floor_each: Fraction,
    trace: Trace,
    reference: str,
) -> list[Fraction]:
    """Step 6 (기초연금법 제8조②, 시행령 제11조; 장애인연금 likewise): when 소득인정액 + the amount exceeds
    the 선정기준액, the amount (a couple's total) is 선정기준액 − 소득인정액, not below `floor_total` and not
    above the amount before; a couple's total is split in proportion to their amounts, and a share under
    `floor_each` is raised to it at the other spouse's expense."""
    total = sum(amounts, Fraction(0))
    if income + total <= threshold:
        trace.step("소득인정액 + 연금액 ≤ 선정기준액 — 소득역전 감액 없음", shown(income + total), reference)
        return list(amounts)
    target = min(total, max(Fraction(threshold - income), floor_total))
    trace.step(
        "소득역전 방지 감액 (선정기준액 − 소득인정액, 최저액 이상)",
        shown(target),
        reference,
        f"최저액 {shown(floor_total)}원",
    )
    if len(amounts) == 1:
        return [target]
    shares = [target * a / total for a in amounts]
    low = 0 if shares[0] <= shares[1] else 1
    if shares[low] < floor_each:
        shares[low] = floor_each
        shares[1 - low] = target - floor_each
        trace.step("부부 1인 몫이 최저액 미만 — 최저액으로 올림", shown(floor_each), reference)
    return shares


@dataclass(frozen=True, slots=True)
class UnitOutcome:
    income: int
    threshold: int
    results: tuple[MemberResult, ...]


def unit_results(
    program: Program,
    label: str,
    applicants: Sequence[Member],
    assess_one: Callable[[Member], UnitOutcome],
    trace: Trace,
) -> ProgramResult:
    """Assesses each unit once (a couple is one unit for both spouses) and sums the members' amounts.
    The program's 소득인정액 and 선정기준액 are those of the first unit assessed."""
    outcomes: list[UnitOutcome] = []
    found: dict[str, MemberResult] = {}
    for member in applicants:
        if member.id not in found:
            outcome = assess_one(member)
            outcomes.append(outcome)
            found.update((r.member_id, r) for r in outcome.results)
    members = tuple(found[m.id] for m in applicants)
    total = sum(m.monthly_amount or 0 for m in members)
    eligible = any(m.status is Status.ELIGIBLE for m in members)
    trace.step(f"{label} 가구 합계", total)
    return ProgramResult(
        program,
        Status.ELIGIBLE if eligible else Status.INELIGIBLE,
        total,
        outcomes[0].income,
        outcomes[0].threshold,
        members,
        trace.freeze(),
    )


def _not_paid(members: Sequence[Member], income: int, threshold: int, note: str) -> UnitOutcome:
    return UnitOutcome(
        income,
        threshold,
        tuple(MemberResult(m.id, Status.INELIGIBLE, 0, None, income, threshold, note=note) for m in members),
    )


def assess_unit(ctx: Context, unit: PensionUnit, age: int, rates: PensionRates, trace: Trace) -> UnitOutcome:
    """One unit: 선정기준 (법 제3조②), exclusion (제3조③), then steps 1–7 for its members aged 65+."""
    kind = "couple" if unit.is_couple else "single"
    trace.step(
        f"기초연금 단위 ({', '.join(m.id for m in unit.members)})",
        "부부가구" if unit.is_couple else "단독가구",
        ART_SELECTION,
    )
    threshold: int = use(trace, ctx, "basic_pension.selection_threshold", kind)
    income = pension_income(ctx, unit, "basic_pension", trace).total
    recipients = [m for m in unit.members if ctx.age(m) >= age]
    if any(m.occupational_pension for m in unit.members):
        trace.step("직역연금 수급 (본인 또는 배우자) — 지급 제외", 0, ART_EXCLUDED)
        return _not_paid(recipients, income, threshold, "직역연금 수급권자 또는 그 배우자")
    if income > threshold:
        trace.step("소득인정액이 선정기준액 초과", income, ART_SELECTION)
        return _not_paid(recipients, income, threshold, "소득인정액이 선정기준액 초과")
    amounts = couple_reduction(rates, [linked_amount(rates, m, trace) for m in recipients], trace)
    floor_rate = rates.floor_couple if len(amounts) == 2 else rates.floor_single
    amounts = income_reversal(
        amounts,
        income,
        threshold,
        rates.standard * floor_rate,
        rates.standard * rates.floor_each,
        trace,
        ART_REVERSAL,
    )
    results = []
    for member, amount in zip(recipients, amounts, strict=True):
        paid = truncate_to_10(amount)
        trace.step(f"{member.id} 기초연금액 (10원 미만 절사)", paid, ART_ROUNDING)
        results.append(MemberResult(member.id, Status.ELIGIBLE, paid, None, income, threshold))
    return UnitOutcome(income, threshold, tuple(results))


def assess_basic_pension(ctx: Context) -> ProgramResult:
    """기초연금 for every member aged 65+; the household total; the first unit's 소득인정액 and 선정기준액."""
    trace = Trace()
    age: int = use(trace, ctx, "basic_pension.age")
    elderly = [m for m in ctx.household.members if ctx.age(m) >= age]
    if not elderly:
        trace.step("만 65세 이상 가구원 없음", 0, ART_AGE)
        return ProgramResult(Program.BASIC_PENSION, Status.NOT_APPLICABLE, 0, None, None, (), trace.freeze())
    rates = pension_rates(ctx, trace)
    units = pension_units(ctx.household)
    trace.step(
        "산정 단위: 본인과 배우자 (가구주·배우자, 부모 2인은 부부로 봄)", len(units), ART_SELECTION, UNIT_NOTE
    )
    return unit_results(
        Program.BASIC_PENSION,
        "기초연금",
        elderly,
        lambda member: assess_unit(ctx, unit_of(units, member), age, rates, trace),
        trace,
    )
