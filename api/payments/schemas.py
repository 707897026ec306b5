"""Wire shapes of payment runs, their lines, reports and bank files."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.wire import IsoDate

MonthlyProgram = Literal[
    "livelihood",
    "housing",
    "disability_pension",
    "basic_pension",
    "child_allowance",
    "parent_benefit",
    "home_care_allowance",
]
Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
LineStatus = Literal["ready", "held", "sent", "paid", "failed", "settled"]


class RunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    program: MonthlyProgram
    month: Month = Field(description="the month paid for, YYYY-MM")
    chunk_size: int = Field(default=2_000, ge=1, le=100_000, description="entitlements per chunk")


class RunProgress(BaseModel):
    total_chunks: int
    done_chunks: int
    failed_chunks: int
    fraction: float = Field(description="done / total chunks (1 for a run with none)")


class RunRead(BaseModel):
    id: uuid.UUID
    program: str
    month: str
    sigungu_code: str
    legal_day: date
    pay_date: date
    pay_date_reason: str | None = Field(description="why the pay date moved from the legal day, if it did")
    state: Literal["running", "completed"]
    planned_entitlements: int
    progress: RunProgress
    line_count: int | None
    total_gross: int | None
    total_offset: int | None
    total_net: int | None
    created_by: str
    created_at: datetime
    completed_at: datetime | None
    chunk_errors: list[str] = Field(default_factory=list, description="errors of failed chunks")


class ReportRow(BaseModel):
    status: str
    program: str
    sigungu_code: str
    emd_code: str | None
    count: int
    gross: int
    offset: int
    net: int


class LedgerBalance(BaseModel):
    account: str
    label: str
    debit: int
    credit: int


class RunReport(BaseModel):
    run: RunRead
    rows: list[ReportRow] = Field(description="counts and sums by status, program, 시군구 and 읍면동")
    hold_reasons: dict[str, int] = Field(description="held lines by reason")
    failure_reasons: dict[str, int] = Field(description="failed transfers by bank result code")
    ledger: list[LedgerBalance] = Field(description="the run's journals by account")
    ledger_balanced: bool
    lines_equal_total: bool = Field(description="the run total equals the sum of its lines")


class LineRead(BaseModel):
    id: int
    kind: str
    entitlement_id: uuid.UUID
    month: str
    payee_person_id: uuid.UUID
    payee_name: str | None
    emd_code: str | None
    basis: str
    gross_amount: int
    offset_amount: int
    net_amount: int
    status: LineStatus
    hold_reason: str | None
    bank_code: str | None
    account_masked: str | None
    protected_account: bool
    failure_code: str | None
    failure_label: str | None


class LinePage(BaseModel):
    items: list[LineRead]
    total: int


class LineAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["retry", "hold", "release"] = Field(
        description="retry: send again in the next file; hold: keep back; release: a held line may go"
    )
    reason: Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]


class BankFileRead(BaseModel):
    id: uuid.UUID
    run_id: uuid.UUID
    bank_code: str
    bank_name: str
    sequence: int
    file_name: str
    line_count: int
    total_amount: int
    created_by: str
    created_at: datetime
    result_imported_at: datetime | None
    paid_count: int | None
    paid_amount: int | None
    failed_count: int | None
    failed_amount: int | None


class ExportResult(BaseModel):
    files: list[BankFileRead] = Field(description="the transfer files made now, one per bank")
    held_by_account_check: int = Field(
        description="lines held instead: no usable account, or the 예금주 확인 failed"
    )
    bank_unavailable: int = Field(
        description="lines left ready because their bank did not answer the 예금주 확인; export again later"
    )


class ReconciliationRead(BaseModel):
    file: BankFileRead
    failures: dict[str, int] = Field(description="failed transfers of this file by the bank's reason")


class RunQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    program: MonthlyProgram | None = None
    month: Month | None = None
    limit: int = Field(default=50, ge=1, le=200)


class LineQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: LineStatus | None = None
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class PayDayRead(BaseModel):
    program: str
    month: str
    legal_day: IsoDate
    pay_date: IsoDate
    reason: str | None
