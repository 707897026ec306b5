"""Pure rules of the case workflow: the handling jurisdiction (registered or a month at the actual
residence), the household an investigation assesses, the record codec, and the decision defaults."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cases.assessment import (
    AssessedMember,
    HouseholdFacts,
    HousingFacts,
    MemberFacts,
    household_mapping,
)
from domain.cases.jurisdiction import Place, ResidenceBasis, handling_place, one_month_after, within
from domain.cases.reasons import appeal_guidance, default_start_date
from domain.errors import InvalidInput
from domain.linked_data import (
    Agency,
    FinancialProduct,
    FinancialRecord,
    IncomeRecord,
    IncomeType,
    PensionRecord,
    PersonRecords,
    PropertyRecord,
    PropertyType,
    RecordKind,
)
from domain.linked_data_codec import all_records, record_from_json, record_to_json
from domain.rules.programs.common import Program

HOME, SHACK = Place("11110", "1111010100"), Place("11140", None)


@pytest.mark.parametrize(
    ("since", "applied", "expected"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), date(2026, 2, 28)),  # no 31st in February
        (date(2026, 3, 15), date(2026, 4, 15), date(2026, 4, 15)),
        (date(2026, 12, 5), date(2027, 1, 5), date(2027, 1, 5)),
    ],
)
def test_a_month_at_the_actual_residence(since: date, applied: date, expected: date) -> None:
    assert one_month_after(since) == expected
    assert handling_place(HOME, applied, SHACK, since) == (SHACK, ResidenceBasis.ACTUAL)
    with pytest.raises(InvalidInput):
        handling_place(HOME, date.fromordinal(applied.toordinal() - 1), SHACK, since)


def test_registered_residence_and_jurisdiction() -> None:
    assert handling_place(HOME, date(2026, 5, 1)) == (HOME, ResidenceBasis.REGISTERED)
    with pytest.raises(InvalidInput):
        handling_place(HOME, date(2026, 5, 1), SHACK, None)
    assert within(HOME, "11110", None) and within(HOME, "11110", "1111010100")
    assert not within(HOME, "11110", "1111013700") and not within(HOME, "11140", None)


AS_OF = date(2026, 11, 25)
OCTOBER = date(2026, 10, 1)


def test_household_mapping_from_records_and_facts() -> None:
    head = PersonRecords(
        incomes=(IncomeRecord("i1", Agency.NTS, AS_OF, OCTOBER, IncomeType.EARNED, 500_000, "가게"),),
        pensions=(PensionRecord("p1", Agency.NPS, AS_OF, OCTOBER, 300_000, 100_000),),
        properties=(
            PropertyRecord("r1", Agency.MOLIT, AS_OF, PropertyType.LEASE_DEPOSIT, 20_000_000, "집", True),
        ),
        financial=(
            FinancialRecord("f1", Agency.FINANCIAL, AS_OF, "은행", FinancialProduct.DEPOSIT, 1_000_000),
            FinancialRecord("f2", Agency.FINANCIAL, AS_OF, "은행", FinancialProduct.LOAN, 4_000_000),
        ),
    )
    members = [
        AssessedMember("m1", "head", date(1960, 1, 1), "none", head),
        AssessedMember("m2", "child", date(2012, 3, 1), "none", PersonRecords()),
    ]
    facts = HouseholdFacts(
        housing=HousingFacts(monthly_rent=150_000),
        members={"m2": MemberFacts(school="middle", private_transfer=50_000)},
    )
    obligor = PersonRecords(
        incomes=(IncomeRecord("o1", Agency.NTS, AS_OF, OCTOBER, IncomeType.EARNED, 3_000_000, "회사"),)
    )
    mapping = household_mapping(AS_OF, "11110", members, [[obligor]], facts)
    assert mapping["members"][0]["income"] == {
        "earned": 500_000,
        "business": 0,
        "property": 0,
        "public_transfer": 0,
        "private_transfer": 0,
        "national_pension": 300_000,
        "national_pension_a": 100_000,
    }
    assert (
        mapping["members"][1]["school"] == "middle"
        and mapping["members"][1]["income"]["private_transfer"] == 50_000
    )
    assert mapping["assets"] == {
        "housing": 20_000_000,
        "general": 0,
        "financial": 1_000_000,
        "debts": 4_000_000,
        "vehicles": [],
    }
    # Tenancy from the linked 보증금, rent from the lease the official saw.
    assert mapping["housing"] == {"tenure": "rent", "monthly_rent": 150_000, "deposit": 20_000_000}
    assert mapping["obligors"] == [{"annual_income": 3_000_000, "general_property": 0}]


MONTHS = st.dates(date(2024, 1, 1), date(2026, 12, 1)).map(lambda d: d.replace(day=1))
AMOUNTS = st.integers(0, 10**10)


@given(
    month=MONTHS,
    amount=AMOUNTS,
    kind=st.sampled_from(list(IncomeType)),
    payer=st.text(min_size=1, max_size=20),
)
def test_income_records_survive_the_codec(month: date, amount: int, kind: IncomeType, payer: str) -> None:
    record = IncomeRecord("id-1", Agency.NTS, AS_OF, month, kind, amount, payer)
    assert record_from_json(RecordKind.INCOME, record_to_json(record)) == record


@given(value=AMOUNTS, deposit=AMOUNTS, residence=st.booleans())
def test_property_records_survive_the_codec(value: int, deposit: int, residence: bool) -> None:
    record = PropertyRecord(
        "id-2", Agency.MOLIT, AS_OF, PropertyType.HOUSE, value, "주소", residence, deposit
    )
    assert record_from_json(RecordKind.PROPERTY, record_to_json(record)) == record
    assert all_records(PersonRecords(properties=(record,))) == (record,)


def test_codec_names_bad_fields() -> None:
    good = record_to_json(IncomeRecord("id", Agency.NTS, AS_OF, OCTOBER, IncomeType.EARNED, 1, "p"))
    for broken, field in (
        ({**good, "colour": "red"}, "colour"),
        ({**good, "month": "someday"}, "month"),
        ({k: v for k, v in good.items() if k != "amount"}, "amount"),
    ):
        with pytest.raises(InvalidInput) as raised:
            record_from_json(RecordKind.INCOME, broken)
        assert field in (raised.value.fields or {})
    with pytest.raises(InvalidInput):
        record_from_json(RecordKind.INCOME, {**good, "amount": -1})


def test_decision_defaults() -> None:
    assert default_start_date(Program.LIVELIHOOD, date(2026, 11, 2)) == date(2026, 11, 2)
    assert default_start_date(Program.BASIC_PENSION, date(2026, 11, 2)) == date(2026, 11, 1)
    assert "90일" in appeal_guidance(
        Program.LIVELIHOOD, date(2027, 1, 31)
    ) and "2027. 1. 31." in appeal_guidance(Program.LIVELIHOOD, date(2027, 1, 31))
    assert "30일" in appeal_guidance(Program.EMERGENCY_LIVELIHOOD, date(2027, 1, 1))
