"""아동수당 (아동수당법 제4조, 부칙 제2조·제3조, 법률 제21489호; 시행령 제2조②):
pension-child-outreach-privacy-2026.md §C.2 and region-classes.md §2.5."""

from __future__ import annotations

from domain.rules.household import Member
from domain.rules.programs.child_common import not_applicable, per_child_result
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.regions import ChildAllowanceArea, child_allowance_area
from domain.rules.trace import Trace

ART_AGE = "아동수당법 제4조①, 부칙 제2조 (법률 제21489호)"
ART_BASE = "아동수당법 제4조①"
ART_TOP_UP = "아동수당법 제4조⑥; 아동수당법 시행령 제2조②"

AREA_LABEL = {
    ChildAllowanceArea.CAPITAL: "수도권 (가산 없음)",
    ChildAllowanceArea.NON_CAPITAL: "비수도권",
    ChildAllowanceArea.DECLINE_PREFERRED: "인구감소 우대지원지역",
    ChildAllowanceArea.DECLINE_SPECIAL: "인구감소 특별지원지역",
    ChildAllowanceArea.DECLINE_UNCONFIRMED: "인구감소지역 (우대/특별 구분 미확정)",
}


def qualifying_children(ctx: Context, trace: Trace) -> list[Member]:
    """Members under the age limit in force at `as_of` (제4조①; phased 9세 2026 → 13세 by 부칙 제2조,
    retroactive to 2026-01-01 by 부칙 제3조), and members born in a special cohort year (2017), who are
    paid throughout 2026–2029 whatever their age (부칙 제2조)."""
    limit: int = use(trace, ctx, "child_allowance.age_limit")
    cohort = ctx.at("child_allowance.special_cohort_birth_years")
    years: frozenset[str] = cohort.value
    trace.parameter(cohort.label, ", ".join(f"{y}년생" for y in sorted(years)) or "없음", cohort)
    children: list[Member] = []
    for member in ctx.household.members:
        age = ctx.age(member)
        if age < limit:
            trace.step(f"{member.id} 만 {age}세 — {limit}세 미만", age, ART_AGE)
            children.append(member)
        elif str(member.birth_date.year) in years:
            trace.step(f"{member.id} 만 {age}세 — {member.birth_date.year}년생 연령 특례", age, ART_AGE)
            children.append(member)
    return children


def regional_top_up(ctx: Context, trace: Trace) -> tuple[int, int | None]:
    """지역 가산 (제4조⑥, 시행령 제2조②): 비수도권 +5천원, 인구감소 우대 +1만원, 특별 +2만원. A 인구감소지역
    on neither known list gets the guaranteed +1만원 and the possible 특별 top-up back, so the amount is
    marked pending (region-classes.md §2.5: never silently default). Returns (top-up, possible top-up)."""
    in_force: bool = use(trace, ctx, "child_allowance.regional_top_up_in_force")
    if not in_force:
        trace.step("지역 가산 없음 (법률 제21489호 시행 전)", 0, ART_TOP_UP)
        return 0, None
    area = child_allowance_area(ctx.household.region, ctx.book, ctx.as_of)
    for setting in area.settings:
        use(trace, ctx, setting.name)
    trace.step("아동수당 지역 구분", AREA_LABEL[area.value], ART_TOP_UP)
    if area.value is ChildAllowanceArea.DECLINE_UNCONFIRMED:
        top_up: int = use(trace, ctx, "child_allowance.regional_top_up", "decline_preferred")
        possible: int = use(trace, ctx, "child_allowance.regional_top_up", "decline_special")
        trace.step(
            "지역 가산 (확정된 하한)",
            top_up,
            ART_TOP_UP,
            f"특별지원지역 고시 별표가 적재되면 +{possible:,}원일 수 있음 — 금액 확인 대기",
        )
        return top_up, possible
    top_up = use(trace, ctx, "child_allowance.regional_top_up", area.value.value)
    trace.step("지역 가산", top_up, ART_TOP_UP)
    return top_up, None


def assess_child_allowance(ctx: Context) -> ProgramResult:
    """아동수당: base amount + regional top-up per qualifying child, no income test (아동수당법 제4조).
    The 지역사랑상품권 increments (제4조⑦) are left out: the household does not say how it is paid."""
    trace = Trace()
    children = qualifying_children(ctx, trace)
    if not children:
        trace.step("아동수당 지급 연령의 가구원 없음", 0, ART_AGE)
        return not_applicable(Program.CHILD_ALLOWANCE, trace)
    base: int = use(trace, ctx, "child_allowance.base_amount")
    top_up, possible = regional_top_up(ctx, trace)
    amount = base + top_up
    pending = possible is not None
    note = f"특별지원지역이면 월 {base + (possible or 0):,}원 (고시 별표 미적재)" if pending else None
    members: list[MemberResult] = []
    for child in children:
        trace.step(f"{child.id} 아동수당 (기본 + 지역 가산)", amount, ART_BASE)
        members.append(
            MemberResult(
                child.id,
                Status.ELIGIBLE,
                monthly_amount=amount,
                amount_pending_confirmation=pending,
                note=note,
            )
        )
    return per_child_result(Program.CHILD_ALLOWANCE, members, trace, ART_BASE)
