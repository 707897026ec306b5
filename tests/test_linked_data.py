"""Linked-data records, the 금융정보 consent rule (법 제21조③) and the mapping onto the rules engine."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import Conflict, DomainError, InvalidInput
from domain.linked_data import (
    Agency,
    ConsentRequired,
    CoverageStatus,
    FinancialConsent,
    FinancialProduct,
    FinancialRecord,
    HealthInsuranceRecord,
    IncomeRecord,
    IncomeType,
    InvalidRecord,
    LinkedDataQuery,
    PensionRecord,
    PersonRecords,
    PropertyRecord,
    PropertyType,
    RecordKind,
    VehicleRecord,
    receives_occupational_pension,
    reference_month,
    require_financial_consent,
    to_assets,
    to_income,
    to_obligor,
)
from domain.rules.household import Assets, Income, Obligor, Vehicle, VehicleUse

AS_OF = date(2026, 3, 15)
REF = date(2026, 2, 28)


def earned(
    month: date, amount: int, payer: str = "가람병원", kind: IncomeType = IncomeType.EARNED
) -> IncomeRecord:
    return IncomeRecord(f"NTS-{month}-{payer}-{kind}", Agency.NTS, REF, month, kind, amount, payer)


def query(*kinds: RecordKind, subject: str = "person-1") -> LinkedDataQuery:
    return LinkedDataQuery(subject, AS_OF, frozenset(kinds))


# --- consent ------------------------------------------------------------------------------------


def test_financial_query_without_consent_is_refused_as_a_domain_error() -> None:
    with pytest.raises(ConsentRequired) as raised:
        require_financial_consent(query(RecordKind.FINANCIAL), None)
    assert isinstance(raised.value, DomainError) and isinstance(raised.value, Conflict)
    assert "동의" in raised.value.detail


@pytest.mark.parametrize(
    "consent",
    [
        FinancialConsent("person-2", date(2026, 1, 5), "DOC-1"),  # someone else's consent
        FinancialConsent("person-1", date(2026, 3, 16), "DOC-1"),  # given after the date asked about
        FinancialConsent("person-1", date(2026, 1, 5), "DOC-1", withdrawn_on=date(2026, 3, 15)),
    ],
    ids=["other-person", "not-yet-given", "withdrawn"],
)
def test_consent_must_be_the_persons_own_and_in_force(consent: FinancialConsent) -> None:
    with pytest.raises(ConsentRequired):
        require_financial_consent(query(RecordKind.FINANCIAL, RecordKind.INCOME), consent)


def test_consent_in_force_allows_the_query_and_other_kinds_need_none() -> None:
    consent = FinancialConsent("person-1", date(2026, 1, 5), "DOC-1", withdrawn_on=date(2026, 4, 1))
    require_financial_consent(query(RecordKind.FINANCIAL), consent)
    require_financial_consent(query(RecordKind.INCOME, RecordKind.VEHICLE), None)


def test_a_query_never_carries_a_resident_number_and_asks_for_something() -> None:
    for subject in ("800101-1234567", "8001011234567", " "):
        with pytest.raises(InvalidInput):
            LinkedDataQuery(subject, AS_OF)
    with pytest.raises(InvalidInput):
        LinkedDataQuery("person-1", AS_OF, frozenset())
    assert LinkedDataQuery("person-1", AS_OF).kinds == frozenset(RecordKind)


# --- record validation ----------------------------------------------------------------------------


def _bad_records() -> list[tuple[str, Any]]:
    month = date(2026, 2, 1)
    return [
        ("negative", lambda: earned(month, -1)),
        ("bool-amount", lambda: earned(month, True)),  # type: ignore[arg-type]
        ("mid-month", lambda: earned(date(2026, 2, 2), 100)),
        ("wrong-agency", lambda: IncomeRecord("X-1", Agency.NPS, REF, month, IncomeType.EARNED, 1, "p")),
        ("empty-id", lambda: IncomeRecord(" ", Agency.NTS, REF, month, IncomeType.EARNED, 1, "p")),
        ("a-over-amount", lambda: PensionRecord("P-1", Agency.NPS, REF, month, 100, 101)),
        ("nps-as-occupational", lambda: PensionRecord("P-1", Agency.NPS, REF, month, 100, 0, True)),
        ("geps-not-flagged", lambda: PensionRecord("P-1", Agency.GEPS, REF, month, 100)),
        ("geps-with-a", lambda: PensionRecord("P-1", Agency.GEPS, REF, month, 100, 10, True)),
        (
            "land-as-dwelling",
            lambda: PropertyRecord("M-1", Agency.MOLIT, REF, PropertyType.LAND, 1, "a", True),
        ),
        ("car-from-future", lambda: VehicleRecord("M-2", Agency.MOLIT, REF, 1, 1598, 2028)),
        ("car-negative-cc", lambda: VehicleRecord("M-2", Agency.MOLIT, REF, 1, -1, 2020)),
        ("dependent-pays", lambda: _coverage(CoverageStatus.DEPENDENT, premium=10)),
        ("acquired-later", lambda: _coverage(CoverageStatus.EMPLOYEE, acquired=date(2026, 3, 1))),
        (
            "loan-negative",
            lambda: FinancialRecord("F-1", Agency.FINANCIAL, REF, "가상은행", FinancialProduct.LOAN, -5),
        ),
    ]


def _coverage(status: CoverageStatus, *, premium: int = 0, acquired: date = date(2020, 1, 1)) -> object:
    return HealthInsuranceRecord("H-1", Agency.NHIS, REF, status, acquired, premium)


@pytest.mark.parametrize(("name", "build"), _bad_records(), ids=[n for n, _ in _bad_records()])
def test_a_malformed_record_is_refused(name: str, build: Any) -> None:
    with pytest.raises(InvalidRecord):
        build()


def test_well_formed_records_are_accepted() -> None:
    assert PensionRecord("P-1", Agency.TP, REF, date(2026, 2, 1), 2_000_000, 0, True).occupational
    assert _coverage(CoverageStatus.EMPLOYEE, premium=80_000)
    assert VehicleRecord("M-2", Agency.MOLIT, REF, 1, 1598, 2027).model_year == 2027  # next year's model


# --- mapping onto the rules engine --------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "month"),
    [
        (date(2026, 3, 15), date(2026, 2, 1)),
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 3, 31), date(2026, 2, 1)),
        (date(2026, 1, 1), date(2025, 12, 1)),
    ],
)
def test_reference_month_is_the_last_completed_month(as_of: date, month: date) -> None:
    assert reference_month(as_of) == month


def test_income_is_taken_from_the_reference_month_only() -> None:
    jan, feb, mar = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
    records = PersonRecords(
        incomes=(
            earned(jan, 1_000_000),
            earned(feb, 2_000_000),
            earned(feb, 300_000, payer="새솔유통"),
            earned(feb, 450_000, payer="본인", kind=IncomeType.BUSINESS),
            earned(mar, 9_000_000),
        ),
        pensions=(
            PensionRecord("P-jan", Agency.NPS, REF, jan, 500_000, 200_000),
            PensionRecord("P-feb", Agency.NPS, REF, feb, 510_000, 210_000),
            PensionRecord("G-feb", Agency.GEPS, REF, feb, 1_800_000, 0, True),
        ),
    )
    assert to_income(records, AS_OF) == Income(
        earned=2_300_000,
        business=450_000,
        public_transfer=1_800_000,
        national_pension=510_000,
        national_pension_a=210_000,
    )
    assert to_income(records, date(2026, 2, 10)) == Income(
        earned=1_000_000, national_pension=500_000, national_pension_a=200_000
    )
    assert to_income(PersonRecords(), AS_OF) == Income()
    assert receives_occupational_pension(records, AS_OF)
    assert not receives_occupational_pension(records, date(2026, 2, 10))


def test_assets_sort_property_into_the_rules_categories() -> None:
    def prop(kind: PropertyType, value: int, residence: bool = False, received: int = 0) -> PropertyRecord:
        return PropertyRecord(f"M-{kind}-{value}", Agency.MOLIT, REF, kind, value, "a", residence, received)

    def account(product: FinancialProduct, amount: int, on: date = REF) -> FinancialRecord:
        return FinancialRecord(f"F-{product}-{amount}", Agency.FINANCIAL, on, "가상은행", product, amount)

    records = PersonRecords(
        properties=(
            prop(PropertyType.LEASE_DEPOSIT, 30_000_000, residence=True),
            prop(PropertyType.HOUSE, 200_000_000, received=80_000_000),  # let to a tenant
            prop(PropertyType.LAND, 15_000_000),
            PropertyRecord("M-late", Agency.MOLIT, date(2026, 4, 1), PropertyType.LAND, 1_000_000, "a"),
        ),
        vehicles=(VehicleRecord("M-car", Agency.MOLIT, REF, 6_000_000, 1598, 2017, VehicleUse.LIVELIHOOD),),
        financial=(
            account(FinancialProduct.DEPOSIT, 2_500_000),
            account(FinancialProduct.INSURANCE, 1_000_000),
            account(FinancialProduct.LOAN, 20_000_000),
            account(FinancialProduct.DEPOSIT, 7_000_000, on=date(2026, 3, 20)),  # after as_of: ignored
        ),
    )
    assert to_assets(records, AS_OF) == Assets(
        housing=30_000_000,
        general=215_000_000,
        financial=3_500_000,
        debts=100_000_000,
        vehicles=(Vehicle(value=6_000_000, cc=1598, age_years=9, use=VehicleUse.LIVELIHOOD),),
    )
    assert to_assets(PersonRecords(), AS_OF) == Assets()


def test_obligor_income_sums_the_twelve_months_ending_with_the_reference_month() -> None:
    months = [date(2025, m, 1) for m in range(1, 13)] + [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    son = PersonRecords(
        incomes=tuple(earned(m, 10_000_000) for m in months),
        properties=(PropertyRecord("M-1", Agency.MOLIT, REF, PropertyType.HOUSE, 820_000_000, "a", True),),
    )
    daughter_in_law = PersonRecords(
        pensions=(PensionRecord("P-1", Agency.NPS, REF, date(2026, 2, 1), 400_000),)
    )
    # 2025-03 … 2026-02: twelve months of 10,000,000 (January and February 2025, March 2026 are outside).
    assert to_obligor([son, daughter_in_law], AS_OF) == Obligor(
        annual_income=120_400_000, general_property=820_000_000
    )
    assert to_obligor([], AS_OF) == Obligor()


def test_query_subject_is_an_opaque_key_not_a_resident_number() -> None:
    # A blind-index hex may hold 13 decimal digits in a row; it is still an opaque key.
    key = "ab" + "9001011234567" + "c" * 49
    assert LinkedDataQuery(key, date(2026, 5, 1)).subject == key
    for number in ("900101-1234567", "9001011234567", "person:900101-1234567"):
        with pytest.raises(InvalidInput):
            LinkedDataQuery(number, date(2026, 5, 1))


@given(st.binary(min_size=32, max_size=32))
def test_every_blind_index_is_a_valid_subject(index: bytes) -> None:
    assert LinkedDataQuery(index.hex(), date(2026, 5, 1)).subject == index.hex()
