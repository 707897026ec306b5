"""Payment endpoints: monthly payment runs (jobs with progress), their report and lines, the bank
transfer files and their results, and the pay-day calendar. Runs belong to the caller's 시군구;
planning a run does not process it — the job workers (in the API process, or `ieum payments work`)
do, chunk by chunk."""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from api.audit.trail import Action, AuditTrail
from api.config import get_settings
from api.connectors.bank import AccountHolderCheck
from api.connectors.bank_simulator import BankSimulator
from api.connectors.factory import build_bank_connector
from api.db import SessionDep
from api.payments.repository import PaymentRepository
from api.payments.runs import parse_month, plan_run
from api.payments.schemas import (
    BankFileRead,
    ExportResult,
    LineAction,
    LinePage,
    LineQuery,
    LineRead,
    PayDayRead,
    ReconciliationRead,
    RunCreate,
    RunQuery,
    RunRead,
    RunReport,
)
from api.payments.service import PaymentService
from api.problems import PROBLEMS
from api.security.guard import audit_trail, guard
from api.security.principal import Principal
from api.security.scopes import Scope
from domain.errors import InvalidInput, NotFound
from domain.payments.calendar import pay_day
from domain.rules.programs.common import Program

router = APIRouter(prefix="/api/v1/payments", tags=["payments"], responses=PROBLEMS)

Reader = Annotated[Principal, Depends(guard(Scope.PAYMENTS_READ, audit=Action.READ))]
Writer = Annotated[Principal, Depends(guard(Scope.PAYMENTS_WRITE, audit=Action.CREATE))]
Changer = Annotated[Principal, Depends(guard(Scope.PAYMENTS_WRITE, audit=Action.UPDATE))]
Downloader = Annotated[Principal, Depends(guard(Scope.PAYMENTS_READ, audit=Action.DOWNLOAD))]
Trail = Annotated[AuditTrail, Depends(audit_trail)]

# A result file of the largest run (a bank's share of a national month) is tens of megabytes.
RESULT_FILE_MAX_BYTES = 256 * 1024 * 1024
FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
}
UPLOAD: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "the bank's result file, as received (docs/bank-transfer-file.md)",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def bank_of(request: Request) -> AccountHolderCheck:
    """The bank connector (예금주 확인), made once per app from `Settings.bank_connector`."""
    bank: AccountHolderCheck | None = getattr(request.app.state, "bank", None)
    if bank is None:
        bank = request.app.state.bank = build_bank_connector(get_settings())
    return bank


Bank = Annotated[AccountHolderCheck, Depends(bank_of)]


def _file(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


def _service(session: SessionDep, principal: Principal, trail: AuditTrail) -> PaymentService:
    return PaymentService(session, principal, trail)


@router.get("/pay-days", response_model=list[PayDayRead])
async def list_pay_days(principal: Reader, year: Annotated[int, Query(ge=2025, le=2100)]) -> list[PayDayRead]:
    """Each monthly program's pay day in `year`: the legal day and the day the money goes out (the
    business day before, over Saturdays, Sundays and 공휴일 including 설날·추석 and 대체공휴일)."""
    days = []
    for program in (
        "livelihood",
        "housing",
        "disability_pension",
        "basic_pension",
        "child_allowance",
        "parent_benefit",
        "home_care_allowance",
    ):
        for month in range(1, 13):
            day = pay_day(Program(program), year, month)
            days.append(
                PayDayRead(
                    program=program,
                    month=f"{year}-{month:02d}",
                    legal_day=day.legal_day,
                    pay_date=day.paid_on,
                    reason=day.reason,
                )
            )
    return days


@router.post("/runs", status_code=status.HTTP_202_ACCEPTED, response_model=RunRead)
async def start_run(body: RunCreate, principal: Writer, session: SessionDep, request: Request) -> RunRead:
    """Plans the payment run of `program` for `month` in the caller's 시군구: the entitlements held
    in the month (or with arrears waiting) split into chunks. The job workers then process it; poll
    `GET /runs/{id}` for progress. Starting a run that exists returns it unchanged (nothing is paid
    twice); a program without a monthly pay day is 422."""
    assert principal.sigungu_code is not None
    planned = await plan_run(
        session,
        program=Program(body.program),
        month=parse_month(body.month),
        sigungu=principal.sigungu_code,
        actor=principal.name,
        chunk_size=body.chunk_size,
    )
    runner = getattr(request.app.state, "job_runner", None)
    if runner is not None:
        runner.wake()
    return await PaymentRepository(session).run(planned.run.id)


@router.get("/runs", response_model=list[RunRead])
async def list_runs(
    principal: Reader, session: SessionDep, query: Annotated[RunQuery, Query()]
) -> list[RunRead]:
    """The caller's 시군구's payment runs, newest month first, with their progress."""
    month = parse_month(query.month) if query.month else None
    return await PaymentRepository(session).runs(query.program, month, query.limit)


@router.get("/runs/{run_id}", response_model=RunRead)
async def read_run(run_id: uuid.UUID, principal: Reader, session: SessionDep) -> RunRead:
    """One run's job status: chunks done, failed and left, and once completed its totals."""
    return await PaymentRepository(session).run(run_id)


@router.get("/runs/{run_id}/report", response_model=RunReport)
async def run_report(run_id: uuid.UUID, principal: Reader, session: SessionDep) -> RunReport:
    """The run report: counts and sums by status, program, 시군구 and 읍면동; held lines by reason;
    failed transfers by bank result code; the run's ledger by account, whether it balances, and
    whether the run total equals the sum of its lines."""
    return await PaymentService.report(PaymentRepository(session), run_id)


@router.post("/runs/{run_id}/retry", response_model=RunRead)
async def retry_run(
    run_id: uuid.UUID, principal: Writer, session: SessionDep, trail: Trail, request: Request
) -> RunRead:
    """Puts the run's failed chunks back in the queue (after the cause was fixed). 404 when there
    is none."""
    run = await _service(session, principal, trail).retry(run_id)
    runner = getattr(request.app.state, "job_runner", None)
    if runner is not None:
        runner.wake()
    return run


@router.get("/runs/{run_id}/lines", response_model=LinePage)
async def list_lines(
    run_id: uuid.UUID,
    principal: Reader,
    session: SessionDep,
    trail: Trail,
    query: Annotated[LineQuery, Query()],
) -> LinePage:
    """The run's payment lines (payee, amount, 상계, status, hold or failure reason), by status.
    Every payee listed is recorded in the 접속기록."""
    return await _service(session, principal, trail).lines(run_id, query)


@router.post("/lines/{line_id}/actions", response_model=LineRead)
async def act_on_line(
    line_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    body: LineAction,
    principal: Changer,
    session: SessionDep,
    trail: Trail,
) -> LineRead:
    """After a failed transfer or a hold: `retry` sends the line again in the run's next bank file,
    `hold` keeps it back, `release` lets a held line go. Each action is kept with its reason; an
    action the line's status does not allow is 409."""
    return await _service(session, principal, trail).act_on_line(line_id, body)


@router.post("/runs/{run_id}/bank-files", status_code=status.HTTP_201_CREATED, response_model=ExportResult)
async def export_bank_files(
    run_id: uuid.UUID, principal: Writer, session: SessionDep, trail: Trail, bank: Bank
) -> ExportResult:
    """Makes the transfer files of a completed run: the ready lines' accounts are checked with their
    bank first (예금주 확인, once per account), then one file per bank with a transfer id per line
    and control totals. Lines whose account fails are held; lines whose bank does not answer stay
    ready for the next export. Lines sent again after a failure go in a new file of the same run.
    409 when the run is not completed or nothing is ready."""
    return await _service(session, principal, trail).export(run_id, bank)


@router.get("/runs/{run_id}/bank-files", response_model=list[BankFileRead])
async def list_bank_files(run_id: uuid.UUID, principal: Reader, session: SessionDep) -> list[BankFileRead]:
    """The run's transfer files, with each one's result once imported."""
    repo = PaymentRepository(session)
    await repo.run(run_id)
    return await repo.bank_files(run_id)


@router.get("/bank-files/{file_id}/content", response_class=Response, responses=FILE)
async def download_bank_file(
    file_id: uuid.UUID, principal: Downloader, session: SessionDep, trail: Trail
) -> Response:
    """The transfer file as sent to the bank. It holds the payees' account numbers: the reason for
    the download goes in the `X-Purpose` header (required) and the download, with every payee, in
    the 접속기록."""
    name, content = await _service(session, principal, trail).content(file_id)
    return _file(content, name)


@router.post("/bank-files/{file_id}/result", response_model=ReconciliationRead, openapi_extra=UPLOAD)
async def import_bank_result(
    file_id: uuid.UUID, principal: Changer, session: SessionDep, trail: Trail, request: Request
) -> ReconciliationRead:
    """Imports the bank's result file for this transfer file and reconciles it: paid lines are
    settled (and posted to the ledger), failed ones wait for retry or hold with the bank's reason.
    A malformed file, or one that does not answer this file line for line, is 422 with every line
    at fault, and nothing is recorded; the same file again changes nothing, another one is 409."""
    data = await _upload(request)
    return await _service(session, principal, trail).import_result(file_id, data)


@router.post("/bank-files/{file_id}/simulated-result", response_class=Response, responses=FILE)
async def simulated_bank_result(
    file_id: uuid.UUID, principal: Changer, session: SessionDep, trail: Trail, bank: Bank
) -> Response:
    """Development only (the simulated bank, `IEUM_BANK_CONNECTOR=simulator`): the result file the
    simulated bank returns for this transfer file, to import as a bank's. 404 with a real bank."""
    if not isinstance(bank, BankSimulator):
        raise NotFound("모의 은행을 쓰지 않는 환경입니다.")
    trail.set_purpose("모의 은행 이체 처리 (개발)")
    name, content = await _service(session, principal, trail).content(file_id)
    return _file(bank.settle(content), name.replace("TR_", "RS_", 1))


async def _upload(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > RESULT_FILE_MAX_BYTES:
            raise InvalidInput(
                f"결과 파일이 너무 큽니다 ({RESULT_FILE_MAX_BYTES // 1024 // 1024} MB까지).",
                fields={"file": "too_large"},
            )
        chunks.append(chunk)
    if not size:
        raise InvalidInput("결과 파일이 비어 있습니다.", fields={"file": "empty"})
    return b"".join(chunks)
