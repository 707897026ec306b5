"""Properties of the 기초생활 rules on the single path, over generated households: what must hold for
every household, whatever the figures (monotonicity, the 법 제8조③ identity, no negative amount)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rules.household import (
    Assets,
    Disability,
    Household,
    Housing,
    Income,
    Member,
    Obligor,
    Relation,
    School,
    Tenure,
    Vehicle,
    VehicleUse,
)
from domain.rules.parameter_book import load_book
from domain.rules.programs.common import Program, ProgramResult, Status
from domain.rules.regions import Region
from domain.rules.simulate import assess
from tests.rules.regions import region_of

DATES = (date(2025, 6, 1), date(2026, 5, 1), date(2027, 3, 1))
SIGUNGU = ("11110", "41110", "28200", "26110", "36110", "48121", "43760")
REGIONS: tuple[Region, ...] = tuple(r for code in SIGUNGU if (r := region_of(code)) is not None)
INCOME_FIELDS = ("earned", "business", "property", "public_transfer", "private_transfer", "national_pension")
SETTINGS = settings(max_examples=300, deadline=None)

# Mostly modest figures, so that many households sit near the selection lines.
small = st.one_of(st.just(0), st.integers(0, 1_500_000))
large = st.one_of(st.just(0), st.integers(0, 400_000_000))


@st.composite
def incomes(draw: st.DrawFn) -> Income:
    pension = draw(small)
    return Income(
        earned=draw(small),
        business=draw(small),
        property=draw(small),
        public_transfer=draw(small),
        private_transfer=draw(small),
        national_pension=pension,
        national_pension_a=draw(st.integers(0, pension)),
    )


@st.composite
def households(draw: st.DrawFn, dates: tuple[date, ...] = DATES) -> Household:
    as_of = draw(st.sampled_from(dates))
    size = draw(st.integers(1, 6 if as_of.year == 2027 else 9))  # 2027 has no 7인 기준 중위소득
    members = tuple(
        Member(
            id=f"m{k}",
            relation=Relation.HEAD if k == 0 else Relation.CHILD,
            birth_date=as_of - timedelta(days=draw(st.integers(0, 100 * 366))),
            disability=draw(st.sampled_from(Disability)),
            school=draw(st.sampled_from(School)),
            income=draw(incomes()),
        )
        for k in range(size)
    )
    vehicles = draw(
        st.lists(
            st.builds(
                Vehicle,
                value=st.integers(0, 40_000_000),
                cc=st.sampled_from((0, 998, 1999, 2000, 2500)),
                use=st.sampled_from(VehicleUse),
            ),
            max_size=3,
        )
    )
    assets = Assets(
        housing=draw(large),
        general=draw(st.one_of(st.just(0), st.integers(0, 150_000_000))),
        financial=draw(st.one_of(st.just(0), st.integers(0, 30_000_000))),
        debts=draw(st.one_of(st.just(0), st.integers(0, 100_000_000))),
        vehicles=tuple(vehicles),
    )
    housing = Housing(draw(st.sampled_from(Tenure)), draw(small), draw(st.integers(0, 100_000_000)))
    obligors = draw(
        st.lists(
            st.builds(Obligor, st.integers(0, 200_000_000), st.integers(0, 2_000_000_000)),
            max_size=2,
        )
    )
    return Household(as_of, draw(st.sampled_from(REGIONS)), members, assets, housing, tuple(obligors))


def livelihood(household: Household) -> ProgramResult:
    return assess(Program.LIVELIHOOD, household, load_book())


def _amount(result: ProgramResult) -> int:
    assert result.monthly_amount is not None
    return result.monthly_amount


@SETTINGS
@given(households(), st.data())
def test_more_income_never_raises_livelihood(household: Household, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, household.size - 1))
    member = household.members[index]
    field = data.draw(st.sampled_from((*INCOME_FIELDS, "national_pension_a")))
    more = data.draw(st.integers(1, 3_000_000))
    if field == "national_pension_a":  # the A급여 is part of the 국민연금, never more than it
        income = replace(member.income, national_pension=member.income.national_pension + more)
        income = replace(income, national_pension_a=income.national_pension_a + more)
    else:
        income = replace(member.income, **{field: getattr(member.income, field) + more})
    members = (*household.members[:index], replace(member, income=income), *household.members[index + 1 :])
    before, after = livelihood(household), livelihood(replace(household, members=members))
    assert _amount(after) <= _amount(before)
    assert after.recognized_income is not None and before.recognized_income is not None
    assert after.recognized_income >= before.recognized_income


@SETTINGS
@given(households())
def test_an_eligible_households_benefit_and_income_make_the_line(household: Household) -> None:
    result = livelihood(household)
    if result.status is Status.ELIGIBLE:
        assert result.recognized_income is not None
        assert _amount(result) + result.recognized_income == result.threshold
    else:
        assert _amount(result) == 0


@SETTINGS
@given(households(dates=DATES[1:]))  # the 주거급여 rent figures start in 2026
def test_no_basic_livelihood_amount_is_negative(household: Household) -> None:
    book = load_book()
    for program in (Program.LIVELIHOOD, Program.MEDICAL, Program.HOUSING, Program.EDUCATION):
        result = assess(program, household, book)
        for value in (
            result.monthly_amount,
            result.annual_amount,
            result.recognized_income,
            result.threshold,
        ):
            assert value is None or value >= 0, (program, result)
        for member in result.members:
            assert (member.monthly_amount or 0) >= 0 and (member.annual_amount or 0) >= 0, (program, member)


@st.composite
def richer(draw: st.DrawFn, assets: Assets) -> Assets:
    """The same assets with more of one kind: a larger amount, a smaller debt, one more car, or a
    dearer car."""
    more = draw(st.integers(1, 200_000_000))
    kinds = ["housing", "general", "financial", "new car"]
    if assets.debts:
        kinds.append("debts")
    if assets.vehicles:
        kinds.append("dearer car")
    kind = draw(st.sampled_from(kinds))
    if kind in ("housing", "general", "financial"):
        return replace(assets, **{kind: getattr(assets, kind) + more})
    if kind == "debts":
        return replace(assets, debts=max(0, assets.debts - more))
    cars = list(assets.vehicles)
    if kind == "new car":
        car = Vehicle(
            draw(st.integers(0, 40_000_000)),
            draw(st.sampled_from((998, 2500))),
            0,
            draw(st.sampled_from(VehicleUse)),
        )
        cars.insert(draw(st.integers(0, len(cars))), car)  # first in line may take an exemption
    else:
        index = draw(st.integers(0, len(cars) - 1))
        cars[index] = replace(cars[index], value=cars[index].value + more)
    return replace(assets, vehicles=tuple(cars))


@SETTINGS
@given(households(), st.data())
def test_more_assets_never_lower_recognized_income(household: Household, data: st.DataObject) -> None:
    more = replace(household, assets=data.draw(richer(household.assets)))
    before, after = livelihood(household), livelihood(more)
    assert before.recognized_income is not None and after.recognized_income is not None
    assert after.recognized_income >= before.recognized_income
    assert _amount(after) <= _amount(before)
