"""Wire shapes of 환수 cases (assessment, 사전통지, 의견제출, 결정, 납부, 종결) and 소급지급 decisions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.payments.schemas import LedgerBalance, Month, MonthlyProgram
from api.simulations.schemas import TraceStepOut
from api.wire import IsoDate, JsonInteger

Cause = Literal["agency_error", "recipient_error", "fraud"]
State = Literal["assessed", "notified", "decided", "closed", "withdrawn"]
ClosureKindCode = Literal["write_off", "waiver_spent", "waiver_unavoidable"]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
Version = Annotated[JsonInteger, Field(ge=1, le=2**31 - 1, description="the case's version as read")]

CAUSE_DESCRIPTION = (
    "agency_error: 행정 착오; recipient_error: 수급자 귀책 (신고 불이행 등); fraud: 거짓이나 그 밖의 부정한 "
    "방법 (이자 가산)"
)


class AssessmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entitlement_id: uuid.UUID
    cause: Cause = Field(description=CAUSE_DESCRIPTION)
    notice_date: IsoDate | None = Field(
        default=None, description="the 고지일 the 시효 and interest are counted to; today when omitted"
    )
    from_month: Month | None = Field(default=None, description="first month compared (YYYY-MM)")
    to_month: Month | None = Field(default=None, description="last month compared (YYYY-MM)")


class RecoveryCreate(AssessmentRequest):
    finding: Text = Field(description="what was found: why the money was paid wrongly (조사 결과)")


class MonthRow(BaseModel):
    month: str = Field(description="YYYY-MM")
    due: int = Field(description="due for the month by the entitlement as it stands now")
    due_basis: str
    paid: int = Field(description="gross paid (상계 included) by lines that went out: sent, paid, settled")
    pending: int = Field(description="lines of the month not gone out yet (ready, held, failed)")
    paid_on: date | None = Field(description="the day the month's money went out")
    included: bool = Field(description="compared; a month not yet settled by its payment run is not")
    note: str | None = None
    overpaid: int = 0
    underpaid: int = 0
    barred: bool = Field(default=False, description="the 5-year 시효 ran out before the notice date")
    interest: int = Field(default=0, description="부정수급 interest on the month's overpaid part")


class AssessmentRead(BaseModel):
    entitlement_id: uuid.UUID
    program: str
    cause: Cause
    cause_label: str
    notice_date: date
    debtor_person_id: uuid.UUID
    debtor_name: str | None
    months: list[MonthRow]
    principal: int = Field(description="overpaid in the months not barred")
    interest: int = Field(description="부정수급 interest (fraud only)")
    rounded_off: int = Field(description="cut by the program's 끝수 rule")
    total: int = Field(description="the 환수금; 0 when nothing is recovered")
    below_minimum: bool
    not_recovered_reason: str | None
    underpaid: int = Field(description="소급지급 owed in the months not barred; decided separately")
    barred_months: list[str]
    max_instalments: int | None = Field(description="most instalments the total may be split into")
    offset_allowed: bool = Field(description="the program's law allows 상계 against future payments")
    trace: list[TraceStepOut]


class NoticeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notified_on: IsoDate = Field(description="the day the 사전통지 was given")
    opinion_days: JsonInteger = Field(
        ge=1,
        le=90,
        description="의견제출 기간 in days after the notice. Required: the rules notes give no period to "
        "default to",
    )
    version: Version


class OpinionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opinion: Text = Field(description="the recipient's 의견제출, as received")
    submitted_on: IsoDate = Field(description="the day it was received")
    version: Version


class RecoveryDecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decided_on: IsoDate
    instalments: JsonInteger = Field(ge=1, le=120, description="1 = lump sum; at most what the table allows")
    first_due: IsoDate | None = Field(
        default=None, description="the first 납부기한; the earliest the law allows when omitted"
    )
    offset: bool = Field(
        default=False, description="set off due instalments against future payments (상계), where allowed"
    )
    version: Version


class ReceiptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: JsonInteger = Field(ge=1, le=10**12)
    received_on: IsoDate
    note: Reason | None = None


class ClosureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ClosureKindCode = Field(
        description="write_off: 결손처분; waiver_spent / waiver_unavoidable: 반환 면제"
        " (이미 소비 / 부득이한 사유)"
    )
    closed_on: IsoDate
    reason: Text
    version: Version


class WithdrawCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason
    version: Version


class InstalmentRead(BaseModel):
    seq: int
    due_date: date
    amount: int
    paid: int
    met: bool | None = Field(description="paid in full by its due date; null while not yet due")


class StandingRead(BaseModel):
    as_of: date
    paid: int
    outstanding: int
    overdue: int = Field(description="due by as_of and not paid")
    missed_in_a_row: int
    accelerated_on: date | None = Field(description="the day the whole balance fell due (기한의 이익 상실)")
    due_at_once: int
    arrears_limit: int = Field(description="unmet instalments in a row that make the whole balance due")


class ReceiptRead(BaseModel):
    id: int
    kind: Literal["repayment", "offset", "write_off", "waiver"]
    amount: int
    received_on: date
    line_id: int | None
    note: str | None
    recorded_by: str
    recorded_at: datetime


class EventRead(BaseModel):
    event: str
    from_state: str | None
    to_state: str
    detail: dict[str, Any]
    actor: str
    occurred_at: datetime


class RecoveryLedger(BaseModel):
    accounts: list[LedgerBalance] = Field(description="the case's own journals by account")
    balanced: bool
    offset_by_runs: int = Field(description="상계 posted by payment runs (their journals credit 환수채권)")
    receivable_outstanding: int = Field(description="환수채권 debited less credited and set off")


class RecoverySummary(BaseModel):
    id: uuid.UUID
    case_number: str
    entitlement_id: uuid.UUID
    program: str
    debtor_person_id: uuid.UUID
    debtor_name: str | None
    cause: Cause
    state: State
    total: int
    balance: int
    opened_at: datetime
    decided_on: date | None


class RecoveryPage(BaseModel):
    items: list[RecoverySummary]
    total: int


class RecoveryRead(RecoverySummary):
    closure: str | None
    period_start: str
    period_end: str
    principal: int
    interest: int
    underpaid: int
    underpaid_note: str | None = Field(description="미지급 found: a 소급지급 is decided separately")
    finding: str
    opened_by: str
    notified_on: date | None
    opinion_due: date | None
    opinion: str | None
    opinion_on: date | None
    decided_by: str | None
    payment_due: date | None
    instalments: int | None
    offset_allowed: bool
    closed_on: date | None
    closed_by: str | None
    closure_note: str | None
    version: int
    assessment: AssessmentRead
    schedule: list[InstalmentRead]
    standing: StandingRead | None
    receipts: list[ReceiptRead]
    ledger: RecoveryLedger
    history: list[EventRead]


class RecoveryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: State | None = None
    program: MonthlyProgram | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class ReadQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: IsoDate | None = Field(default=None, description="where the instalments stand; today by default")


class ArrearsCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entitlement_id: uuid.UUID
    reason: Reason
    decided_on: IsoDate | None = Field(default=None, description="the 소급지급 결정일; today when omitted")


class ArrearsMonth(BaseModel):
    month: str
    paid: int
    due: int
    underpaid: int
    paid_on: date


class ArrearsRead(BaseModel):
    id: uuid.UUID
    entitlement_id: uuid.UUID
    program: str
    payee_person_id: uuid.UUID
    amount: int
    months: list[ArrearsMonth]
    reason: str
    decided_by: str
    decided_at: datetime
    paid_line_id: int | None
