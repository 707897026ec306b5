"""The household a 조사 assesses: built from the registry (who lives together, births, disability),
the linked public data gathered for each member and 부양의무자, and the facts an official declared
(tenancy, schooling, childcare, 사적이전소득, 위기사유). The result is the same mapping the 모의계산
contract accepts, so one codec (`domain.rules.household_codec`) validates both paths and the mapping
itself is the snapshot a decision keeps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.linked_data import PersonRecords, PropertyType, reference_month, to_assets, to_income, to_obligor
from domain.linked_data import receives_occupational_pension as _occupational


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What no agency reports and the official establishes (상담, 증빙서류)."""

    school: str = "none"
    childcare: str = "none"
    private_transfer: int = 0  # 사적이전소득 (시행령 제5조①3호): regular help from relatives
    property_income: int = 0  # 재산소득: rent received, interest


@dataclass(frozen=True, slots=True)
class HousingFacts:
    """The dwelling: `tenure` None means "as the linked data shows" (a 보증금 on the dwelling → rent,
    an owned dwelling → own); the monthly rent comes from the lease the applicant presents."""

    tenure: str | None = None
    monthly_rent: int = 0
    deposit: int | None = None


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    housing: HousingFacts = HousingFacts()
    crisis_reasons: tuple[str, ...] = ()
    members: Mapping[str, MemberFacts] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AssessedMember:
    id: str
    relation: str
    birth_date: date
    disability: str
    records: PersonRecords


def _tenure(members: Sequence[AssessedMember], as_of: date) -> tuple[str, int]:
    """Tenure and deposit as the linked data shows them."""
    dwelling = [
        r for m in members for r in m.records.properties if r.is_residence and r.reference_date <= as_of
    ]
    deposits = [r.value for r in dwelling if r.property_type is PropertyType.LEASE_DEPOSIT]
    if deposits:
        return "rent", sum(deposits)
    if dwelling:
        return "own", 0
    return "none", 0


def household_mapping(
    as_of: date,
    sigungu_code: str,
    members: Sequence[AssessedMember],
    obligors: Sequence[Sequence[PersonRecords]],
    facts: HouseholdFacts,
) -> dict[str, Any]:
    """The 모의계산-contract mapping of the household on `as_of` (incomes of the reference month)."""
    assets = [to_assets(m.records, as_of) for m in members]
    tenure, deposit = _tenure(members, as_of)
    housing = facts.housing
    out_members = []
    for m in members:
        income = to_income(m.records, as_of)
        declared = facts.members.get(m.id, MemberFacts())
        out_members.append(
            {
                "id": m.id,
                "relation": m.relation,
                "birth_date": m.birth_date.isoformat(),
                "disability": m.disability,
                "school": declared.school,
                "childcare": declared.childcare,
                "occupational_pension": _occupational(m.records, as_of),
                "income": {
                    "earned": income.earned,
                    "business": income.business,
                    "property": declared.property_income,
                    "public_transfer": income.public_transfer,
                    "private_transfer": declared.private_transfer,
                    "national_pension": income.national_pension,
                    "national_pension_a": income.national_pension_a,
                },
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "sigungu_code": sigungu_code,
        "members": out_members,
        "assets": {
            "housing": sum(a.housing for a in assets),
            "general": sum(a.general for a in assets),
            "financial": sum(a.financial for a in assets),
            "debts": sum(a.debts for a in assets),
            "vehicles": [
                {"value": v.value, "cc": v.cc, "age_years": v.age_years, "use": v.use.value}
                for a in assets
                for v in a.vehicles
            ],
        },
        "housing": {
            "tenure": housing.tenure or tenure,
            "monthly_rent": housing.monthly_rent,
            "deposit": deposit if housing.deposit is None else housing.deposit,
        },
        "obligors": [
            {"annual_income": o.annual_income, "general_property": o.general_property}
            for o in (to_obligor(list(group), as_of) for group in obligors)
        ],
        "crisis_reasons": list(facts.crisis_reasons),
    }


def income_month(as_of: date) -> date:
    """The month whose income the assessment reads (shown to the official beside the figures)."""
    return reference_month(as_of)
