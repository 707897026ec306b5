"""수급자격 use cases: list, read, and the state changes of 사후관리 (지급정지·재개, 급여 중지, 수급권
상실). Load → domain state machine → persist → record in the 접속기록; never commits. Out of
jurisdiction and absent look the same: NotFound. 변동신고 lives in `changes.py`, 이의신청 in
`appeals.py`."""

from __future__ import annotations

import uuid
from datetime import date

from api.audit.trail import AuditTrail
from api.certificates.revocation import revoke_untrue_certificates
from api.clock import today
from api.entitlements import reads
from api.entitlements.repository import EntitlementFilter, EntitlementRepository
from api.entitlements.schemas import (
    CancelRequest,
    EntitlementAmountRead,
    EntitlementEventRead,
    EntitlementRead,
    EntitlementSummary,
    LoseRequest,
    ResumeRequest,
    StopRequest,
    SuspendRequest,
)
from api.models import EntitlementEvent, EntitlementRow
from domain.cases.entitlement import (
    CancellationReason,
    Entitlement,
    EntitlementState,
    LossReason,
    StopReason,
    SuspensionReason,
)
from domain.errors import Conflict, InvalidInput, NotFound
from domain.rules.programs.common import Program

ENTITLEMENT_NOT_FOUND = "수급자격을 찾을 수 없습니다."
STALE = "다른 사용자가 먼저 변경했습니다. 최신 내용을 다시 불러오십시오."

# 국외 체류 지급정지 (SuspensionReason.ABROAD): 60일 이상 for 기초연금 (기초연금법 제16조①) and 장애인연금
# (장애인연금법 제15조); 90일 for 아동수당 (아동수당법 제13조). The 영유아보육법 benefits paid for the same
# child (부모급여·가정양육수당·보육료) are given the 아동수당 line here; the other programs the 기초연금 one.
ABROAD_DAYS_DEFAULT = 60
ABROAD_DAYS = {
    Program.CHILD_ALLOWANCE: 90,
    Program.PARENT_BENEFIT: 90,
    Program.HOME_CARE_ALLOWANCE: 90,
    Program.CHILDCARE_FEE: 90,
}


_SUSPENSION_CODES = frozenset(r.value for r in SuspensionReason)


def to_domain(row: EntitlementRow) -> Entitlement:
    """The row as the domain's state machine sees it. The amount history is not needed for the
    transitions that use this (the 변동신고 confirmation builds its own)."""
    state = EntitlementState(row.state)
    suspension = None
    if state is EntitlementState.SUSPENDED and row.state_reason in _SUSPENSION_CODES:
        suspension = SuspensionReason(row.state_reason)
    return Entitlement(Program(row.program), row.monthly_amount, row.start_date, state, suspension)


def check_version(row_version: int, sent: int) -> None:
    # Compared here and not left to the ORM's version check, so that a stale form is a clean 409
    # even when no concurrent writer is about to update the row.
    if row_version != sent:
        raise Conflict(STALE)


def check_effective_on(row: EntitlementRow, effective_on: date, field: str = "effective_on") -> None:
    if effective_on < row.start_date:
        raise InvalidInput(
            f"적용일이 급여 개시일({row.start_date.isoformat()})보다 앞설 수 없습니다.",
            fields={field: "before_start_date"},
        )


class EntitlementService:
    def __init__(self, repo: EntitlementRepository, trail: AuditTrail) -> None:
        self.repo = repo
        self.trail = trail

    @property
    def actor(self) -> str:
        return self.repo.principal.name

    # --- shared with changes.py -------------------------------------------------------------------
    async def load(self, entitlement_id: uuid.UUID, *, for_update: bool = False) -> EntitlementRow:
        row = await self.repo.entitlement(entitlement_id, for_update=for_update)
        if row is None:
            raise NotFound(ENTITLEMENT_NOT_FOUND)
        return row

    async def name_subjects(self, row: EntitlementRow) -> list[uuid.UUID]:
        """Records the beneficiary and the members as the data subjects of this request."""
        people = [row.person_id, *(p.id for p in await self.repo.members(row.id))]
        self.trail.add_subjects(*people)
        return people

    def record_event(
        self,
        row: EntitlementRow,
        event: str,
        from_state: str | None,
        reason_code: str | None,
        note: str | None,
        effective_on: date,
    ) -> None:
        self.repo.add(
            EntitlementEvent(
                entitlement_id=row.id,
                event=event,
                from_state=from_state,
                to_state=row.state,
                reason_code=reason_code,
                note=note or None,
                effective_on=effective_on,
                actor=self.actor,
            )
        )

    async def end(
        self, row: EntitlementRow, after: Entitlement, reason: StopReason | LossReason, on: date
    ) -> None:
        """Writes a 중지 or 상실 onto the row: the right ends on `on`. A date in the past may make
        certificates issued since untrue; they are revoked with it."""
        row.state = after.state.value
        row.state_reason = reason.value
        row.end_date = on
        await revoke_untrue_certificates(
            self.repo.session,
            row.id,
            reason=f"{after.state.label} ({reason.label}), {on.isoformat()}부터",
            end_date=on,
        )

    # --- reads ------------------------------------------------------------------------------------
    async def search(self, where: EntitlementFilter, limit: int, offset: int) -> list[EntitlementSummary]:
        found = await self.repo.search(where, limit, offset)
        self.trail.add_subjects(*(person.id for _, person in found))
        return [reads.summary(row, person) for row, person in found]

    async def get(self, entitlement_id: uuid.UUID) -> EntitlementRead:
        return await self.read(await self.load(entitlement_id))

    async def read(self, row: EntitlementRow) -> EntitlementRead:
        person = await self.repo.person(row.person_id)
        if person is None:  # the beneficiary is hidden from this caller: treat the right as hidden too
            raise NotFound(ENTITLEMENT_NOT_FOUND)
        members = await self.repo.members(row.id)
        self.trail.add_subjects(row.person_id, *(p.id for p in members))
        found = await self.repo.decision(row.decision_id)
        appeals = []
        if found is not None:
            decision, _ = found
            appeals = [reads.appeal_read(a, decision) for a in await self.repo.appeals(decision.id)]
        return EntitlementRead.model_validate(
            {
                **reads.summary_fields(row, person),
                "decision_id": row.decision_id,
                "household_id": row.household_id,
                "emd_code": row.emd_code,
                "state_reason": row.state_reason,
                "members": [reads.person_ref(p) for p in members],
                "amounts": [
                    EntitlementAmountRead.model_validate(a, from_attributes=True)
                    for a in await self.repo.amounts(row.id)
                ],
                "events": [
                    EntitlementEventRead.model_validate(e, from_attributes=True)
                    for e in await self.repo.events(row.id)
                ],
                "pending_changes": [
                    reads.proposal_read(p) for p in await self.repo.pending_proposals(row.id)
                ],
                "appeals": appeals,
                "version": row.version,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
            }
        )

    # --- 지급정지 · 재개 · 중지 · 상실 -------------------------------------------------------------------
    async def _for_change(
        self, entitlement_id: uuid.UUID, version: int, effective_on: date, field: str = "effective_on"
    ) -> EntitlementRow:
        row = await self.load(entitlement_id, for_update=True)
        await self.name_subjects(row)
        check_version(row.version, version)
        check_effective_on(row, effective_on, field)
        return row

    async def suspend(self, entitlement_id: uuid.UUID, body: SuspendRequest) -> EntitlementRead:
        row = await self._for_change(entitlement_id, body.version, body.effective_on)
        note = body.note
        if body.reason is SuspensionReason.ABROAD:
            note = self._check_abroad(Program(row.program), body)
        elif body.abroad_since is not None:
            raise InvalidInput(
                "출국일(abroad_since)은 국외 체류 정지에만 적습니다.", fields={"abroad_since": "not_abroad"}
            )
        before = row.state
        after = to_domain(row).suspend(body.reason)
        row.state, row.state_reason = after.state.value, body.reason.value
        self.record_event(row, "suspend", before, body.reason.value, note, body.effective_on)
        await self.repo.flush()
        return await self.read(row)

    @staticmethod
    def _check_abroad(program: Program, body: SuspendRequest) -> str:
        """The 국외 체류 line must have been reached on the day the suspension takes effect. The day of
        departure is not counted (민법 제157조, via 행정기본법 제6조①). Returns the event note, which
        keeps the departure date."""
        if body.abroad_since is None:
            raise InvalidInput(
                "국외 체류로 지급정지하려면 출국일(abroad_since)이 필요합니다.",
                fields={"abroad_since": "required"},
            )
        if body.abroad_since > body.effective_on:
            raise InvalidInput(
                "출국일이 정지 적용일보다 늦을 수 없습니다.", fields={"abroad_since": "after_effective_on"}
            )
        needed = ABROAD_DAYS.get(program, ABROAD_DAYS_DEFAULT)
        stayed = (body.effective_on - body.abroad_since).days
        if stayed < needed:
            raise InvalidInput(
                f"국외 체류 {needed}일 이상이어야 지급정지할 수 있습니다: 출국일 "
                f"{body.abroad_since.isoformat()}부터 {body.effective_on.isoformat()}까지 {stayed}일입니다.",
                fields={"effective_on": "abroad_too_short"},
            )
        departure = f"출국일 {body.abroad_since.isoformat()} (체류 {stayed}일)"
        return f"{departure}. {body.note}" if body.note else departure

    async def resume(self, entitlement_id: uuid.UUID, body: ResumeRequest) -> EntitlementRead:
        row = await self._for_change(entitlement_id, body.version, body.effective_on)
        before, reason = row.state, row.state_reason
        after = to_domain(row).resume()
        row.state, row.state_reason = after.state.value, None
        # The event keeps the suspension reason the resumption ends.
        self.record_event(row, "resume", before, reason, body.note, body.effective_on)
        await self.repo.flush()
        return await self.read(row)

    async def stop(self, entitlement_id: uuid.UUID, body: StopRequest) -> EntitlementRead:
        row = await self._for_change(entitlement_id, body.version, body.effective_on)
        before = row.state
        await self.end(row, to_domain(row).stop(body.reason), body.reason, body.effective_on)
        self.record_event(row, "stop", before, body.reason.value, body.note, body.effective_on)
        await self.repo.flush()
        return await self.read(row)

    async def lose(self, entitlement_id: uuid.UUID, body: LoseRequest) -> EntitlementRead:
        row = await self._for_change(entitlement_id, body.version, body.effective_on)
        before = row.state
        await self.end(row, to_domain(row).lose(body.reason), body.reason, body.effective_on)
        self.record_event(row, "lose", before, body.reason.value, body.note, body.effective_on)
        await self.repo.flush()
        return await self.read(row)

    async def cancel(self, entitlement_id: uuid.UUID, body: CancelRequest) -> EntitlementRead:
        """처분 취소 back to `void_from`: the days from then on are treated as never held, and every
        certificate that vouched for one of them is revoked in the same transaction."""
        row = await self._for_change(entitlement_id, body.version, body.void_from, field="void_from")
        if body.void_from > today():
            raise InvalidInput(
                "앞으로의 날짜부터 취소할 수 없습니다: 앞으로의 일은 급여 중지·수급권 상실로 처리합니다.",
                fields={"void_from": "future"},
            )
        note = self._hearing_note(body)
        before = row.state
        after = to_domain(row).cancel(body.reason, body.void_from)
        row.state, row.state_reason, row.cancelled_from = after.state.value, body.reason.value, body.void_from
        self.record_event(row, "cancel", before, body.reason.value, note, body.void_from)
        await revoke_untrue_certificates(
            self.repo.session,
            row.id,
            reason=f"처분 취소 ({body.reason.label}), {body.void_from.isoformat()}부터",
            cancelled_from=body.void_from,
        )
        await self.repo.flush()
        return await self.read(row)

    @staticmethod
    def _hearing_note(body: CancelRequest) -> str | None:
        """확인조사 거부로 취소하려면 청문을 거쳐야 한다 (국민기초생활보장법 제31조): the hearing date is
        required for that reason and kept in the event note."""
        hearing = body.hearing_held_on
        if hearing is None:
            if body.reason is CancellationReason.VERIFICATION_REFUSED:
                raise InvalidInput(
                    "확인조사 거부로 취소하려면 청문 실시일(hearing_held_on)이 필요합니다.",
                    fields={"hearing_held_on": "required"},
                )
            return body.note
        if hearing > today():
            raise InvalidInput(
                "청문 실시일이 오늘보다 늦을 수 없습니다.", fields={"hearing_held_on": "future"}
            )
        held = f"청문 {hearing.isoformat()}"
        return f"{held}. {body.note}" if body.note else held
