"""환수 use cases that start from the month table: the assessment (a preview, nothing stored), opening
a case, and the 소급지급 decision. Each runs in the request's one transaction; every person named in
an answer goes into the 접속기록."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.trail import AuditTrail
from api.clock import today
from api.payments.schemas import MonthlyProgram
from api.recovery import book as rules
from api.recovery.months import MonthState, build_months, check_year, month_range, parse_month
from api.recovery.repository import RecoveryRepository
from api.recovery.schemas import (
    ArrearsCreate,
    ArrearsMonth,
    ArrearsRead,
    AssessmentRead,
    AssessmentRequest,
    MonthRow,
    RecoveryCreate,
    RecoveryPage,
    RecoveryQuery,
    RecoveryRead,
)
from api.recovery.views import case_view, summary
from api.security.principal import Principal
from api.simulations.schemas import TraceStepOut
from domain.errors import Conflict, InvalidInput
from domain.payments.monthly import first_of_month
from domain.payments.recovery import (
    RecoveryAssessment,
    RecoveryCause,
    assess_recovery,
    max_instalments,
    offset_allowed,
    split_by_limitation,
)
from domain.rules.programs.common import Program

MONTHLY_PROGRAMS = frozenset(get_args(MonthlyProgram))


@dataclass(frozen=True, slots=True)
class Compared:
    entitlement: Any
    program: Program
    months: list[MonthState]
    debtor: uuid.UUID
    debtor_name: str | None


def not_in_future(day: date, field: str) -> date:
    check_year(day, field)
    if day > today():
        raise InvalidInput(
            f"{day.isoformat()}은(는) 오늘 이후의 날짜입니다.", fields={field: "in_the_future"}
        )
    return day


def _label(month: date) -> str:
    return f"{month:%Y-%m}"


class RecoveryService:
    def __init__(self, session: AsyncSession, principal: Principal, trail: AuditTrail) -> None:
        assert principal.sigungu_code is not None, "payment duties belong to a 시군구's officials"
        self.session = session
        self.principal = principal
        self.trail = trail
        self.repo = RecoveryRepository(session, principal.sigungu_code)

    # --- the month table -------------------------------------------------------------------------
    async def compare(
        self,
        entitlement_id: uuid.UUID,
        on: date,
        from_month: str | None,
        to_month: str | None,
        *,
        for_recovery: bool,
        lock: bool = False,
    ) -> Compared:
        entitlement = await self.repo.entitlement(entitlement_id, lock=lock)
        if entitlement["program"] not in MONTHLY_PROGRAMS:
            raise InvalidInput(
                "매월 지급하는 급여가 아니어서 지급 내역과 비교할 수 없습니다.",
                fields={"entitlement_id": f"program {entitlement['program']} is not paid monthly"},
            )
        program = Program(entitlement["program"])
        first = (
            parse_month(from_month, "from_month") if from_month else first_of_month(entitlement["start_date"])
        )
        last = parse_month(to_month, "to_month") if to_month else first_of_month(on)
        months = month_range(first, last)
        lines, payee = await self.repo.lines(entitlement_id)
        table = build_months(
            entitlement,
            months,
            lines,
            await self.repo.arrears(entitlement_id),
            await self.repo.runs(program.value, first, last),
            notice_date=on,
            book=rules.parameter_book(),
            covered=await self.repo.covered(entitlement_id) if for_recovery else (),
        )
        debtor = payee or entitlement["person_id"]
        self.trail.add_subjects(debtor)
        return Compared(entitlement, program, table, debtor, await self.repo.person_name(debtor))

    async def _assess(self, body: AssessmentRequest, *, lock: bool) -> tuple[Compared, RecoveryAssessment]:
        notice_date = check_year(body.notice_date or today(), "notice_date")
        compared = await self.compare(
            body.entitlement_id, notice_date, body.from_month, body.to_month, for_recovery=True, lock=lock
        )
        ledgers = [state.ledger for state in compared.months if state.included]
        if not ledgers:
            reasons = dict.fromkeys(state.note for state in compared.months if state.note)
            raise Conflict(
                "비교할 수 있는 지급 월이 없습니다. "
                + (" ".join(reasons) or "이 기간에 지급 내역이 없습니다."),
                fields={"entitlement_id": "no_settled_month"},
            )
        assessment = assess_recovery(
            compared.program, RecoveryCause(body.cause), ledgers, notice_date, rules.parameter_book()
        )
        return compared, assessment

    def _assessment_read(self, compared: Compared, assessment: RecoveryAssessment) -> AssessmentRead:
        book = rules.parameter_book()
        differences = {d.month: d for d in assessment.differences}
        barred = {m.month for m in assessment.barred}
        interest = {row.month: row.interest for row in assessment.interest_detail}
        rows = []
        for state in compared.months:
            difference = differences.get(state.month) if state.included else None
            rows.append(
                MonthRow(
                    month=_label(state.month),
                    due=state.due.amount,
                    due_basis=state.due.basis.value,
                    paid=state.paid,
                    pending=state.pending,
                    paid_on=state.paid_on,
                    included=state.included,
                    note=state.note,
                    overpaid=difference.overpaid if difference else 0,
                    underpaid=difference.underpaid if difference else 0,
                    barred=state.month in barred,
                    interest=interest.get(state.month, 0),
                )
            )
        program, on = compared.program, assessment.notice_date
        return AssessmentRead(
            entitlement_id=compared.entitlement["id"],
            program=program.value,
            cause=assessment.cause.value,
            cause_label=assessment.cause.label,
            notice_date=on,
            debtor_person_id=compared.debtor,
            debtor_name=compared.debtor_name,
            months=rows,
            principal=assessment.principal,
            interest=assessment.interest,
            rounded_off=assessment.rounded_off,
            total=assessment.total,
            below_minimum=assessment.below_minimum,
            not_recovered_reason=assessment.not_recovered_reason,
            underpaid=assessment.underpaid,
            barred_months=[_label(m.month) for m in assessment.barred],
            max_instalments=max_instalments(program, assessment.total, on, book)[0]
            if assessment.total
            else None,
            offset_allowed=offset_allowed(program, on, book),
            trace=[
                TraceStepOut(
                    step=s.step,
                    value=s.value,
                    reference=s.reference,
                    note=s.note,
                    effective_from=s.effective_from,
                    uncertain=s.uncertain,
                )
                for s in assessment.trace
            ],
        )

    # --- use cases -------------------------------------------------------------------------------
    async def cases(self, query: RecoveryQuery) -> RecoveryPage:
        rows, total = await self.repo.cases(query.state, query.program, query.limit, query.offset)
        self.trail.add_subjects(*(row.debtor_person_id for row in rows))
        return RecoveryPage(items=[summary(row) for row in rows], total=total)

    async def read(self, recovery_id: uuid.UUID, as_of: date | None) -> RecoveryRead:
        return await case_view(self.repo, self.trail, recovery_id, check_year(as_of or today(), "as_of"))

    async def assess(self, body: AssessmentRequest) -> AssessmentRead:
        """The 환수 and 소급지급 of an entitlement as they would be assessed; nothing is stored."""
        return self._assessment_read(*await self._assess(body, lock=False))

    async def open(self, body: RecoveryCreate) -> RecoveryRead:
        """A 환수 case in state `assessed`, numbered per 시군구 and year, with its assessment kept.
        Conflict (nothing stored) when the assessment recovers nothing."""
        compared, assessment = await self._assess(body, lock=True)
        if not assessment.recovered:
            raise Conflict(
                assessment.not_recovered_reason or "환수할 금액이 없습니다.",
                fields={"total": "below_minimum" if assessment.below_minimum else "nothing_to_recover"},
            )
        barred = {m.month for m in assessment.barred}
        recovered = [d.month for d in assessment.differences if d.overpaid and d.month not in barred]
        opened = today()
        serial = await self.repo.next_serial(opened.year)
        recovery_id = uuid.uuid4()
        read = self._assessment_read(compared, assessment)
        await self.repo.insert_case(
            id=recovery_id,
            number=f"환수-{opened.year}-{self.repo.sigungu}-{serial:06d}",
            entitlement=compared.entitlement["id"],
            program=compared.program.value,
            debtor=compared.debtor,
            emd=compared.entitlement["emd_code"],
            cause=assessment.cause.value,
            first=min(recovered),
            last=max(recovered),
            principal=assessment.principal,
            interest=assessment.interest,
            total=assessment.total,
            underpaid=assessment.underpaid,
            assessment=read.model_dump(mode="json"),
            finding=body.finding,
            actor=self.principal.name,
        )
        await self.repo.event(
            recovery_id,
            "opened",
            None,
            "assessed",
            self.principal.name,
            {
                "total": assessment.total,
                "cause": assessment.cause.value,
                "notice_date": assessment.notice_date,
            },
        )
        return await case_view(self.repo, self.trail, recovery_id, opened)

    async def decide_arrears(self, body: ArrearsCreate) -> ArrearsRead:
        """소급지급: the underpaid months not barred, as one `arrears` row the next payment run pays.
        Months whose earlier 소급지급 is still waiting for its run are not paid twice."""
        decided_on = not_in_future(body.decided_on or today(), "decided_on")
        compared = await self.compare(
            body.entitlement_id, decided_on, None, None, for_recovery=False, lock=True
        )
        waiting = [s for s in compared.months if s.included and s.arrears_pending and s.due.amount > s.paid]
        candidates = [s.ledger for s in compared.months if s.included and not s.arrears_pending]
        split = (
            split_by_limitation(compared.program, candidates, decided_on, book=rules.parameter_book())
            if candidates
            else None
        )
        owed = [m for m in split.open if m.underpaid] if split else []
        if not owed:
            if waiting:
                raise Conflict(
                    "이미 결정된 소급지급이 다음 지급을 기다리고 있습니다: "
                    + ", ".join(_label(s.month) for s in waiting),
                    fields={"entitlement_id": "arrears_pending"},
                )
            if split and any(m.underpaid for m in split.barred):
                raise Conflict(
                    "미지급액이 모두 시효가 지나 지급할 수 없습니다.", fields={"entitlement_id": "barred"}
                )
            raise Conflict("미지급액이 없습니다.", fields={"entitlement_id": "nothing_underpaid"})
        months = [
            ArrearsMonth(
                month=_label(m.month), paid=m.paid, due=m.due, underpaid=m.underpaid, paid_on=m.paid_on
            )
            for m in owed
        ]
        row = await self.repo.insert_arrears(
            id=uuid.uuid4(),
            entitlement=compared.entitlement["id"],
            program=compared.program.value,
            emd=compared.entitlement["emd_code"],
            amount=sum(m.underpaid for m in owed),
            months=[m.model_dump(mode="json") for m in months],
            reason=body.reason,
            actor=self.principal.name,
        )
        return ArrearsRead(
            id=row.id,
            entitlement_id=row.entitlement_id,
            program=row.program,
            payee_person_id=compared.debtor,
            amount=row.amount,
            months=months,
            reason=row.reason,
            decided_by=row.decided_by,
            decided_at=row.decided_at,
            paid_line_id=row.paid_line_id,
        )
