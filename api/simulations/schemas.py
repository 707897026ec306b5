"""The 모의계산 contract (shared/contracts/simulation.md) as pydantic models. Field names, codes and
meanings are fixed by the contract; fields may be added, never renamed or dropped."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from api.wire import IsoDate, JsonInteger
from domain.rules.household_codec import MAX_AMOUNT, MAX_MEMBERS


def won(description: str = "원, 0 이상") -> Any:
    """A won amount field. The bounds go on the field itself: inside `Annotated` after JsonInteger's
    validator pydantic cannot express them in the JSON Schema (it would emit `ge`, not `minimum`)."""
    return Field(default=0, ge=0, le=MAX_AMOUNT, description=description)


Relation = Literal["head", "spouse", "child", "parent", "grandchild", "sibling", "other"]
ProgramCode = Literal[
    "livelihood",
    "medical",
    "housing",
    "education",
    "basic_pension",
    "disability_pension",
    "parent_benefit",
    "child_allowance",
    "childcare_fee",
    "home_care_allowance",
    "emergency_livelihood",
]
CrisisCode = Literal[
    "income_loss",
    "illness",
    "neglect_abuse",
    "domestic_violence",
    "fire_disaster",
    "business_closure",
    "unemployment",
    "other_notified",
]
StatusCode = Literal["eligible", "ineligible", "not_applicable"]


class _Input(BaseModel):
    # A misspelt field would otherwise be ignored and the household silently assessed without it.
    model_config = ConfigDict(extra="forbid")


class IncomeIn(_Input):
    """Monthly income in won. `national_pension_a` is the A급여 part of `national_pension`."""

    earned: JsonInteger = won()
    business: JsonInteger = won()
    property: JsonInteger = won()
    public_transfer: JsonInteger = won()
    private_transfer: JsonInteger = won()
    national_pension: JsonInteger = won()
    national_pension_a: JsonInteger = won()


class MemberIn(_Input):
    id: str = Field(min_length=1, max_length=40, description="요청 안에서만 쓰는 가구원 식별자")
    relation: Relation
    birth_date: IsoDate
    disability: Literal["none", "mild", "severe"] = "none"
    school: Literal["none", "elementary", "middle", "high"] = "none"
    childcare: Literal["none", "daycare", "kindergarten", "sitter"] = "none"
    occupational_pension: StrictBool = False
    income: IncomeIn = Field(default_factory=IncomeIn)


class VehicleIn(_Input):
    value: JsonInteger = won()
    cc: JsonInteger = Field(default=0, ge=0, le=100_000, description="배기량")
    age_years: JsonInteger = Field(default=0, ge=0, le=200, description="차령 (년)")
    use: Literal["ordinary", "livelihood", "disabled", "cargo"] = "ordinary"


class AssetsIn(_Input):
    housing: JsonInteger = won()
    general: JsonInteger = won()
    financial: JsonInteger = won()
    debts: JsonInteger = won()
    vehicles: list[VehicleIn] = Field(default_factory=list, max_length=20)


class HousingIn(_Input):
    tenure: Literal["rent", "own", "free", "none"] = "none"
    monthly_rent: JsonInteger = won()
    deposit: JsonInteger = won()


class ObligorIn(_Input):
    annual_income: JsonInteger = won()
    general_property: JsonInteger = won()


class SimulationRequest(_Input):
    as_of: IsoDate = Field(description="기준일: the rules and parameters in force on this date apply")
    sigungu_code: str = Field(pattern=r"^[0-9]{5}$", description="거주지 시군구 코드 (5자리)")
    members: list[MemberIn] = Field(min_length=1, max_length=MAX_MEMBERS)
    assets: AssetsIn = Field(default_factory=AssetsIn)
    housing: HousingIn = Field(default_factory=HousingIn)
    obligors: list[ObligorIn] = Field(default_factory=list, max_length=20)
    crisis_reasons: list[CrisisCode] = Field(default_factory=list, max_length=8)


class TraceStepOut(BaseModel):
    step: str
    value: int | str | None
    reference: str | None = None
    note: str | None = None
    effective_from: date | None = Field(default=None, description="시행일 of the parameter value used")
    uncertain: str | None = Field(default=None, description="why the parameter value is not settled")


class MemberResultOut(BaseModel):
    member_id: str
    status: StatusCode
    monthly_amount: int | None = None
    annual_amount: int | None = None
    recognized_income: int | None = None
    threshold: int | None = None
    amount_pending_confirmation: bool = Field(
        default=False, description="the amount is a lower bound until a list of areas is confirmed"
    )
    note: str | None = None


class RepairLevelOut(BaseModel):
    level: Literal["light", "medium", "heavy"]
    limit: int
    cycle_years: int


class RepairOut(BaseModel):
    support_rate_percent: int
    levels: list[RepairLevelOut]


class DurationOut(BaseModel):
    months: int
    max_months: int


class ProgramResultOut(BaseModel):
    program: ProgramCode
    status: StatusCode
    monthly_amount: int | None
    recognized_income: int | None
    threshold: int | None
    members: list[MemberResultOut]
    trace: list[TraceStepOut]
    grade: int | None = Field(default=None, description="의료급여 1종 or 2종")
    annual_amount: int | None = Field(default=None, description="교육급여: 교육활동지원비 total per year")
    repair: RepairOut | None = Field(default=None, description="주거급여 for owner-occupiers: 수선유지")
    duration: DurationOut | None = Field(
        default=None, description="긴급지원 months, and the most with extensions"
    )


class SimulationResponse(BaseModel):
    as_of: date
    household_size: int
    standard_median_income: int
    results: list[ProgramResultOut]
