"""Wire shapes of the case workflow: 신청, 조사, 결정."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.registry.schemas import NOT_BLANK, EmdCode
from api.simulations.schemas import ProgramCode, ProgramResultOut, won
from api.wire import IsoDate, JsonInteger, OptionalWon

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000, pattern=NOT_BLANK)
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=NOT_BLANK)
]
ChannelCode = Literal["visit", "online", "ex_officio"]
CaseStateCode = Literal[
    "received", "investigating", "investigated", "approved", "rejected", "withdrawn", "dismissed"
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PrivacyNotice(Strict):
    """사회보장급여법 제5조⑤: the applicant was told what the data is collected for, what is kept and
    for how long. The notice text is versioned; the version given is recorded."""

    version: ShortText = Field(description="안내문 판번호, e.g. '2026-01'")
    given_on: IsoDate = Field(description="안내한 날")


class ConsentIn(Strict):
    """A written 금융정보 제공 동의 (국민기초생활보장법 제21조③) of one person."""

    person_id: uuid.UUID
    role: Literal["applicant", "member", "obligor"]
    given_on: IsoDate
    document_id: ShortText = Field(description="동의서 문서번호 (전자동의는 인증 거래번호)")


class ActualResidence(Strict):
    """A person without a registrable address (비닐하우스, 판자촌 …) who has lived at the actual address
    for at least a month applies where they actually live (사회보장급여법 시행령 제4조①, 국민기초생활보장법
    시행령 제4조③)."""

    address: Text
    emd_code: EmdCode | None = None
    emd_name: Annotated[str, StringConstraints(max_length=40)] | None = None
    since: IsoDate = Field(description="실제 거주를 시작한 날")


class ApplicationCreate(Strict):
    """A 신청 received by an official: 방문 at the 읍면동, or 직권 with the person's consent."""

    applicant_person_id: uuid.UUID
    household_id: uuid.UUID
    programs: list[ProgramCode] = Field(min_length=1, max_length=11)
    channel: Literal["visit", "ex_officio"]
    applied_on: IsoDate | None = Field(default=None, description="신청일; 생략하면 오늘")
    ex_officio_consent: bool = Field(default=False, description="직권신청에 대한 본인 동의 (법 제21조②)")
    privacy_notice: PrivacyNotice
    actual_residence: ActualResidence | None = None
    financial_consents: list[ConsentIn] = Field(default_factory=list, max_length=40)


class OnlineApplicationCreate(Strict):
    """A 신청 a portal submits for the citizen it authenticated (온라인 신청, 복지로)."""

    programs: list[ProgramCode] = Field(min_length=1, max_length=11)
    privacy_notice: PrivacyNotice
    financial_consent: ShortText | None = Field(
        default=None, description="신청인 본인의 전자 금융정보 제공 동의 거래번호"
    )


class ProgramCaseRead(BaseModel):
    id: uuid.UUID
    program: ProgramCode
    state: CaseStateCode
    state_label: str
    investigation_refusals: int
    version: int
    decision_id: uuid.UUID | None = None


class DeadlineRead(BaseModel):
    due: IsoDate
    days_left: int
    overdue: bool
    extended: bool
    extension_reason: str | None = None
    extension_detail: str | None = None


class ApplicationRead(BaseModel):
    id: uuid.UUID
    applicant_person_id: uuid.UUID
    applicant_name: str | None = Field(default=None, description="officials only")
    household_id: uuid.UUID
    sigungu_code: str
    emd_code: str | None
    emd_name: str | None
    channel: ChannelCode
    applied_on: IsoDate
    received_by: str
    residence_basis: Literal["registered", "actual"]
    privacy_notice_version: str
    privacy_notice_given_on: IsoDate
    programs: list[ProgramCaseRead]
    deadline: DeadlineRead
    investigation_id: uuid.UUID | None = None
    version: int
    created_at: datetime


class ApplicationSummary(BaseModel):
    id: uuid.UUID
    applicant_person_id: uuid.UUID
    applicant_name: str
    applied_on: IsoDate
    channel: ChannelCode
    programs: list[ProgramCaseRead]
    deadline: DeadlineRead


class OverdueItem(BaseModel):
    application_id: uuid.UUID
    applicant_name: str
    emd_name: str | None
    applied_on: IsoDate
    due: IsoDate
    days_overdue: int
    extended: bool
    programs: list[ProgramCode]


class Withdrawal(Strict):
    programs: list[ProgramCode] | None = Field(default=None, description="생략하면 결정 전인 모든 급여")
    reason: Text
    version: JsonInteger = Field(ge=1, description="the application's version as read")


class ExtensionCreate(Strict):
    reason: Literal["support_obligor_investigation", "refusal_or_obstruction", "other_special"]
    detail: Text = Field(description="통지서에 적을 구체적 사유 (법 제26조④)")
    version: JsonInteger = Field(ge=1)


class RefusalCreate(Strict):
    """The applicant refused or obstructed the investigation once (법 제22조④)."""

    note: Text
    version: JsonInteger = Field(ge=1)


class DismissalCreate(Strict):
    reason: Text
    version: JsonInteger = Field(ge=1)


class CaseEventRead(BaseModel):
    id: int
    program: ProgramCode | None
    event: str
    event_label: str
    from_state: str | None
    to_state: str | None
    actor: str
    occurred_at: datetime
    reason: str | None
    detail: dict[str, Any]


# --- investigations -------------------------------------------------------------------------------


class InvestigationCreate(Strict):
    application_id: uuid.UUID
    as_of: IsoDate | None = Field(default=None, description="조사 기준일; 생략하면 오늘")


class MemberFactsIn(Strict):
    school: Literal["none", "elementary", "middle", "high"] = "none"
    childcare: Literal["none", "daycare", "kindergarten", "sitter"] = "none"
    private_transfer: JsonInteger = won("사적이전소득 (월)")
    property_income: JsonInteger = won("재산소득 (월)")


class HousingFactsIn(Strict):
    tenure: Literal["rent", "own", "free", "none"] | None = Field(
        default=None, description="생략하면 연계 자료(주거용 재산)로 판단"
    )
    monthly_rent: JsonInteger = won("월차임 (임대차계약서)")
    deposit: OptionalWon = Field(default=None, description="보증금; 생략하면 연계 자료")


class FactsIn(Strict):
    housing: HousingFactsIn = Field(default_factory=HousingFactsIn)
    crisis_reasons: list[
        Literal[
            "income_loss",
            "illness",
            "neglect_abuse",
            "domestic_violence",
            "fire_disaster",
            "business_closure",
            "unemployment",
            "other_notified",
        ]
    ] = Field(default_factory=list, max_length=8)
    members: dict[str, MemberFactsIn] = Field(
        default_factory=dict, description="person id → 가구원별 확인 사항"
    )


class FactsUpdate(Strict):
    facts: FactsIn
    reason: Text
    version: JsonInteger = Field(ge=1)


class EvidenceCreate(Strict):
    """An official adds a record the linked data lacks, or corrects one (`replaces_id`), with a reason."""

    person_id: uuid.UUID
    kind: Literal["income", "pension", "health_insurance", "property", "vehicle", "financial"]
    record: dict[str, Any] = Field(description="the record's fields, as in the linked-data record types")
    reason: Text
    replaces_id: uuid.UUID | None = None
    version: JsonInteger = Field(ge=1, description="the investigation's version as read")


class EvidenceVoid(Strict):
    reason: Text
    version: JsonInteger = Field(ge=1)


class EvidenceRead(BaseModel):
    id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    role: Literal["member", "obligor"]
    kind: str
    source: Literal["linked", "official"]
    agency: str | None
    record_id: str
    record: dict[str, Any]
    status: Literal["active", "voided"]
    reason: str | None
    replaces_id: uuid.UUID | None
    entered_by: str
    entered_at: datetime
    void_reason: str | None


class NotObtained(BaseModel):
    person_id: uuid.UUID
    kind: str
    reason: str


class AssessedMemberRead(BaseModel):
    member_id: str
    person_id: uuid.UUID
    name: str
    relation: str
    birth_date: IsoDate


class InvestigationRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    state: Literal["open", "completed"]
    as_of: IsoDate
    income_month: IsoDate
    started_by: str
    completed_by: str | None
    facts: dict[str, Any]
    members: list[AssessedMemberRead]
    obligors: list[AssessedMemberRead]
    household: dict[str, Any] | None = Field(
        description="the household as assessed (모의계산 contract shape)"
    )
    results: list[ProgramResultOut]
    recognized_income: int | None
    evidence: list[EvidenceRead]
    not_obtained: list[NotObtained]
    version: int


class InvestigationComplete(Strict):
    version: JsonInteger = Field(ge=1)


# --- decisions ------------------------------------------------------------------------------------


class DecisionCreate(Strict):
    application_id: uuid.UUID
    program: ProgramCode
    outcome: Literal["approved", "rejected"]
    reason_codes: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]{2,40}$")]] = Field(
        default_factory=list, max_length=10
    )
    note: Text | None = None
    monthly_amount: OptionalWon = Field(
        default=None, description="생략하면 조사의 산정액; 다르게 정하면 note 필수"
    )
    start_date: IsoDate | None = Field(default=None, description="생략하면 법정 급여 개시일")
    case_version: JsonInteger = Field(ge=1, description="the program case's version as read")


class ExclusivityRead(BaseModel):
    verdict: Literal["allowed", "blocked", "adjusted"]
    reasons: list[str]


class DecisionRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    program: ProgramCode
    outcome: Literal["approved", "rejected"]
    reason_codes: list[str]
    reasons: list[str]
    note: str | None
    monthly_amount: int | None
    start_date: date | None
    decided_by: str
    decided_on: IsoDate
    notice_number: str
    exclusivity: ExclusivityRead
    entitlement_ids: list[uuid.UUID]


class DecisionProposal(BaseModel):
    """What the investigation supports, for the decision screen."""

    application_id: uuid.UUID
    program: ProgramCode
    case_version: int
    state: CaseStateCode
    eligible: bool
    monthly_amount: int | None
    start_date: IsoDate
    result: ProgramResultOut | None
    exclusivity: ExclusivityRead
    may_decide: bool
    may_decide_reason: str | None
    reason_codes: dict[str, str] = Field(description="선택할 수 있는 사유 코드와 그 뜻")
