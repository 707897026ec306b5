"""중복지원 차단: which benefits a person may not hold together, checked when a program is decided.

The general rule is that the same 급여 is not given twice for the same purpose (사회보장급여법 제9조):
holding a benefit anywhere blocks a second grant of it. The named pairs below are declared data, each
with its reference; a directed rule reads "asking for `requested` while holding `held`". The person's
entitlements may come from any 시군구 (the caller passes them all); the matrix does not care where.

Outcome: a "block" rule refuses the grant; an "adjust" rule grants it but removes a benefit, on the new
side or on the held one, in whole or in part. If adjustments would remove every part of the request, the
grant is blocked. The 부모급여 차액 itself is computed by `domain.rules.programs.parent_benefit`.
References to 복지로 are secondary sources (docs/rules/pension-child-outreach-privacy-2026.md D.5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from domain.rules.programs.common import Program


class Benefit(StrEnum):
    """A benefit as the matrix sees it: a program, a part of one, or a benefit run outside 이음."""

    LIVELIHOOD = "livelihood"
    MEDICAL = "medical"
    HOUSING = "housing"
    EDUCATION = "education"
    BASIC_PENSION = "basic_pension"
    DISABILITY_BASIC = "disability_basic"  # 장애인연금 기초급여
    DISABILITY_ADDITIONAL = "disability_additional"  # 장애인연금 부가급여
    PARENT_BENEFIT = "parent_benefit"
    CHILD_ALLOWANCE = "child_allowance"
    CHILDCARE_FEE = "childcare_fee"
    HOME_CARE_ALLOWANCE = "home_care_allowance"
    EMERGENCY_LIVELIHOOD = "emergency_livelihood"
    KINDERGARTEN_FEE = "kindergarten_fee"  # 유아학비 (유치원 누리과정), 교육부
    FULL_DAY_CHILD_CARE = "full_day_child_care"  # 종일제 아이돌봄서비스

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Benefit.LIVELIHOOD: "생계급여",
    Benefit.MEDICAL: "의료급여",
    Benefit.HOUSING: "주거급여",
    Benefit.EDUCATION: "교육급여",
    Benefit.BASIC_PENSION: "기초연금",
    Benefit.DISABILITY_BASIC: "장애인연금 기초급여",
    Benefit.DISABILITY_ADDITIONAL: "장애인연금 부가급여",
    Benefit.PARENT_BENEFIT: "부모급여",
    Benefit.CHILD_ALLOWANCE: "아동수당",
    Benefit.CHILDCARE_FEE: "보육료",
    Benefit.HOME_CARE_ALLOWANCE: "가정양육수당",
    Benefit.EMERGENCY_LIVELIHOOD: "긴급지원 생계지원",
    Benefit.KINDERGARTEN_FEE: "유아학비",
    Benefit.FULL_DAY_CHILD_CARE: "종일제 아이돌봄서비스",
}

# 장애인연금 is two benefits (장애인연금법 제5조: 기초급여 and 부가급여); every other program is one.
PARTS: Mapping[Program, tuple[Benefit, ...]] = MappingProxyType(
    {
        program: (
            (Benefit.DISABILITY_BASIC, Benefit.DISABILITY_ADDITIONAL)
            if program is Program.DISABILITY_PENSION
            else (Benefit(program.value),)
        )
        for program in Program
    }
)


def parts_of(item: Program | Benefit) -> tuple[Benefit, ...]:
    return (item,) if isinstance(item, Benefit) else PARTS[item]


class Effect(StrEnum):
    BLOCK = "block"
    ADJUST = "adjust"


class Verdict(StrEnum):
    ALLOWED = "allowed"
    BLOCKED = "blocked"
    ADJUSTED = "adjusted"


@dataclass(frozen=True, slots=True)
class Rule:
    """Asking for `requested` while holding `held`. For "adjust", `removes` is the benefit not paid
    (one of the two), wholly or — `partial` — only the part the other covers."""

    requested: Benefit
    held: Benefit
    effect: Effect
    reason: str
    reference: str
    removes: Benefit | None = None
    partial: bool = False


def _both(
    a: Benefit,
    b: Benefit,
    effect: Effect,
    reason: str,
    reference: str,
    removes: Benefit | None = None,
    partial: bool = False,
) -> tuple[Rule, Rule]:
    """A rule that reads the same both ways round."""
    return (
        Rule(a, b, effect, reason, reference, removes, partial),
        Rule(b, a, effect, reason, reference, removes, partial),
    )


B, BLOCK, ADJUST = Benefit, Effect.BLOCK, Effect.ADJUST
_HOME_CARE = "영유아보육법 제34조의2; 복지로 WLF00003253"
_HOME_CARE_WHY = "가정양육수당은 어린이집·유치원·종일제 아이돌봄을 이용하지 않는 영유아에게만 지급합니다."
_PARENT_DAYCARE = "아동수당법 제4조⑤; 복지로 WLF00004657"
_PARENT_DAYCARE_WHY = "어린이집 보육료는 바우처로 지원하고, 부모급여는 보육료와의 차액만 현금으로 지급합니다."
RULES: tuple[Rule, ...] = (
    Rule(
        B.DISABILITY_BASIC,
        B.BASIC_PENSION,
        ADJUST,
        "기초연금 수급권자에게는 장애인연금 기초급여를 지급하지 않습니다. 부가급여는 지급합니다.",
        "장애인연금법 제6조⑤",
        removes=B.DISABILITY_BASIC,
    ),
    Rule(
        B.BASIC_PENSION,
        B.DISABILITY_BASIC,
        ADJUST,
        "기초연금을 받게 되면 장애인연금 기초급여는 지급하지 않습니다. 부가급여는 계속 지급합니다.",
        "장애인연금법 제6조⑤",
        removes=B.DISABILITY_BASIC,
    ),
    *_both(B.HOME_CARE_ALLOWANCE, B.CHILDCARE_FEE, BLOCK, _HOME_CARE_WHY, _HOME_CARE),
    *_both(B.HOME_CARE_ALLOWANCE, B.KINDERGARTEN_FEE, BLOCK, _HOME_CARE_WHY, _HOME_CARE),
    *_both(B.HOME_CARE_ALLOWANCE, B.FULL_DAY_CHILD_CARE, BLOCK, _HOME_CARE_WHY, _HOME_CARE),
    *_both(
        B.HOME_CARE_ALLOWANCE,
        B.PARENT_BENEFIT,
        BLOCK,
        "부모급여와 가정양육수당은 함께 받을 수 없습니다.",
        "아동수당법 제4조⑤; 복지로 WLF00004657",
    ),
    *_both(
        B.PARENT_BENEFIT,
        B.CHILDCARE_FEE,
        ADJUST,
        _PARENT_DAYCARE_WHY,
        _PARENT_DAYCARE,
        removes=B.PARENT_BENEFIT,
        partial=True,
    ),
    *_both(
        B.KINDERGARTEN_FEE,
        B.CHILDCARE_FEE,
        BLOCK,
        "유아학비와 보육료는 함께 받을 수 없습니다.",
        "복지로 (유아학비·보육료 중복지원 불가)",
    ),
    # One way only: 긴급지원 bridges the wait for a 생계급여 decision, so holding it never blocks 생계급여.
    Rule(
        B.EMERGENCY_LIVELIHOOD,
        B.LIVELIHOOD,
        BLOCK,
        "다른 법률에 따라 같은 내용의 생계 지원(생계급여)을 받고 있어 긴급지원을 할 수 없습니다.",
        "긴급복지지원법 제3조②",
    ),
)
del B, BLOCK, ADJUST
MATRIX: Mapping[tuple[Benefit, Benefit], Rule] = MappingProxyType({(r.requested, r.held): r for r in RULES})
SAME_BENEFIT_REFERENCE = "사회보장급여법 제9조"


@dataclass(frozen=True, slots=True)
class HeldBenefit:
    """A benefit the person holds now (paid or only suspended), in any 시군구."""

    benefit: Benefit
    region_code: str  # the 시군구 that granted it
    entitlement_id: str | None = None


def held_benefits(
    program: Program, region_code: str, entitlement_id: str | None = None
) -> tuple[HeldBenefit, ...]:
    """Every part of a held program; leave out a part already removed by an earlier adjustment."""
    return tuple(HeldBenefit(part, region_code, entitlement_id) for part in PARTS[program])


@dataclass(frozen=True, slots=True)
class Clash:
    """A rule that fired: what was asked for, what is held and where, and why."""

    requested: Benefit
    held: HeldBenefit
    effect: Effect
    reason: str
    reference: str
    removes: Benefit | None = None
    partial: bool = False

    @property
    def removes_from_held(self) -> bool:
        return self.removes is not None and self.removes is self.held.benefit

    @property
    def message(self) -> str:
        held = f"{self.held.benefit.label}({self.held.region_code})"
        return f"{self.requested.label} — {held}: {self.reason} [{self.reference}]"


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    clashes: tuple[Clash, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(clash.message for clash in self.clashes)

    @property
    def removals(self) -> tuple[Clash, ...]:
        """The adjustments to make: each names the benefit removed and whether it is the held one."""
        return tuple(clash for clash in self.clashes if clash.effect is Effect.ADJUST)


def _clash(requested: Benefit, held: HeldBenefit) -> Clash | None:
    if requested is held.benefit:
        why = f"{requested.label}을(를) 이미 받고 있어 같은 급여를 중복하여 지급할 수 없습니다."
        return Clash(requested, held, Effect.BLOCK, why, SAME_BENEFIT_REFERENCE)
    rule = MATRIX.get((requested, held.benefit))
    if rule is None:
        return None
    return Clash(requested, held, rule.effect, rule.reason, rule.reference, rule.removes, rule.partial)


def check(new: Program | Benefit, existing: Iterable[HeldBenefit]) -> Outcome:
    """Whether `new` may be granted to a person holding `existing` (from every 시군구)."""
    requested = parts_of(new)
    clashes = tuple(
        clash for held in existing for part in requested if (clash := _clash(part, held)) is not None
    )
    blocks = tuple(c for c in clashes if c.effect is Effect.BLOCK)
    if blocks:
        return Outcome(Verdict.BLOCKED, blocks)
    if not clashes:
        return Outcome(Verdict.ALLOWED)
    wholly_removed = {c.removes for c in clashes if not c.partial and not c.removes_from_held}
    if wholly_removed.issuperset(requested):
        return Outcome(Verdict.BLOCKED, clashes)
    return Outcome(Verdict.ADJUSTED, clashes)
