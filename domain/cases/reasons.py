"""Reason codes of a 결정 (국민기초생활보장법 제26조, 제29조: the notice states the reason), and the
default 급여 개시일 of each program."""

from __future__ import annotations

from datetime import date

from domain.rules.programs.common import Program

REJECTION_REASONS: dict[str, str] = {
    "income_over_threshold": "소득인정액이 선정기준액을 초과합니다.",
    "support_obligor": "부양의무자 기준을 충족하지 못합니다 (부양능력 있는 부양의무자가 있음).",
    "not_applicable": "급여를 받을 수 있는 가구원이 없습니다 (연령·장애·취학 등 요건).",
    "property_over_limit": "재산 또는 금융재산이 기준을 초과합니다.",
    "duplicate_benefit": "같은 목적의 급여를 이미 받고 있어 중복하여 지급할 수 없습니다.",
    "no_crisis": "긴급지원 대상이 되는 위기사유가 확인되지 않습니다.",
    "other": "기타 (결정 내용 참조)",
}
APPROVAL_REASONS: dict[str, str] = {
    "eligible": "선정기준을 충족합니다.",
    "amount_adjusted": "산정액과 다른 급여액으로 결정합니다 (결정 내용 참조).",
    "exclusivity_adjusted": "중복지원 조정에 따라 급여액이 조정되었습니다.",
}
ALL_REASONS = {**REJECTION_REASONS, **APPROVAL_REASONS}

# Household benefits are granted to the household (수급자 = every member); the others to a person.
HOUSEHOLD_PROGRAMS = frozenset(
    {Program.LIVELIHOOD, Program.MEDICAL, Program.HOUSING, Program.EDUCATION, Program.EMERGENCY_LIVELIHOOD}
)
# 기초연금 is paid from the month of the 신청 (기초연금법 제14조①), and so are 장애인연금 and the child
# allowances under their own acts' like provisions; the 기초생활보장 급여 start on the 신청일 itself
# (국민기초생활보장법 제27조①), the first month pro rata (a payment-run rule, not the decision's).
_FROM_MONTH = frozenset(
    {
        Program.BASIC_PENSION,
        Program.DISABILITY_PENSION,
        Program.PARENT_BENEFIT,
        Program.CHILD_ALLOWANCE,
        Program.CHILDCARE_FEE,
        Program.HOME_CARE_ALLOWANCE,
    }
)


def default_start_date(program: Program, applied_on: date) -> date:
    """급여 개시일 the notice states unless the decision-maker sets another."""
    return applied_on.replace(day=1) if program in _FROM_MONTH else applied_on


def describe(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(ALL_REASONS.get(code, code) for code in codes)


PROGRAM_LABELS: dict[Program, str] = {
    Program.LIVELIHOOD: "생계급여",
    Program.MEDICAL: "의료급여",
    Program.HOUSING: "주거급여",
    Program.EDUCATION: "교육급여",
    Program.BASIC_PENSION: "기초연금",
    Program.DISABILITY_PENSION: "장애인연금",
    Program.PARENT_BENEFIT: "부모급여",
    Program.CHILD_ALLOWANCE: "아동수당",
    Program.CHILDCARE_FEE: "보육료",
    Program.HOME_CARE_ALLOWANCE: "가정양육수당",
    Program.EMERGENCY_LIVELIHOOD: "긴급복지 생계지원",
}

# Where an 이의신청 goes, by program (the notice must say so: 행정절차법 제26조).
_BASIC_LIVELIHOOD_APPEAL = (
    "이 결정을 한 보장기관(시장·군수·구청장)을 거쳐 시·도지사에게 (국민기초생활보장법 제38조)"
)
_APPEAL_BODIES: dict[Program, str] = {
    Program.LIVELIHOOD: _BASIC_LIVELIHOOD_APPEAL,
    Program.HOUSING: _BASIC_LIVELIHOOD_APPEAL,
    Program.EDUCATION: _BASIC_LIVELIHOOD_APPEAL,
    Program.MEDICAL: "시장·군수·구청장을 거쳐 시·도지사에게 (의료급여법 제30조)",
    Program.BASIC_PENSION: "특별자치시장·특별자치도지사·시장·군수·구청장에게 (기초연금법 제22조)",
    Program.EMERGENCY_LIVELIHOOD: "시장·군수·구청장을 거쳐 시·도지사에게 (긴급복지지원법 제16조)",
}
_DEFAULT_APPEAL_BODY = "이 결정을 한 시장·군수·구청장에게 (해당 급여 법률의 이의신청 규정)"


def appeal_guidance(program: Program, deadline: date) -> str:
    body = _APPEAL_BODIES.get(program, _DEFAULT_APPEAL_BODY)
    days = 30 if program is Program.EMERGENCY_LIVELIHOOD else 90
    return (
        f"이 결정에 이의가 있으면 결정 통지를 받은 날부터 {days}일 이내"
        f"({deadline.year}. {deadline.month}. {deadline.day}.까지)에 {body} 서면 또는 구두로 "
        "이의신청을 할 수 있습니다. 또한 처분이 있음을 안 날부터 90일 이내에 행정심판(행정심판법 제27조)을 "
        "청구하거나 행정소송(행정소송법 제20조)을 제기할 수 있습니다."
    )
