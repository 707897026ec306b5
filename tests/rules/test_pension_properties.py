"""Properties of 기초연금 (and the sign of 장애인연금) over generated households: more income never raises
the household's 기초연금; a paid amount lies between the 소득역전 floor (10% of 기준연금액, after the 10원
절사) and the 기준연금액; no amount is negative."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rules.household_codec import household_from_mapping
from domain.rules.money import truncate_to_10
from domain.rules.parameter_book import load_book
from domain.rules.programs.common import Program, ProgramResult
from domain.rules.simulate import assess
from tests.rules.regions import region_of

AS_OF = (date(2025, 6, 1), date(2025, 12, 31), date(2026, 1, 1), date(2026, 5, 1), date(2027, 3, 1))
REGIONS = ("11110", "41190", "43720", "26710", "41111", "36110")
INCOME_FIELDS = ("earned", "business", "property", "public_transfer", "private_transfer", "national_pension")
B_2026 = 349_700

# Amounts cluster where the rules turn: the 150/200/250% pension lines, the 선정기준액, the 기본재산액.
small_money = st.one_of(
    st.just(0),
    st.just(0),
    st.integers(0, 1_500_000),
    st.integers(500_000, 900_000),  # 국민연금 around 150–250% of 기준연금액
    st.integers(0, 4_000_000),
)


@st.composite
def members(draw: st.DrawFn, as_of: date) -> list[dict[str, Any]]:
    def person(member_id: str, relation: str, low: int, high: int) -> dict[str, Any]:
        age = draw(st.integers(low, high))
        income = {field: draw(small_money) for field in INCOME_FIELDS}
        income["national_pension_a"] = draw(st.integers(0, income["national_pension"]))
        return {
            "id": member_id,
            "relation": relation,
            "birth_date": date(as_of.year - age, 1, 1).isoformat(),
            "disability": draw(st.sampled_from(("none", "none", "severe"))),
            "occupational_pension": draw(st.booleans()) and draw(st.booleans()) and draw(st.booleans()),
            "income": income,
        }

    found = [person("h", "head", 50, 95)]
    if draw(st.booleans()):
        found.append(person("s", "spouse", 55, 95))
    for index in range(draw(st.integers(0, 2))):
        found.append(person(f"p{index}", "parent", 60, 100))
    if draw(st.booleans()):
        found.append(person("c", "child", 10, 50))
    return found


@st.composite
def households(draw: st.DrawFn) -> dict[str, Any]:
    as_of = draw(st.sampled_from(AS_OF))
    vehicles = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "value": st.integers(0, 60_000_000),
                    "cc": st.integers(800, 3500),
                    "age_years": st.integers(0, 15),
                    "use": st.sampled_from(("ordinary", "livelihood", "disabled", "cargo")),
                }
            ),
            max_size=2,
        )
    )
    return {
        "as_of": as_of.isoformat(),
        "sigungu_code": draw(st.sampled_from(REGIONS)),
        "members": draw(members(as_of)),
        "assets": {
            "housing": draw(st.integers(0, 300_000_000)),
            "general": draw(st.just(0) | st.integers(0, 200_000_000)),
            "financial": draw(st.just(0) | st.integers(0, 60_000_000)),
            "debts": draw(st.just(0) | st.integers(0, 100_000_000)),
            "vehicles": vehicles,
        },
    }


def _pension(data: dict[str, Any]) -> ProgramResult:
    return assess(Program.BASIC_PENSION, household_from_mapping(data, region_of))


@settings(max_examples=300, deadline=None)
@given(households(), st.data())
def test_more_income_never_raises_the_basic_pension(data: dict[str, Any], extra: st.DataObject) -> None:
    before = _pension(data).monthly_amount or 0
    richer = copy.deepcopy(data)
    member = extra.draw(st.sampled_from(richer["members"]))
    field = extra.draw(st.sampled_from((*INCOME_FIELDS, "national_pension_a")))
    delta = extra.draw(st.integers(1, 2_000_000))
    income = member["income"]
    income[field] += delta
    if field == "national_pension_a":
        # The A급여 is part of the 국민연금 급여액, not extra: more of it is more pension.
        income["national_pension"] += delta
    after = _pension(richer).monthly_amount or 0
    assert after <= before, (member["id"], field, delta, before, after)


@settings(max_examples=300, deadline=None)
@given(households())
def test_paid_amounts_lie_between_the_floor_and_the_standard_amount(data: dict[str, Any]) -> None:
    as_of = date.fromisoformat(data["as_of"])
    book = load_book()
    standard = book.at("basic_pension.standard_amount", as_of).value
    floor_rate = book.at("basic_pension.income_reversal_floor_rate", as_of).value["single"]
    floor = truncate_to_10(standard * floor_rate)
    for member in _pension(data).members:
        amount = member.monthly_amount or 0
        if amount > 0:
            assert floor <= amount <= standard, (member.member_id, amount)


@settings(max_examples=300, deadline=None)
@given(households())
def test_no_amount_is_negative(data: dict[str, Any]) -> None:
    household = household_from_mapping(data, region_of)
    for program in (Program.BASIC_PENSION, Program.DISABILITY_PENSION):
        result = assess(program, household)
        assert (result.monthly_amount or 0) >= 0
        assert (result.recognized_income or 0) >= 0
        assert all((m.monthly_amount or 0) >= 0 for m in result.members)


def test_the_2026_floor_is_the_published_figure() -> None:
    """Anchor for the property above: 10% of 349,700 is the 34,970 of §A.2."""
    book = load_book()
    assert book.at("basic_pension.standard_amount", date(2026, 5, 1)).value == B_2026
    rate = book.at("basic_pension.income_reversal_floor_rate", date(2026, 5, 1)).value["single"]
    assert truncate_to_10(B_2026 * rate) == 34_970
