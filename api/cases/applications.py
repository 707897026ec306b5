"""신청 use cases: intake by an official (방문, 직권) or a portal (온라인), withdrawal, the deadline
extension, refusals and 각하. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from api.cases import history
from api.cases.application_queries import ApplicationQueries
from api.cases.case_states import APPLICATION_NOT_FOUND, OPEN_STATES, apply_event, check_version
from api.cases.schemas import (
    ApplicationCreate,
    ApplicationRead,
    ConsentIn,
    DismissalCreate,
    ExtensionCreate,
    OnlineApplicationCreate,
    RefusalCreate,
    Withdrawal,
)
from api.models import Application, ApplicationProgram, FinancialConsentRow
from api.models.base import utcnow
from domain.cases.application import Application as DomainApplication
from domain.cases.application import CaseEvent, CaseState, Channel
from domain.cases.deadline import Deadline, Extension, ExtensionReason
from domain.cases.jurisdiction import Place, handling_place, within
from domain.errors import Conflict, InvalidInput, NotFound
from domain.rules.programs.common import Program


class ApplicationService(ApplicationQueries):
    """Intake and changes; the reads come from `ApplicationQueries`."""

    # --- intake ----------------------------------------------------------------------------------
    async def submit(self, body: ApplicationCreate) -> ApplicationRead:
        applied_on = body.applied_on or self.today
        if applied_on > self.today:
            raise InvalidInput("신청일은 오늘보다 늦을 수 없습니다.", fields={"applied_on": "future"})
        self._check_notice(body.privacy_notice.given_on, applied_on)
        DomainApplication.receive(
            applied_on,
            Channel(body.channel),
            [Program(p) for p in body.programs],
            consent_given=body.ex_officio_consent,
        )
        applicant = await self.repo.person(body.applicant_person_id)
        if applicant is None:
            raise NotFound("대상자를 찾을 수 없습니다.")
        membership = await self.repo.membership(applicant.id)
        if membership is None or membership.household_id != body.household_id:
            raise InvalidInput(
                "신청인이 그 가구의 현재 가구원이 아닙니다.", fields={"household_id": "not_member"}
            )
        actual = body.actual_residence
        place, basis = handling_place(
            Place(applicant.sigungu_code, applicant.emd_code),
            applied_on,
            Place(self.repo.principal.sigungu_code or "", actual.emd_code) if actual else None,
            actual.since if actual else None,
        )
        principal = self.repo.principal
        if not within(place, principal.sigungu_code, principal.emd_code):
            raise InvalidInput(
                "관할 구역의 신청이 아닙니다: 주민등록지(또는 1개월 이상 실제 거주지)의 "
                "읍면동에서 신청합니다.",
                fields={"applicant_person_id": "outside_jurisdiction"},
            )
        members = [person.id for _, person in await self.repo.members(body.household_id)]
        application = Application(
            id=uuid.uuid4(),
            household_id=body.household_id,
            applicant_person_id=applicant.id,
            sigungu_code=place.sigungu_code,
            emd_code=place.emd_code,
            emd_name=(actual.emd_name if actual else applicant.emd_name),
            channel=body.channel,
            applied_on=applied_on,
            received_by=principal.name,
            received_by_kind=principal.kind,
            ex_officio_consent=body.ex_officio_consent,
            residence_basis=basis.value,
            actual_address=actual.address if actual else None,
            actual_since=actual.since if actual else None,
            privacy_notice_version=body.privacy_notice.version,
            privacy_notice_given_on=body.privacy_notice.given_on,
        )
        await self._persist(application, body.programs)
        await self._consents(application, body.financial_consents, members)
        self.trail.add_subjects(applicant.id, *members)
        return await self.read(application.id)

    async def submit_online(self, body: OnlineApplicationCreate) -> ApplicationRead:
        """온라인 신청 for the citizen the portal asserted: their registered residence decides."""
        self._check_notice(body.privacy_notice.given_on, self.today)
        DomainApplication.receive(self.today, Channel.ONLINE, [Program(p) for p in body.programs])
        residence = await self.repo.citizen_residence()
        if residence is None:
            raise NotFound("주민 정보를 찾을 수 없습니다. 주소지 읍면동 행정복지센터에 문의하십시오.")
        if residence.household_id is None:
            raise InvalidInput(
                "세대 정보가 없어 온라인으로 신청할 수 없습니다. "
                "읍면동 행정복지센터에 방문하여 신청하십시오.",
                fields={"citizen": "no_household"},
            )
        application = Application(
            id=uuid.uuid4(),
            household_id=residence.household_id,
            applicant_person_id=residence.person_id,
            sigungu_code=residence.sigungu_code,
            emd_code=residence.emd_code,
            emd_name=residence.emd_name,
            channel=Channel.ONLINE.value,
            applied_on=self.today,
            received_by=self.repo.principal.name,
            received_by_kind=self.repo.principal.kind,
            residence_basis="registered",
            privacy_notice_version=body.privacy_notice.version,
            privacy_notice_given_on=body.privacy_notice.given_on,
        )
        await self._persist(application, body.programs)
        if body.financial_consent:
            self.repo.add(
                FinancialConsentRow(
                    application_id=application.id,
                    person_id=residence.person_id,
                    role="applicant",
                    given_on=self.today,
                    document_id=body.financial_consent,
                    recorded_by=self.repo.principal.name,
                )
            )
        self.trail.add_subjects(residence.person_id)
        await self.repo.flush()
        return await self._citizen_read(application)

    def _check_notice(self, given_on: date, applied_on: date) -> None:
        if given_on > self.today:
            raise InvalidInput(
                "안내일은 오늘보다 늦을 수 없습니다.", fields={"privacy_notice.given_on": "future"}
            )
        if given_on > applied_on:
            raise InvalidInput(
                "수집 목적·보유기간 안내는 신청을 받을 때 해야 합니다 (사회보장급여법 제5조⑤).",
                fields={"privacy_notice.given_on": "after_applied_on"},
            )

    async def _persist(self, application: Application, programs: Sequence[str]) -> None:
        self.repo.add(application)
        await self.repo.flush()
        for program in programs:
            self.repo.add(ApplicationProgram(id=uuid.uuid4(), application_id=application.id, program=program))
            history.record(self.repo, application.id, "received", program=program, after=CaseState.RECEIVED)
        await self.repo.flush()

    async def _consents(
        self, application: Application, consents: list[ConsentIn], members: list[uuid.UUID]
    ) -> None:
        if not consents:
            return
        obligors = {o.person_id for o in await self.repo.obligors(members)}
        seen: set[uuid.UUID] = set()
        for index, consent in enumerate(consents):
            field = f"financial_consents.{index}.person_id"
            if consent.person_id in seen:
                raise InvalidInput("같은 사람의 동의를 두 번 적었습니다.", fields={field: "duplicate"})
            seen.add(consent.person_id)
            allowed = {
                "applicant": consent.person_id == application.applicant_person_id,
                "member": consent.person_id in members,
                "obligor": consent.person_id in obligors,
            }[consent.role]
            if not allowed:
                raise InvalidInput(
                    f"동의한 사람이 {consent.role}(으)로 확인되지 않습니다.", fields={field: consent.role}
                )
            if consent.given_on > self.today:
                raise InvalidInput("동의일은 오늘보다 늦을 수 없습니다.", fields={field: "future"})
            self.repo.add(
                FinancialConsentRow(
                    application_id=application.id,
                    person_id=consent.person_id,
                    role=consent.role,
                    given_on=consent.given_on,
                    document_id=consent.document_id,
                    recorded_by=self.repo.principal.name,
                )
            )
        self.trail.add_subjects(*seen)
        await self.repo.flush()

    # --- reads -----------------------------------------------------------------------------------

    async def _touch(self, application: Application) -> None:
        """Bumps the application's version: every change below it is one change of the application."""
        application.updated_at = utcnow()
        await self.repo.flush()

    async def withdraw(self, application_id: uuid.UUID, body: Withdrawal) -> ApplicationRead:
        application = await self._load(application_id, for_update=True)
        check_version(body.version, application.version)
        await self._withdraw(application, body.programs, body.reason)
        return await self.read(application.id)

    async def citizen_withdraw(self, application_id: uuid.UUID, body: Withdrawal) -> ApplicationRead:
        residence = await self.repo.citizen_residence()
        application = (
            await self.repo.citizen_application(application_id, residence.person_id) if residence else None
        )
        if application is None:
            raise NotFound(APPLICATION_NOT_FOUND)
        self.trail.add_subjects(application.applicant_person_id)
        check_version(body.version, application.version)
        await self._withdraw(application, body.programs, body.reason)
        return await self._citizen_read(application)

    async def _withdraw(self, application: Application, programs: Sequence[str] | None, reason: str) -> None:
        cases = (await self.repo.programs([application.id]))[application.id]
        chosen = [
            c
            for c in cases
            if (programs is None and CaseState(c.state) in OPEN_STATES)
            or (programs and c.program in programs)
        ]
        missing: set[str] = set(programs or ()) - {c.program for c in cases}
        if missing:
            raise InvalidInput(
                f"이 신청에 없는 급여입니다: {', '.join(sorted(missing))}", fields={"programs": "unknown"}
            )
        if not chosen:
            raise Conflict("취하할 수 있는 급여가 없습니다 (모두 결정되었거나 종결되었습니다).")
        for case in chosen:
            apply_event(self.repo, case, CaseEvent.WITHDRAW, reason)
        await self._touch(application)

    async def extend(self, application_id: uuid.UUID, body: ExtensionCreate) -> ApplicationRead:
        application = await self._load(application_id, for_update=True)
        check_version(body.version, application.version)
        if application.extension_reason is not None:
            raise Conflict("처리기한은 한 번만 60일로 연장할 수 있습니다 (국민기초생활보장법 제26조④).")
        if not await self._has_open_case(application):
            raise Conflict("결정을 기다리는 급여가 없어 처리기한을 연장할 수 없습니다.")
        extension = Extension(ExtensionReason(body.reason), body.detail, self.today)
        Deadline(application.applied_on, extension)
        application.extension_reason = extension.reason.value
        application.extension_detail = extension.detail
        application.extension_granted_on = extension.granted_on
        history.record(
            self.repo, application.id, "deadline_extended", reason=body.detail, detail={"reason": body.reason}
        )
        await self._touch(application)
        return await self.read(application.id)

    async def _has_open_case(self, application: Application) -> bool:
        cases = (await self.repo.programs([application.id]))[application.id]
        return any(CaseState(c.state) in OPEN_STATES for c in cases)

    async def record_refusal(self, application_id: uuid.UUID, body: RefusalCreate) -> ApplicationRead:
        return await self._on_investigating(
            application_id, body.version, CaseEvent.RECORD_REFUSAL, body.note, "조사 거부를 기록할"
        )

    async def dismiss(self, application_id: uuid.UUID, body: DismissalCreate) -> ApplicationRead:
        return await self._on_investigating(
            application_id, body.version, CaseEvent.DISMISS, body.reason, "각하할"
        )

    async def _on_investigating(
        self, application_id: uuid.UUID, version: int, event: CaseEvent, reason: str, action: str
    ) -> ApplicationRead:
        """Applies `event` to every program still under investigation (refusals and 각하 concern the
        investigation, not one program)."""
        application = await self._load(application_id, for_update=True)
        check_version(version, application.version)
        cases = [
            c
            for c in (await self.repo.programs([application.id]))[application.id]
            if c.state == CaseState.INVESTIGATING.value
        ]
        if not cases:
            raise Conflict(f"조사중인 급여가 없어 {action} 수 없습니다.")
        for case in cases:
            apply_event(self.repo, case, event, reason)
        await self._touch(application)
        return await self.read(application.id)
