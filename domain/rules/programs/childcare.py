"""보육료 (영유아보육법 제34조) and 가정양육수당 (영유아보육법 제34조의2):
pension-child-outreach-privacy-2026.md §C.3, §C.4, and the exclusions of §D.5 (a child gets one or the
other, never both)."""

from __future__ import annotations

from domain.rules.household import Childcare, Disability, Member
from domain.rules.programs.child_common import not_applicable, per_child_result
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.trace import Trace

ART_FEE = "영유아보육법 제34조; 교육부 보육사업안내 (보육료 정부지원단가)"
ART_HOME_CARE = "영유아보육법 제34조의2"
ART_EXCLUSION = "영유아보육법 제34조의2; 복지로 WLF00003253 (보육료·유아학비·종일제 아이돌봄과 중복 불가)"

# Who each program applies to is fixed by the contract (shared/contracts/simulation.md), so it needs no
# dated parameter; only the amounts are looked up, and only for a child who qualifies, so that a year
# whose 단가 were not captured (2025) is an error for that child and not for every household.
DAYCARE_AGE_CLASSES = range(0, 6)  # 0세반 … 5세반 (§C.3: 0·1·2세반, 3–5세 누리과정)
HOME_CARE_MONTHS = range(24, 86)  # 24개월 이상 86개월 미만 (§C.4; 0–23개월 is 부모급여)
HOME_CARE_EXCLUDED = {
    Childcare.DAYCARE: "어린이집",
    Childcare.KINDERGARTEN: "유치원",
    Childcare.SITTER: "종일제 아이돌봄",
}


def daycare_voucher(ctx: Context, child: Member, trace: Trace) -> int:
    """보육료 정부지원단가 of the child's 연령반 (영유아보육법 제34조; 2026 보육사업안내 부록2). The 반 is the
    child's 만 나이 in full years, as the contract says; the 보육사업안내's assignment by birth year is not
    in the notes."""
    amount: int = use(trace, ctx, "childcare_fee.voucher", ctx.age(child))
    return amount


def assess_childcare_fee(ctx: Context) -> ProgramResult:
    """보육료: a child aged 0–5 at an 어린이집 gets the 단가 as a 국민행복카드 voucher paid to the 어린이집;
    no income test (영유아보육법 제34조; §C.3). 유치원 (유아학비) is a different program."""
    trace = Trace()
    children = [
        m
        for m in ctx.household.members
        if m.childcare is Childcare.DAYCARE and ctx.age(m) in DAYCARE_AGE_CLASSES
    ]
    if not children:
        trace.step("어린이집을 이용하는 만 0–5세 가구원 없음", 0, ART_FEE)
        return not_applicable(Program.CHILDCARE_FEE, trace)
    members: list[MemberResult] = []
    for child in children:
        amount = daycare_voucher(ctx, child, trace)
        trace.step(f"{child.id} 보육료 ({ctx.age(child)}세반, 국민행복카드 바우처)", amount, ART_FEE)
        note = None
        if child.disability is not Disability.NONE:
            # The 장애아 보육료 figure in the notes is weak [2차, weak]; the age-class 단가 is a lower bound.
            note = "장애아 보육료는 출처가 약해 반영하지 않음 — 연령반 단가로 계산"
            trace.step(f"{child.id} 장애아 보육료 미반영", None, ART_FEE, note)
        members.append(MemberResult(child.id, Status.ELIGIBLE, monthly_amount=amount, note=note))
    return per_child_result(Program.CHILDCARE_FEE, members, trace, ART_FEE)


def home_care_amount(ctx: Context, child: Member, trace: Trace) -> int:
    """월 100,000원; 장애아동 24–36개월 미만 200,000원, 36–86개월 미만 100,000원 (영유아보육법 제34조의2;
    §C.4). Any registered disability (mild or severe) counts as 장애아동: the notes draw no line."""
    if child.disability is Disability.NONE:
        general: int = use(trace, ctx, "home_care_allowance.amount", "general")
        return general
    older_from: int = use(trace, ctx, "home_care_allowance.disabled_older_from_months")
    band = "disabled_older" if ctx.months(child) >= older_from else "disabled_younger"
    disabled: int = use(trace, ctx, "home_care_allowance.amount", band)
    return disabled


def assess_home_care_allowance(ctx: Context) -> ProgramResult:
    """가정양육수당: a child of 24–85 months using none of 어린이집, 유치원 or 종일제 아이돌봄; no income test
    (영유아보육법 제34조의2; §C.4). 농어촌 양육수당 has its own amounts, which were not captured."""
    trace = Trace()
    in_band = [m for m in ctx.household.members if ctx.months(m) in HOME_CARE_MONTHS]
    at_home: list[Member] = []
    for child in in_band:
        if child.childcare in HOME_CARE_EXCLUDED:
            # §D.5: 가정양육수당 and 보육료 / 유아학비 / 종일제 아이돌봄 are mutually exclusive.
            trace.step(
                f"{child.id} {HOME_CARE_EXCLUDED[child.childcare]} 이용 — 가정양육수당 제외", 0, ART_EXCLUSION
            )
        else:
            at_home.append(child)
    if not at_home:
        if not in_band:
            trace.step("24–85개월 가구원 없음", 0, ART_HOME_CARE)
        return not_applicable(Program.HOME_CARE_ALLOWANCE, trace)
    members: list[MemberResult] = []
    for child in at_home:
        amount = home_care_amount(ctx, child, trace)
        kind = "장애아동 " if child.disability is not Disability.NONE else ""
        trace.step(f"{child.id} {kind}가정양육수당 ({ctx.months(child)}개월)", amount, ART_HOME_CARE)
        members.append(MemberResult(child.id, Status.ELIGIBLE, monthly_amount=amount))
    trace.step(
        "농어촌 양육수당 미반영",
        None,
        ART_HOME_CARE,
        "농어촌 양육수당은 별도 금액이 있으나 자료에 없어 반영하지 않음 (일반 양육수당으로 계산)",
    )
    return per_child_result(Program.HOME_CARE_ALLOWANCE, members, trace, ART_HOME_CARE)
