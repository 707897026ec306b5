"""변동신고 (국민기초생활보장법 제37조, 기초연금법 제18조): a reported change is re-calculated on the
household the decision was made on and kept as a proposal; nothing changes until an official with the
decision duty confirms it (급여 변경, 법 제29조) or rejects it. An ineligible result ends the right."""

from __future__ import annotations

import uuid
from datetime import date

from api.audit.trail import AuditTrail
from api.clock import today
from api.entitlements import reads
from api.entitlements.edits import Snapshot, apply_edits
from api.entitlements.repository import EntitlementRepository
from api.entitlements.schemas import AddMember, ChangeCreate, ChangeKind, ChangeProposalRead, ProposalDecide
from api.entitlements.service import EntitlementService, check_effective_on, check_version, to_domain
from api.models import ChangeProposal, EntitlementAmount, EntitlementRow
from api.models.base import utcnow
from domain.cases.entitlement import (
    AmountChange,
    ChangeReason,
    Entitlement,
    EntitlementState,
    LossReason,
    StopReason,
)
from domain.cases.reasons import HOUSEHOLD_PROGRAMS
from domain.errors import Conflict, InvalidInput, NotFound
from domain.rules.household_codec import household_from_mapping
from domain.rules.programs.common import Program, ProgramResult, Status
from domain.rules.regions import Region
from domain.rules.simulate import assess

PROPOSAL_NOT_FOUND = "변동신고를 찾을 수 없습니다."

# 국민기초생활보장법 제30조①: a 기초생활·긴급 benefit no longer needed is stopped (급여 중지). The personal
# programs have no 중지 for this: 기초연금법 제17조 makes "no longer a 수급권자" a 수급권 상실, and the
# domain's StopReason has no code for it, so the personal programs end with LossReason.NO_LONGER_ELIGIBLE.
STOP_WHEN_INELIGIBLE = HOUSEHOLD_PROGRAMS
DEFAULT_REASON = {
    ChangeKind.INCOME: ChangeReason.INCOME_OR_PROPERTY,
    ChangeKind.ASSETS: ChangeReason.INCOME_OR_PROPERTY,
    ChangeKind.HOUSEHOLD: ChangeReason.HOUSEHOLD,
}
LIVE_STATES = frozenset({EntitlementState.ACTIVE.value, EntitlementState.SUSPENDED.value})


def first_of_next_month(day: date) -> date:
    """When a reported change applies by default. 국민기초생활보장법 시행규칙 and 기초연금법 practice:
    the month in which a change is reported is paid at the old amount, and the new amount applies from
    the first day of the following month."""
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def amount_for(program: Program, result: ProgramResult, member_id: str | None) -> tuple[int, bool]:
    """This entitlement's monthly amount in `result`, and whether it is still eligible. A household
    program has one right for the whole household, so the program's own amount is the right's. A personal
    program's 수급자 missing from `members[]` no longer qualifies at all (a child past the age limit)."""
    if program in HOUSEHOLD_PROGRAMS:
        eligible = result.status is Status.ELIGIBLE
        return (result.monthly_amount or 0) if eligible else 0, eligible
    own = next((m for m in result.members if m.member_id == member_id), None)
    if own is None or own.status is not Status.ELIGIBLE:
        return 0, False
    return own.monthly_amount or 0, True


class ChangeService:
    def __init__(self, repo: EntitlementRepository, trail: AuditTrail, regions: dict[str, Region]) -> None:
        self.repo = repo
        self.trail = trail
        self.regions = regions
        self.entitlements = EntitlementService(repo, trail)

    async def _basis(self, row: EntitlementRow) -> tuple[Snapshot, ChangeProposal | None]:
        """The household the right now rests on: as the last confirmed 변동신고 left it, or else as
        investigated for the decision. Each change builds on the ones confirmed before it."""
        latest = await self.repo.latest_confirmed(row.id)
        if latest is not None:
            snapshot = Snapshot.from_record(latest.inputs)
        else:
            found = await self.repo.decision(row.decision_id)
            investigation = await self.repo.investigation_of(found[1].id) if found else None
            snapshot = Snapshot.from_record(investigation.household if investigation else None)
        if snapshot is None:
            raise Conflict("결정의 근거가 된 가구 조사 자료가 없어 재계산할 수 없습니다.")
        return snapshot, latest

    async def _name_new_members(self, body: ChangeCreate) -> None:
        for index, edit in enumerate(body.changes):
            if isinstance(edit, AddMember) and edit.person_id is not None:
                person = await self.repo.visible_person(edit.person_id)
                if person is None:
                    raise InvalidInput(
                        "관할 구역에서 찾을 수 없는 사람입니다.",
                        fields={f"changes.{index}.person_id": "unknown"},
                    )
                self.trail.add_subjects(person.id)

    async def report(self, entitlement_id: uuid.UUID, body: ChangeCreate) -> ChangeProposalRead:
        row = await self.entitlements.load(entitlement_id)
        await self.entitlements.name_subjects(row)
        self._check_live(row)
        reason = body.reason or DEFAULT_REASON.get(body.kind)
        if reason is None:
            raise InvalidInput(
                "기타 변동은 변경 사유(reason)를 적어야 합니다.", fields={"reason": "required"}
            )
        if body.reported_on > today():
            raise InvalidInput("신고일이 오늘 이후일 수 없습니다.", fields={"reported_on": "future"})
        effective_from = body.effective_from or first_of_next_month(body.reported_on)
        check_effective_on(row, effective_from, "effective_from")
        await self._name_new_members(body)

        program = Program(row.program)
        snapshot, based_on = await self._basis(row)
        beneficiary = snapshot.member_of(row.person_id)
        if program not in HOUSEHOLD_PROGRAMS and beneficiary is None:
            raise Conflict("가구 조사 자료에서 수급자를 찾을 수 없어 재계산할 수 없습니다.")
        edited = apply_edits(snapshot, body.changes, None if program in HOUSEHOLD_PROGRAMS else beneficiary)
        edited.mapping["as_of"] = effective_from.isoformat()
        try:
            household = household_from_mapping(edited.mapping, self.regions.get)
        except InvalidInput as exc:
            # The fields name places in the edited household, not in the request.
            fields = {f"household.{name}": message for name, message in exc.fields.items()}
            raise InvalidInput(exc.detail, fields=fields) from None
        result = assess(program, household)
        after, eligible = amount_for(program, result, beneficiary)

        proposal = ChangeProposal(
            id=uuid.uuid4(),
            entitlement_id=row.id,
            kind=body.kind.value,
            reported_on=body.reported_on,
            effective_from=effective_from,
            description=body.description,
            before_amount=row.monthly_amount,
            after_amount=after,
            after_eligible=eligible,
            trace=reads.trace_record(result.trace),
            inputs={
                "reason": reason.value,
                "based_on": str(based_on.id) if based_on else None,
                "changes": [edit.model_dump(mode="json", exclude_unset=True) for edit in body.changes],
                **edited.as_record(),
            },
            reported_by=self.repo.principal.name,
        )
        self.repo.add(proposal)
        await self.repo.flush()
        return reads.proposal_read(proposal)

    @staticmethod
    def _check_live(row: EntitlementRow) -> None:
        """변동신고 is taken and confirmed only while the right is held (paid or suspended): after a
        중지 or 상실 there is no amount left to change."""
        if row.state not in LIVE_STATES:
            label = EntitlementState(row.state).label
            raise Conflict(f"'{label}' 상태의 수급자격은 변동신고로 바꿀 수 없습니다.")

    async def _open_proposal(
        self, row: EntitlementRow, proposal_id: uuid.UUID, version: int
    ) -> ChangeProposal:
        proposal = await self.repo.proposal(row.id, proposal_id, for_update=True)
        if proposal is None:
            raise NotFound(PROPOSAL_NOT_FOUND)
        check_version(proposal.version, version)
        if proposal.state != "proposed":
            raise Conflict("이미 확정되었거나 반려된 변동신고입니다.")
        return proposal

    def _close(self, proposal: ChangeProposal, state: str, note: str | None) -> None:
        proposal.state = state
        proposal.decided_by = self.repo.principal.name
        proposal.decided_at = utcnow()
        proposal.decision_note = note or None

    async def _with_history(self, row: EntitlementRow) -> Entitlement:
        """The row with its recorded amount changes, so the domain can refuse a change that would
        slip in before the last one."""
        known = {r.value for r in ChangeReason}
        history: list[AmountChange] = []
        previous: int | None = None
        for amount in await self.repo.amounts(row.id):
            if previous is not None and amount.monthly_amount != previous and amount.reason in known:
                history.append(
                    AmountChange(
                        previous,
                        amount.monthly_amount,
                        amount.effective_from,
                        ChangeReason(amount.reason),
                        amount.note or "",
                    )
                )
            previous = amount.monthly_amount
        current = to_domain(row)
        return Entitlement(
            current.program,
            current.monthly_amount,
            current.started_on,
            current.state,
            current.suspension,
            amount_history=tuple(history),
        )

    async def confirm(
        self, entitlement_id: uuid.UUID, proposal_id: uuid.UUID, body: ProposalDecide
    ) -> ChangeProposalRead:
        row = await self.entitlements.load(entitlement_id, for_update=True)
        await self.entitlements.name_subjects(row)
        proposal = await self._open_proposal(row, proposal_id, body.version)
        self._check_live(row)
        reason = ChangeReason(proposal.inputs["reason"])
        note = f"변동신고 {proposal.id} 확정" + (f": {body.note}" if body.note else "")
        before_state = row.state
        await self._check_still_current(row, proposal)
        if not proposal.after_eligible:
            await self._end_ineligible(row, proposal.effective_from, note)
        elif proposal.after_amount == proposal.before_amount:
            # The domain refuses a 급여 변경 to the same amount; the 변동신고 is still answered, and the
            # history says it was looked at.
            self.entitlements.record_event(
                row, "no_change", before_state, reason.value, note, proposal.effective_from
            )
        else:
            changed = (await self._with_history(row)).change_amount(
                proposal.after_amount, proposal.effective_from, reason, note
            )
            row.monthly_amount = changed.monthly_amount
            self.repo.add(
                EntitlementAmount(
                    entitlement_id=row.id,
                    monthly_amount=changed.monthly_amount,
                    effective_from=proposal.effective_from,
                    reason=reason.value,
                    note=note,
                    recorded_by=self.repo.principal.name,
                )
            )
            self.entitlements.record_event(
                row, "change_amount", before_state, reason.value, note, proposal.effective_from
            )
        self._close(proposal, "confirmed", body.note)
        await self.repo.flush()
        return reads.proposal_read(proposal)

    async def _check_still_current(self, row: EntitlementRow, proposal: ChangeProposal) -> None:
        """A proposal is re-calculated on the household and amount of its day. If another change was
        confirmed since, or the amount moved otherwise, it answers a question no longer asked."""
        latest = await self.repo.latest_confirmed(row.id)
        based_on = proposal.inputs.get("based_on")
        if (str(latest.id) if latest else None) != based_on or proposal.before_amount != row.monthly_amount:
            raise Conflict(
                "이 변동신고를 받은 뒤 다른 변경이 확정되었습니다 "
                f"(신고 당시 {proposal.before_amount:,}원, 현재 {row.monthly_amount:,}원). "
                "변동신고를 다시 받아 재계산하십시오."
            )

    async def _end_ineligible(self, row: EntitlementRow, effective_from: date, note: str) -> None:
        program, before_state = Program(row.program), row.state
        check_effective_on(row, effective_from, "effective_from")
        if program in STOP_WHEN_INELIGIBLE:
            stop = StopReason.NO_LONGER_NEEDED
            await self.entitlements.end(row, to_domain(row).stop(stop), stop, effective_from)
            self.entitlements.record_event(row, "stop", before_state, stop.value, note, effective_from)
        else:
            loss = LossReason.NO_LONGER_ELIGIBLE
            await self.entitlements.end(row, to_domain(row).lose(loss), loss, effective_from)
            self.entitlements.record_event(row, "lose", before_state, loss.value, note, effective_from)

    async def reject(
        self, entitlement_id: uuid.UUID, proposal_id: uuid.UUID, body: ProposalDecide
    ) -> ChangeProposalRead:
        row = await self.entitlements.load(entitlement_id)
        await self.entitlements.name_subjects(row)
        proposal = await self._open_proposal(row, proposal_id, body.version)
        self._close(proposal, "rejected", body.note)
        await self.repo.flush()
        return reads.proposal_read(proposal)
