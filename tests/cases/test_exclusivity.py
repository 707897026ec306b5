"""domain.cases.exclusivity: the 중복지원 pairs of the notes (D.5), each asked both ways round."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.exclusivity import (
    MATRIX,
    PARTS,
    RULES,
    SAME_BENEFIT_REFERENCE,
    Benefit,
    Effect,
    HeldBenefit,
    Verdict,
    check,
    held_benefits,
)
from domain.rules.programs.common import Program

B = Benefit
SEOUL_JONGNO, BUSAN_HAEUNDAE = "11110", "26350"


def held(benefit: Benefit, region: str = SEOUL_JONGNO) -> HeldBenefit:
    return HeldBenefit(benefit, region, "ent-1")


def test_disability_pension_for_a_basic_pension_recipient_keeps_only_the_additional_benefit() -> None:
    outcome = check(Program.DISABILITY_PENSION, [held(B.BASIC_PENSION)])
    assert outcome.verdict is Verdict.ADJUSTED
    (removal,) = outcome.removals
    assert removal.removes is B.DISABILITY_BASIC
    assert not removal.removes_from_held and not removal.partial
    assert "장애인연금법 제6조⑤" in outcome.reasons[0]
    assert "부가급여는 지급" in outcome.reasons[0]


def test_the_basic_part_alone_is_blocked_for_a_basic_pension_recipient() -> None:
    assert check(B.DISABILITY_BASIC, [held(B.BASIC_PENSION)]).verdict is Verdict.BLOCKED
    assert check(B.DISABILITY_ADDITIONAL, [held(B.BASIC_PENSION)]).verdict is Verdict.ALLOWED


def test_basic_pension_for_a_disability_pension_recipient_removes_the_held_basic_part() -> None:
    outcome = check(Program.BASIC_PENSION, held_benefits(Program.DISABILITY_PENSION, BUSAN_HAEUNDAE, "ent-9"))
    assert outcome.verdict is Verdict.ADJUSTED
    (removal,) = outcome.removals
    assert removal.removes is B.DISABILITY_BASIC
    assert removal.removes_from_held
    assert removal.held == HeldBenefit(B.DISABILITY_BASIC, BUSAN_HAEUNDAE, "ent-9")


@pytest.mark.parametrize(
    "other", [B.CHILDCARE_FEE, B.KINDERGARTEN_FEE, B.FULL_DAY_CHILD_CARE, B.PARENT_BENEFIT]
)
@pytest.mark.parametrize("home_care_is_new", [True, False])
def test_home_care_allowance_excludes_care_services_and_parent_benefit(
    other: Benefit, home_care_is_new: bool
) -> None:
    new, existing = (B.HOME_CARE_ALLOWANCE, other) if home_care_is_new else (other, B.HOME_CARE_ALLOWANCE)
    outcome = check(new, [held(existing)])
    assert outcome.verdict is Verdict.BLOCKED
    assert outcome.clashes[0].effect is Effect.BLOCK
    assert outcome.removals == ()
    assert "가정양육수당" in outcome.reasons[0]


def test_home_care_allowance_via_the_program_code() -> None:
    assert check(Program.HOME_CARE_ALLOWANCE, [held(B.CHILDCARE_FEE)]).verdict is Verdict.BLOCKED
    assert check(Program.CHILDCARE_FEE, [held(B.HOME_CARE_ALLOWANCE)]).verdict is Verdict.BLOCKED


def test_parent_benefit_at_a_daycare_is_cut_to_the_difference() -> None:
    outcome = check(Program.PARENT_BENEFIT, [held(B.CHILDCARE_FEE)])
    assert outcome.verdict is Verdict.ADJUSTED
    (removal,) = outcome.removals
    assert (removal.removes, removal.partial, removal.removes_from_held) == (B.PARENT_BENEFIT, True, False)
    assert "차액" in outcome.reasons[0]


def test_childcare_fee_for_a_parent_benefit_recipient_cuts_the_held_cash() -> None:
    outcome = check(Program.CHILDCARE_FEE, [held(B.PARENT_BENEFIT)])
    assert outcome.verdict is Verdict.ADJUSTED
    (removal,) = outcome.removals
    assert (removal.removes, removal.partial, removal.removes_from_held) == (B.PARENT_BENEFIT, True, True)


@pytest.mark.parametrize(
    ("new", "existing"), [(B.KINDERGARTEN_FEE, B.CHILDCARE_FEE), (B.CHILDCARE_FEE, B.KINDERGARTEN_FEE)]
)
def test_kindergarten_fee_and_childcare_fee_exclude_each_other(new: Benefit, existing: Benefit) -> None:
    assert check(new, [held(existing)]).verdict is Verdict.BLOCKED


def test_emergency_support_is_not_given_on_top_of_livelihood_benefit_but_not_the_reverse() -> None:
    blocked = check(Program.EMERGENCY_LIVELIHOOD, [held(B.LIVELIHOOD)])
    assert blocked.verdict is Verdict.BLOCKED
    assert "긴급복지지원법 제3조②" in blocked.reasons[0]
    assert check(Program.LIVELIHOOD, [held(B.EMERGENCY_LIVELIHOOD)]).verdict is Verdict.ALLOWED


def test_the_same_benefit_held_in_another_sigungu_is_blocked() -> None:
    outcome = check(Program.BASIC_PENSION, [held(B.BASIC_PENSION, BUSAN_HAEUNDAE)])
    assert outcome.verdict is Verdict.BLOCKED
    assert outcome.clashes[0].reference == SAME_BENEFIT_REFERENCE
    assert BUSAN_HAEUNDAE in outcome.reasons[0]


def test_a_disability_pension_already_cut_to_its_additional_part_is_still_held() -> None:
    outcome = check(Program.DISABILITY_PENSION, [held(B.DISABILITY_ADDITIONAL), held(B.BASIC_PENSION)])
    assert outcome.verdict is Verdict.BLOCKED
    assert [c.reference for c in outcome.clashes] == [SAME_BENEFIT_REFERENCE]


def test_nothing_held_or_unrelated_benefits_allow_the_grant() -> None:
    assert check(Program.LIVELIHOOD, []).verdict is Verdict.ALLOWED
    outcome = check(Program.PARENT_BENEFIT, [held(B.CHILD_ALLOWANCE), held(B.HOUSING, BUSAN_HAEUNDAE)])
    assert (outcome.verdict, outcome.clashes, outcome.reasons) == (Verdict.ALLOWED, (), ())


def test_a_block_outweighs_an_adjustment_and_lists_only_the_blocks() -> None:
    outcome = check(
        Program.PARENT_BENEFIT, [held(B.CHILDCARE_FEE), held(B.HOME_CARE_ALLOWANCE, BUSAN_HAEUNDAE)]
    )
    assert outcome.verdict is Verdict.BLOCKED
    assert [c.held.benefit for c in outcome.clashes] == [B.HOME_CARE_ALLOWANCE]


def test_every_program_has_its_parts() -> None:
    assert set(PARTS) == set(Program)
    assert PARTS[Program.DISABILITY_PENSION] == (B.DISABILITY_BASIC, B.DISABILITY_ADDITIONAL)


def test_the_matrix_is_well_formed() -> None:
    assert len(MATRIX) == len(RULES)  # no pair declared twice
    for rule in RULES:
        assert rule.requested is not rule.held
        assert rule.reason and rule.reference
        if rule.effect is Effect.ADJUST:
            assert rule.removes in (rule.requested, rule.held)
        else:
            assert rule.removes is None and not rule.partial


def test_every_pair_but_the_emergency_one_is_declared_both_ways() -> None:
    one_way = {(r.requested, r.held) for r in RULES if (r.held, r.requested) not in MATRIX}
    assert one_way == {(B.EMERGENCY_LIVELIHOOD, B.LIVELIHOOD)}
    for (a, b), rule in MATRIX.items():
        if (b, a) in MATRIX:
            assert MATRIX[(b, a)].effect is rule.effect


@given(
    st.sampled_from(Benefit),
    st.lists(st.tuples(st.sampled_from(Benefit), st.sampled_from(["11110", "26350"]))),
)
def test_the_verdict_does_not_depend_on_the_order_of_holdings(
    new: Benefit, pairs: list[tuple[Benefit, str]]
) -> None:
    holdings = [HeldBenefit(benefit, region) for benefit, region in pairs]
    forward, backward = check(new, holdings), check(new, list(reversed(holdings)))
    assert forward.verdict is backward.verdict
    assert set(forward.clashes) == set(backward.clashes)
    if not holdings:
        assert forward.verdict is Verdict.ALLOWED
