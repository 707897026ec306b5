"""부모급여 (아동수당법 제4조⑤, 시행령): pension-child-outreach-privacy-2026.md §C.1 and §D.5."""

from __future__ import annotations

from domain.rules.household import Childcare, Member
from domain.rules.programs.child_common import not_applicable, per_child_result
from domain.rules.programs.childcare import daycare_voucher
from domain.rules.programs.common import Context, MemberResult, Program, ProgramResult, Status, use
from domain.rules.trace import Trace

ART = "아동수당법 제4조⑤; 아동수당법 시행령 (대통령령 제36224호)"
ART_DAYCARE = "복지로 WLF00004657 (어린이집 이용 시 보육료 바우처 차액 현금 지급)"

# 0–23개월, fixed by the contract: 만 0세 = 0–11개월, 만 1세 = 12–23개월 (§C.1).
PARENT_BENEFIT_MONTHS = range(0, 24)


def parent_benefit_cash(ctx: Context, child: Member, trace: Trace) -> tuple[int, str | None]:
    """The cash of one child (§C.1): the amount of its 만 나이 class (from full months); at an 어린이집 the
    보육료 voucher is paid to the 어린이집 and only the 차액 in cash, never below 0 (0세 1,000,000 − 584,000
    = 416,000; 1세 500,000 − 515,000 → 0)."""
    age_class = ctx.months(child) // 12
    amount: int = use(trace, ctx, "parent_benefit.amount", age_class)
    if child.childcare is Childcare.DAYCARE:
        voucher = daycare_voucher(ctx, child, trace)
        cash = max(amount - voucher, 0)
        trace.step(
            f"{child.id} 어린이집 이용: 부모급여 − 보육료 바우처 = 현금 차액 (0원 미만은 0원)",
            cash,
            ART_DAYCARE,
        )
        note = None if cash else "보육료 바우처가 부모급여 이상 — 현금 차액 없음"
        return cash, note
    trace.step(f"{child.id} 부모급여 (만 {age_class}세, 현금)", amount, ART)
    if child.childcare is Childcare.SITTER:
        # The notes give no adjustment for 종일제 아이돌봄 under 부모급여; the full amount is shown, flagged.
        note = "종일제 아이돌봄 이용 시 조정 규정은 자료에 없음 — 전액으로 계산"
        trace.step(f"{child.id} 종일제 아이돌봄 이용", None, ART, note)
        return amount, note
    return amount, None


def assess_parent_benefit(ctx: Context) -> ProgramResult:
    """부모급여: every child of 0–23 months, no income test (아동수당법 제4조⑤). It excludes 가정양육수당,
    whose age range starts at 24 months (§D.5)."""
    trace = Trace()
    children = [m for m in ctx.household.members if ctx.months(m) in PARENT_BENEFIT_MONTHS]
    if not children:
        trace.step("0–23개월 가구원 없음", 0, ART)
        return not_applicable(Program.PARENT_BENEFIT, trace)
    members: list[MemberResult] = []
    for child in children:
        cash, note = parent_benefit_cash(ctx, child, trace)
        members.append(MemberResult(child.id, Status.ELIGIBLE, monthly_amount=cash, note=note))
    return per_child_result(Program.PARENT_BENEFIT, members, trace, ART)
