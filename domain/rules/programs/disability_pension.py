"""장애인연금: 기초급여 + 부가급여 for every member aged 18+ with a severe disability (장애인연금법 제6조,
시행령 별표1; pension-child-outreach-privacy-2026.md §B).

The unit and its 소득인정액 are those of 기초연금 (`pension_income`; the notes give no 장애인연금 rules of
their own, so `disability_pension.income_rules` names the parameters reused, marked inferred). The
기초급여 is the 기초연금 기준연금액 (법 제6조②), cut by 20% each when both spouses receive it and by the
소득역전 rule with floors of 2만원 / 4만원; members aged 65+ get no 기초급여 (법 제6조⑤) but keep the
부가급여. Amounts stay exact fractions until the last step, 10원 미만 절사.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from domain.rules.household import Disability, Member
from domain.rules.money import truncate_to_10
from domain.rules.programs.basic_pension import UnitOutcome, income_reversal, shown, unit_results
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.programs.livelihood import assess_medical
from domain.rules.programs.median import selection_line
from domain.rules.programs.pension_income import (
    UNIT_NOTE,
    PensionUnit,
    pension_income,
    pension_units,
    unit_of,
)
from domain.rules.programs.recognized_income import recognized_income
from domain.rules.trace import Trace

ART_TARGET = "장애인연금법 (만 18세 이상 중증장애인)"
ART_SELECTION = "장애인연금법; 장애인연금법 시행령 (선정기준액)"
ART_EXCLUDED = "장애인연금법 (직역연금 수급권자와 그 배우자 제외)"
ART_BASIC = "장애인연금법 제6조② (기초급여액 = 기초연금 기준연금액)"
ART_ELDERLY = "장애인연금법 제6조⑤ (기초연금 수급권자에게는 기초급여를 지급하지 아니함)"
ART_COUPLE = "장애인연금법 제6조 (기초급여 부부 감액)"
ART_REVERSAL = "장애인연금법 제6조; 장애인연금법 시행령 (소득역전 감액)"
ART_ADDITIONAL = "장애인연금법 제6조, 시행령 별표1 (부가급여)"
ART_ROUNDING = "장애인연금법 제17조 (10원 미만 절사)"
GROUP_LABEL = {
    "basic_recipient": "생계·의료급여 수급자",
    "near_poor": "주거·교육급여 수급자 및 차상위",
    "above_near_poor": "차상위 초과",
}
GROUP_NOTE = (
    "추정: 부가급여 구분은 같은 입력의 국민기초생활 판정으로 정함 — 의료급여 선정(부양의무자 기준 포함) "
    "→ 생계·의료 수급자, 소득인정액 ≤ 기준 중위소득 50% (교육급여 선정기준) → 주거·교육·차상위, "
    "그 밖 → 차상위 초과"
)


def additional_benefit_group(ctx: Context, trace: Trace) -> str:
    """시행령 별표1 groups, read from the 국민기초생활 result for the same household (inferred: the
    simulation has no 수급 status as input). 의료급여 eligibility covers 생계급여 (a lower line, the same
    부양의무자 test); 주거급여 (48%) lies inside the 교육급여·차상위 line (50%)."""
    medical = assess_medical(ctx)
    trace.steps.extend(medical.trace)
    if medical.status is Status.ELIGIBLE:
        group = "basic_recipient"
    else:
        line = selection_line(ctx, "education.selection_rate", ctx.household.size, "교육급여·차상위", trace)
        group = "near_poor" if recognized_income(ctx).total <= line else "above_near_poor"
    trace.step("부가급여 급여 구분", GROUP_LABEL[group], ART_ADDITIONAL, GROUP_NOTE)
    return group


def basic_benefits(
    ctx: Context, recipients: list[Member], income: int, threshold: int, trace: Trace
) -> list[Fraction]:
    """기초급여 (법 제6조): 기준연금액 each; 20% off each when both spouses receive it; then the 소득역전
    rule (선정기준액 − 소득인정액, not below 2만원 alone / 4만원 for a couple)."""
    if not recipients:
        return []
    standard: int = use(trace, ctx, "basic_pension.standard_amount")
    trace.step("기초급여액 (기초연금 기준연금액)", standard, ART_BASIC)
    amounts = [Fraction(standard)] * len(recipients)
    if len(recipients) == 2:
        rate: Fraction = use(trace, ctx, "disability_pension.couple_reduction_rate")
        amounts = [a * (1 - rate) for a in amounts]
        trace.step("부부 모두 기초급여 수급 — 각각 20% 감액", shown(sum(amounts, Fraction(0))), ART_COUPLE)
    floors: dict[str, int] = use(trace, ctx, "disability_pension.income_reversal_floor")
    floor_total = floors["couple"] if len(recipients) == 2 else floors["single"]
    # Equal amounts split equally, so the per-spouse floor (the 단독 amount, inferred) never binds.
    return income_reversal(
        amounts, income, threshold, Fraction(floor_total), Fraction(floors["single"]), trace, ART_REVERSAL
    )


@dataclass(slots=True)
class _Group:
    """The 부가급여 group, looked up once and only when some unit qualifies."""

    ctx: Context
    trace: Trace
    value: str | None = None

    def get(self) -> str:
        if self.value is None:
            self.value = additional_benefit_group(self.ctx, self.trace)
        return self.value


def assess_unit(
    ctx: Context,
    unit: PensionUnit,
    applies: Callable[[Member], bool],
    rules: str,
    group: _Group,
    trace: Trace,
) -> UnitOutcome:
    kind = "couple" if unit.is_couple else "single"
    trace.step(
        f"장애인연금 단위 ({', '.join(m.id for m in unit.members)})",
        "부부가구" if unit.is_couple else "단독가구",
        ART_SELECTION,
    )
    threshold: int = use(trace, ctx, "disability_pension.selection_threshold", kind)
    income = pension_income(ctx, unit, rules, trace).total
    applicants = [m for m in unit.members if applies(m)]
    note = None
    if any(m.occupational_pension for m in unit.members):
        note = "직역연금 수급권자 또는 그 배우자"
        trace.step("직역연금 수급 (본인 또는 배우자) — 지급 제외", 0, ART_EXCLUDED)
    elif income > threshold:
        note = "소득인정액이 선정기준액 초과"
        trace.step("소득인정액이 선정기준액 초과", income, ART_SELECTION)
    if note is not None:
        return UnitOutcome(
            income,
            threshold,
            tuple(
                MemberResult(m.id, Status.INELIGIBLE, 0, None, income, threshold, note=note)
                for m in applicants
            ),
        )
    elderly_age: int = use(trace, ctx, "disability_pension.basic_benefit_age_limit")
    recipients = [m for m in applicants if ctx.age(m) < elderly_age]
    for member in applicants:
        if ctx.age(member) >= elderly_age:
            trace.step(f"{member.id} 만 {elderly_age}세 이상 — 기초급여 없음 (기초연금 대상)", 0, ART_ELDERLY)
    basic = dict(
        zip(
            (m.id for m in recipients), basic_benefits(ctx, recipients, income, threshold, trace), strict=True
        )
    )
    results = []
    for member in applicants:
        band = "over_65" if ctx.age(member) >= elderly_age else "under_65"
        additional: int = use(trace, ctx, "disability_pension.additional_benefit", group.get(), band)
        paid = truncate_to_10(basic.get(member.id, Fraction(0)) + additional)
        trace.step(f"{member.id} 장애인연금 (기초급여 + 부가급여, 10원 미만 절사)", paid, ART_ROUNDING)
        results.append(MemberResult(member.id, Status.ELIGIBLE, paid, None, income, threshold))
    return UnitOutcome(income, threshold, tuple(results))


def assess_disability_pension(ctx: Context) -> ProgramResult:
    """장애인연금 for every member aged 18+ with `severe` disability; the household total; the first unit's
    소득인정액 and 선정기준액."""
    trace = Trace()
    age: int = use(trace, ctx, "disability_pension.age")

    def applies(member: Member) -> bool:
        return member.disability is Disability.SEVERE and ctx.age(member) >= age

    applicants = [m for m in ctx.household.members if applies(m)]
    if not applicants:
        trace.step("만 18세 이상 중증장애인 가구원 없음", 0, ART_TARGET)
        return ProgramResult(
            Program.DISABILITY_PENSION, Status.NOT_APPLICABLE, 0, None, None, (), trace.freeze()
        )
    rules: str = use(trace, ctx, "disability_pension.income_rules")
    units = pension_units(ctx.household)
    trace.step("산정 단위: 본인과 배우자 (기초연금과 같음)", len(units), ART_SELECTION, UNIT_NOTE)
    group = _Group(ctx, trace)
    return unit_results(
        Program.DISABILITY_PENSION,
        "장애인연금",
        applicants,
        lambda member: assess_unit(ctx, unit_of(units, member), applies, rules, group, trace),
        trace,
    )
