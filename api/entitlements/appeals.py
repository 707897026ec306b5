"""이의신청 (국민기초생활보장법 제38조, 기초연금법 제22조, 긴급복지지원법 제16조): recorded against a
decision within its window, then upheld (기각), overturned (인용) or withdrawn. An overturned appeal
does not change an entitlement by itself: the case is decided again, and that new decision does."""

from __future__ import annotations

import uuid

from api.audit.trail import AuditTrail
from api.clock import today
from api.entitlements import reads
from api.entitlements.repository import EntitlementRepository
from api.entitlements.schemas import AppealCreate, AppealDecide, AppealOutcome, AppealRead
from api.entitlements.service import check_version
from api.models import AppealRow, Application, Decision
from api.models.base import utcnow
from domain.cases.entitlement import (
    APPEAL_DAYS,
    EMERGENCY_APPEAL_DAYS,
    Appeal,
    AppealEvent,
    AppealState,
    appeal_deadline,
    within_appeal_window,
)
from domain.errors import InvalidInput, NotFound
from domain.rules.programs.common import Program

DECISION_NOT_FOUND = "결정을 찾을 수 없습니다."
APPEAL_NOT_FOUND = "이의신청을 찾을 수 없습니다."
EVENT_FOR = {
    AppealOutcome.UPHELD: AppealEvent.UPHOLD,
    AppealOutcome.OVERTURNED: AppealEvent.OVERTURN,
    AppealOutcome.WITHDRAWN: AppealEvent.WITHDRAW,
}


class AppealService:
    def __init__(self, repo: EntitlementRepository, trail: AuditTrail) -> None:
        self.repo = repo
        self.trail = trail

    async def _decision(self, decision_id: uuid.UUID) -> Decision:
        found = await self.repo.decision(decision_id)
        if found is None:
            raise NotFound(DECISION_NOT_FOUND)
        decision, application = found
        await self._name_subjects(decision, application)
        return decision

    async def _name_subjects(self, decision: Decision, application: Application) -> None:
        """The applicant and whoever the decision granted a right to."""
        self.trail.add_subjects(
            application.applicant_person_id, *await self.repo.decision_beneficiaries(decision.id)
        )

    async def file(self, decision_id: uuid.UUID, body: AppealCreate) -> AppealRead:
        decision = await self._decision(decision_id)
        program, notified_on = Program(decision.program), decision.decided_on
        if body.filed_on > today():
            raise InvalidInput("이의신청일이 오늘 이후일 수 없습니다.", fields={"filed_on": "future"})
        # Refused rather than recorded: past the window the decision is final (불복기간 경과), and an
        # out-of-time 이의신청 is answered by telling the applicant so, not by a review.
        if not within_appeal_window(program, notified_on, body.filed_on):
            deadline = appeal_deadline(program, notified_on)
            days = EMERGENCY_APPEAL_DAYS if program is Program.EMERGENCY_LIVELIHOOD else APPEAL_DAYS
            if body.filed_on < notified_on:
                detail = f"이의신청일이 결정 통지일({notified_on.isoformat()})보다 앞설 수 없습니다."
                raise InvalidInput(detail, fields={"filed_on": "before_notice"})
            raise InvalidInput(
                f"이의신청 기간이 지났습니다: 결정 통지일({notified_on.isoformat()})부터 {days}일 이내, "
                f"{deadline.isoformat()}까지 신청할 수 있습니다.",
                fields={"filed_on": "after_deadline"},
            )
        appeal = Appeal.file(program, notified_on, body.filed_on)
        row = AppealRow(
            id=uuid.uuid4(),
            decision_id=decision.id,
            program=program.value,
            filed_on=appeal.filed_on,
            grounds=body.grounds,
            state=appeal.state.value,
            recorded_by=self.repo.principal.name,
        )
        self.repo.add(row)
        await self.repo.flush()
        return reads.appeal_read(row, decision)

    async def list(self, decision_id: uuid.UUID) -> list[AppealRead]:
        decision = await self._decision(decision_id)
        return [reads.appeal_read(a, decision) for a in await self.repo.appeals(decision.id)]

    async def decide(self, appeal_id: uuid.UUID, body: AppealDecide) -> AppealRead:
        found = await self.repo.appeal(appeal_id, for_update=True)
        if found is None:
            raise NotFound(APPEAL_NOT_FOUND)
        row, decision, application = found
        await self._name_subjects(decision, application)
        check_version(row.version, body.version)
        appeal = Appeal(Program(row.program), decision.decided_on, row.filed_on, AppealState(row.state))
        decided = appeal.apply(EVENT_FOR[body.outcome])
        row.state = decided.state.value
        row.outcome_note = body.note or None
        row.decided_by = self.repo.principal.name
        row.decided_at = utcnow()
        await self.repo.flush()
        return reads.appeal_read(row, decision)
