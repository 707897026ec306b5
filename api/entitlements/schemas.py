"""Wire shapes of 수급자격 (entitlements), their 사후관리 (변동신고, 지급정지·재개, 중지, 상실) and the
이의신청 against a decision."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
    model_validator,
)

from api.registry.schemas import NOT_BLANK
from api.simulations.schemas import MemberIn, ProgramCode, TraceStepOut, VehicleIn
from api.wire import IsoDate, JsonInteger
from domain.cases.entitlement import (
    CancellationReason,
    ChangeReason,
    EntitlementState,
    LossReason,
    StopReason,
    SuspensionReason,
)
from domain.rules.household_codec import MAX_AMOUNT, MAX_MEMBERS

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=NOT_BLANK)
]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
MemberKey = Annotated[str, StringConstraints(min_length=1, max_length=40)]


def _won(description: str) -> Any:
    """An optional won amount: absent means "unchanged". The bounds sit on the field, not inside
    `Annotated` after JsonInteger's validator, so the JSON Schema states them as `minimum`/`maximum`."""
    return Field(default=None, ge=0, le=MAX_AMOUNT, description=description)


def _version() -> Any:
    return Field(ge=1, description="읽어 온 version; 그 사이 다른 변경이 있으면 409")


class Strict(BaseModel):
    # A misspelt field would otherwise be dropped and the change recorded without it.
    model_config = ConfigDict(extra="forbid")


# --- reads ------------------------------------------------------------------------------------------
class PersonRef(BaseModel):
    id: uuid.UUID
    name: str
    rrn_masked: str = Field(examples=["900101-1******"])


class EntitlementSummary(BaseModel):
    id: uuid.UUID
    program: ProgramCode
    person: PersonRef = Field(
        description="수급자; for a household program, the applicant the household's right was granted to"
    )
    state: EntitlementState
    state_label: str = Field(description="상태 (한국어)")
    monthly_amount: int = Field(description="current monthly amount, won")
    start_date: date
    end_date: date | None = Field(description="the day a 중지 or 상실 took effect; null while held")
    cancelled_from: date | None = Field(
        default=None, description="처분 취소: the first day treated as never held; null unless cancelled"
    )
    sigungu_code: str


class EntitlementAmountRead(BaseModel):
    monthly_amount: int
    effective_from: date
    reason: str = Field(description="`initial`, or a ChangeReason code")
    note: str | None
    recorded_by: str
    recorded_at: datetime


class EntitlementEventRead(BaseModel):
    event: str = Field(description="grant, suspend, resume, change_amount, no_change, stop, lose, cancel")
    from_state: str | None
    to_state: str | None
    reason_code: str | None
    note: str | None
    effective_on: date
    actor: str
    occurred_at: datetime


class ChangeKind(StrEnum):
    INCOME = "income"
    HOUSEHOLD = "household"
    ASSETS = "assets"
    OTHER = "other"


class ProposalState(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


# --- edits of the household snapshot ---------------------------------------------------------------
class IncomePatch(Strict):
    """Monthly income in won; only the fields given replace the recorded ones."""

    earned: JsonInteger | None = _won("근로소득")
    business: JsonInteger | None = _won("사업소득")
    property: JsonInteger | None = _won("재산소득")
    public_transfer: JsonInteger | None = _won("공적이전소득 (국민연금 제외)")
    private_transfer: JsonInteger | None = _won("사적이전소득")
    national_pension: JsonInteger | None = _won("국민연금 급여액")
    national_pension_a: JsonInteger | None = _won("국민연금 A급여")


class MemberEdit(Strict):
    """Changes one member of the recorded household: income fields replace the recorded ones; the
    other fields, when given, replace theirs (a new 장애 판정, a child starting school)."""

    # "Something besides member_id", stated in the schema too.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 2})

    member_id: MemberKey = Field(description="the member's id in the household as assessed (m1, m2…)")
    income: IncomePatch | None = None
    disability: Literal["none", "mild", "severe"] | None = None
    school: Literal["none", "elementary", "middle", "high"] | None = None
    childcare: Literal["none", "daycare", "kindergarten", "sitter"] | None = None
    occupational_pension: StrictBool | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> MemberEdit:
        if len(self.model_fields_set - {"member_id"}) == 0:
            raise ValueError("member edit changes nothing: give income or another member field")
        return self


class RemoveMember(Strict):
    remove_member: MemberKey = Field(description="id of the member who left the household (전출·사망)")


class AddMember(Strict):
    add_member: MemberIn = Field(description="the new member, in the 모의계산 contract shape")
    person_id: uuid.UUID | None = Field(
        default=None, description="the registry person, when known (recorded with the proposal)"
    )


class AssetsPatch(Strict):
    """Assets in won; only the fields given replace the recorded ones (`vehicles` as a whole)."""

    housing: JsonInteger | None = _won("주거용 재산")
    general: JsonInteger | None = _won("일반재산")
    financial: JsonInteger | None = _won("금융재산")
    debts: JsonInteger | None = _won("부채")
    vehicles: list[VehicleIn] | None = Field(default=None, max_length=20)


class AssetsEdit(Strict):
    assets: AssetsPatch


class HousingPatch(Strict):
    tenure: Literal["rent", "own", "free", "none"] | None = None
    monthly_rent: JsonInteger | None = _won("월세")
    deposit: JsonInteger | None = _won("보증금")


class HousingEdit(Strict):
    housing: HousingPatch


# Which edit an object is follows from its one identifying key, so a bad edit is reported against
# that shape alone rather than against all five.
_EDIT_KEYS = {
    "member_id": "member",
    "remove_member": "remove_member",
    "add_member": "add_member",
    "assets": "assets",
    "housing": "housing",
}


def _edit_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_unset=True)
    if not isinstance(value, dict):
        return None
    return next((tag for key, tag in _EDIT_KEYS.items() if key in value), None)


HouseholdEdit = Annotated[
    Annotated[MemberEdit, Tag("member")]
    | Annotated[RemoveMember, Tag("remove_member")]
    | Annotated[AddMember, Tag("add_member")]
    | Annotated[AssetsEdit, Tag("assets")]
    | Annotated[HousingEdit, Tag("housing")],
    Discriminator(
        _edit_kind,
        custom_error_type="unknown_edit",
        custom_error_message="an edit needs one of: member_id, remove_member, add_member, assets, housing",
    ),
]


# --- 변동신고 ---------------------------------------------------------------------------------------
class ChangeCreate(Strict):
    kind: ChangeKind = Field(description="what changed: income, household (가구원 변동), assets, other")
    reason: ChangeReason | None = Field(
        default=None,
        description="급여 변경 사유 (국민기초생활보장법 제29조). Defaults by kind: income and assets → "
        "income_or_property, household → household; required when kind is other",
    )
    reported_on: IsoDate = Field(description="the day the change was reported (신고일)")
    effective_from: IsoDate | None = Field(
        default=None, description="default: the first day of the month after `reported_on`"
    )
    description: Text = Field(description="what was reported, in the official's words")
    changes: list[HouseholdEdit] = Field(
        default_factory=list,
        max_length=MAX_MEMBERS,
        description="edits to the household the right rests on (as investigated for the decision, or as "
        "the last confirmed change left it), applied in order",
    )


class ChangeProposalRead(BaseModel):
    id: uuid.UUID
    entitlement_id: uuid.UUID
    kind: ChangeKind
    reason: ChangeReason
    reported_on: date
    effective_from: date
    description: str
    changes: list[HouseholdEdit]
    before_amount: int = Field(description="monthly amount when the change was reported, won")
    after_amount: int = Field(description="monthly amount re-calculated with the change, won")
    after_eligible: bool = Field(description="still eligible after the change")
    trace: list[TraceStepOut] = Field(description="how `after_amount` was calculated")
    state: ProposalState
    reported_by: str
    reported_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    version: int


class ProposalDecide(Strict):
    version: JsonInteger = _version()
    note: Note | None = None


# --- state changes ------------------------------------------------------------------------------
class SuspendRequest(Strict):
    reason: SuspensionReason
    effective_on: IsoDate = Field(description="the day the 지급정지 takes effect")
    abroad_since: IsoDate | None = Field(
        default=None, description="출국일; required when the reason is `abroad`"
    )
    note: Note | None = None
    version: JsonInteger = _version()


class ResumeRequest(Strict):
    effective_on: IsoDate = Field(description="the day payment resumes")
    note: Note | None = None
    version: JsonInteger = _version()


class StopRequest(Strict):
    reason: StopReason
    effective_on: IsoDate = Field(description="the day the 급여 중지 takes effect")
    note: Note | None = None
    version: JsonInteger = _version()


class LoseRequest(Strict):
    reason: LossReason
    effective_on: IsoDate = Field(description="the day the 수급권 is lost (e.g. the day of death)")
    note: Note | None = None
    version: JsonInteger = _version()


class CancelRequest(Strict):
    reason: CancellationReason
    void_from: IsoDate = Field(
        description="the first day treated as never held (the start date voids the whole right)"
    )
    hearing_held_on: IsoDate | None = Field(
        default=None,
        description="청문 date; required for `verification_refused` (국민기초생활보장법 제31조)",
    )
    note: Note | None = None
    version: JsonInteger = _version()


# --- 이의신청 ----------------------------------------------------------------------------------------
class AppealCreate(Strict):
    filed_on: IsoDate = Field(description="the day the 이의신청 was received")
    grounds: Text = Field(description="이의신청 사유")


class AppealOutcome(StrEnum):
    UPHELD = "upheld"  # 기각
    OVERTURNED = "overturned"  # 인용
    WITHDRAWN = "withdrawn"  # 취하


class AppealDecide(Strict):
    outcome: AppealOutcome
    note: Note | None = None
    version: JsonInteger = _version()


class AppealRead(BaseModel):
    id: uuid.UUID
    decision_id: uuid.UUID
    program: ProgramCode
    notified_on: date = Field(description="the decision's notice date the window counts from")
    deadline: date = Field(description="the last day an 이의신청 could be filed")
    filed_on: date
    grounds: str
    state: Literal["filed", "upheld", "overturned", "withdrawn"]
    state_label: str
    outcome_note: str | None
    recorded_by: str
    decided_by: str | None
    decided_at: datetime | None
    version: int


class EntitlementRead(EntitlementSummary):
    decision_id: uuid.UUID
    household_id: uuid.UUID
    emd_code: str | None
    state_reason: str | None = Field(description="SuspensionReason, StopReason or LossReason code")
    members: list[PersonRef] = Field(description="the people a household entitlement covers")
    amounts: list[EntitlementAmountRead] = Field(description="amount history, oldest first")
    events: list[EntitlementEventRead] = Field(description="state history, oldest first")
    pending_changes: list[ChangeProposalRead] = Field(description="변동신고 awaiting confirmation")
    appeals: list[AppealRead] = Field(description="이의신청 against the decision that granted it")
    version: int
    created_at: datetime
    updated_at: datetime
