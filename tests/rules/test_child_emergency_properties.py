"""Properties of the 영유아·아동 programs and 긴급복지 생계지원 over random 2026 households: no negative
amount, 부모급여 cash never above the 부모급여 amount, no child paid both 보육료 and 가정양육수당 (§D.5),
and 긴급 생계지원 never above 기준 중위소득 40% (긴급복지지원법 제9조②)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rules.household import (
    Assets,
    Childcare,
    CrisisReason,
    Disability,
    Household,
    Income,
    Member,
    Relation,
    Vehicle,
    age_in_months,
)
from domain.rules.money import round_half_up
from domain.rules.parameter_book import load_book
from domain.rules.programs.common import Program, ProgramResult
from domain.rules.simulate import assess
from tests.rules.regions import region_of

BOOK = load_book()
# 수도권, 세종, 부산 자치구, 우대·특별·미확정 인구감소지역, 특례시 일반구, 도의 시 일반구.
REGION_CODES = ["11110", "36110", "26350", "28720", "12870", "43760", "41117", "43111"]
CHILD_PROGRAMS = (
    Program.PARENT_BENEFIT,
    Program.CHILD_ALLOWANCE,
    Program.CHILDCARE_FEE,
    Program.HOME_CARE_ALLOWANCE,
)
MONEY = st.integers(0, 3_000_000)


@st.composite
def incomes(draw: st.DrawFn) -> Income:
    pension = draw(MONEY)
    return Income(
        earned=draw(MONEY),
        business=draw(st.integers(0, 1_000_000)),
        property=draw(st.integers(0, 500_000)),
        public_transfer=draw(st.integers(0, 500_000)),
        private_transfer=draw(st.integers(0, 500_000)),
        national_pension=pension,
        national_pension_a=draw(st.integers(0, pension)),
    )


@st.composite
def households(draw: st.DrawFn, *, crisis: bool = False) -> Household:
    as_of = draw(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
    region = region_of(draw(st.sampled_from(REGION_CODES)))
    assert region is not None
    members = [Member("h", Relation.HEAD, date(1985, 3, 1), income=draw(incomes()))]
    for index in range(draw(st.integers(0, 6))):
        members.append(
            Member(
                f"c{index}",
                Relation.CHILD,
                draw(st.dates(as_of - timedelta(days=365 * 11), as_of)),
                disability=draw(st.sampled_from(Disability)),
                childcare=draw(st.sampled_from(Childcare)),
            )
        )
    assets = Assets(
        housing=draw(st.integers(0, 300_000_000)),
        general=draw(st.integers(0, 100_000_000)),
        financial=draw(st.integers(0, 20_000_000)),
        debts=draw(st.integers(0, 100_000_000)),
        vehicles=tuple(Vehicle(v) for v in draw(st.lists(st.integers(0, 30_000_000), max_size=2))),
    )
    reasons = draw(st.lists(st.sampled_from(CrisisReason), min_size=1, max_size=3)) if crisis else []
    return Household(as_of, region, tuple(members), assets, crisis_reasons=tuple(reasons))


def _amounts(result: ProgramResult) -> list[int]:
    return [result.monthly_amount or 0] + [m.monthly_amount or 0 for m in result.members]


@settings(max_examples=150, deadline=None)
@given(households())
def test_child_amounts_are_never_negative_and_sum_to_the_total(household: Household) -> None:
    for program in CHILD_PROGRAMS:
        result = assess(program, household, BOOK)
        assert all(amount >= 0 for amount in _amounts(result)), program
        assert result.monthly_amount == sum(m.monthly_amount or 0 for m in result.members), program


@settings(max_examples=150, deadline=None)
@given(households())
def test_parent_benefit_cash_never_exceeds_the_parent_benefit(household: Household) -> None:
    table = BOOK.at("parent_benefit.amount", household.as_of).value
    births = {m.id: m.birth_date for m in household.members}
    for member in assess(Program.PARENT_BENEFIT, household, BOOK).members:
        months = age_in_months(births[member.member_id], household.as_of)
        assert 0 <= (member.monthly_amount or 0) <= table[months // 12]


@settings(max_examples=150, deadline=None)
@given(households())
def test_no_child_gets_both_childcare_fee_and_home_care_allowance(household: Household) -> None:
    fee = {m.member_id for m in assess(Program.CHILDCARE_FEE, household, BOOK).members if m.monthly_amount}
    home = {
        m.member_id for m in assess(Program.HOME_CARE_ALLOWANCE, household, BOOK).members if m.monthly_amount
    }
    assert not fee & home


@settings(max_examples=150, deadline=None)
@given(households(crisis=True))
def test_emergency_livelihood_is_within_40_percent_of_the_median(household: Household) -> None:
    result = assess(Program.EMERGENCY_LIVELIHOOD, household, BOOK)
    median = BOOK.at("standard_median_income", household.as_of).value[household.size]
    assert 0 <= (result.monthly_amount or 0) <= round_half_up(median * Fraction(40, 100))
    assert (result.duration is not None) == (result.monthly_amount != 0)
