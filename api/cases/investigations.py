"""조사 use cases: start (gathering linked public data for the household and the 부양의무자), re-gather,
the facts and evidence an official adds or corrects (each with a reason, in the history), and
completion. Every change recomputes the 소득인정액 and the programs' results. Never commits."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any

from api.audit.trail import AuditTrail
from api.cases import history
from api.cases.assessing import assess
from api.cases.case_states import APPLICATION_NOT_FOUND, apply_event, check_version
from api.cases.investigation_reads import investigation_read
from api.cases.repository import CaseRepository, ObligorRow
from api.cases.schemas import (
    EvidenceCreate,
    EvidenceVoid,
    FactsUpdate,
    InvestigationComplete,
    InvestigationCreate,
    InvestigationRead,
)
from api.connectors.base import Gathered, LinkedDataConnector, gather_records
from api.models import Application, Evidence, HouseholdMember, Investigation, Person
from api.models.base import utcnow
from domain.cases.application import CaseEvent, CaseState
from domain.errors import Conflict, InvalidInput, NotFound
from domain.linked_data import AGENCIES, FinancialConsent, LinkedDataQuery, RecordKind
from domain.linked_data_codec import all_records, record_from_json, record_to_json
from domain.rules.regions import Region

INVESTIGATION_NOT_FOUND = "조사를 찾을 수 없습니다."
# A 부양의무자 is asked only what the 부양능력 test reads: income, pensions and real property.
OBLIGOR_KINDS = frozenset({RecordKind.INCOME, RecordKind.PENSION, RecordKind.PROPERTY})


class InvestigationService:
    def __init__(
        self,
        repo: CaseRepository,
        trail: AuditTrail,
        today: date,
        connector: LinkedDataConnector,
        region_of: Callable[[str], Region | None],
    ) -> None:
        self.repo = repo
        self.trail = trail
        self.today = today
        self.connector = connector
        self.region_of = region_of

    # --- loading ---------------------------------------------------------------------------------
    async def _load(
        self, investigation_id: uuid.UUID, *, for_update: bool = False
    ) -> tuple[Investigation, Application]:
        investigation = await self.repo.investigation(investigation_id, for_update=for_update)
        if investigation is None:
            raise NotFound(INVESTIGATION_NOT_FOUND)
        application = await self.repo.application(investigation.application_id)
        if application is None:
            raise NotFound(INVESTIGATION_NOT_FOUND)
        self.trail.add_subjects(application.applicant_person_id)
        return investigation, application

    def _require_open(self, investigation: Investigation) -> None:
        if investigation.state != "open":
            raise Conflict("완료된 조사는 바꿀 수 없습니다. 결정권자가 보완조사를 요구하면 다시 열립니다.")

    # --- start and gather ------------------------------------------------------------------------
    async def start(self, body: InvestigationCreate) -> InvestigationRead:
        application = await self.repo.application(body.application_id, for_update=True)
        if application is None:
            raise NotFound(APPLICATION_NOT_FOUND)
        self.trail.add_subjects(application.applicant_person_id)
        if await self.repo.investigation_of(application.id) is not None:
            raise Conflict("이 신청의 조사가 이미 시작되었습니다.")
        as_of = body.as_of or self.today
        if as_of > self.today or as_of < application.applied_on:
            raise InvalidInput("조사 기준일은 신청일부터 오늘까지입니다.", fields={"as_of": "out_of_range"})
        cases = (await self.repo.programs([application.id]))[application.id]
        received = [c for c in cases if c.state == CaseState.RECEIVED.value]
        if not received:
            raise Conflict("조사할 급여가 없습니다 (접수 상태인 급여가 없음).")
        investigation = Investigation(
            id=uuid.uuid4(),
            application_id=application.id,
            as_of=as_of,
            started_by=self.repo.principal.name,
            facts={},
        )
        self.repo.add(investigation)
        await self.repo.flush()
        for case in received:
            apply_event(self.repo, case, CaseEvent.START_INVESTIGATION)
        await self._gather(investigation, application)
        return await self.read(investigation.id)

    async def regather(self, investigation_id: uuid.UUID, body: InvestigationComplete) -> InvestigationRead:
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(body.version, investigation.version)
        self._require_open(investigation)
        await self._gather(investigation, application)
        return await self.read(investigation.id)

    async def _gather(self, investigation: Investigation, application: Application) -> None:
        """Asks every agency about every member and 부양의무자; replaces the linked records of an
        earlier gathering (kept, voided) and recomputes."""
        members = await self.repo.members(application.household_id)
        member_ids = [p.id for _, p in members]
        obligors = await self.repo.obligors(member_ids)
        consents = {c.person_id: c for c in await self.repo.consents(application.id)}
        old = [
            e
            for e in await self.repo.evidence(investigation.id)
            if e.source == "linked" and e.status == "active"
        ]
        for row in old:
            row.status, row.voided_by, row.void_reason = (
                "voided",
                self.repo.principal.name,
                "연계 자료 재조회로 대체",
            )
        subjects: list[tuple[uuid.UUID, bytes, date, str, frozenset[RecordKind]]] = [
            (p.id, p.rrn_blind_index, p.birth_date, "member", frozenset(RecordKind)) for _, p in members
        ]
        subjects += [
            (o.person_id, o.blind_index, o.birth_date, "obligor", OBLIGOR_KINDS | {RecordKind.FINANCIAL})
            for o in obligors
        ]
        not_obtained: list[dict[str, Any]] = []

        def ask(
            person_id: uuid.UUID, blind: bytes, birth: date, wanted: frozenset[RecordKind]
        ) -> Awaitable[Gathered]:
            consent_row = consents.get(person_id)
            kinds = wanted if consent_row else wanted - {RecordKind.FINANCIAL}
            key = blind.hex()
            consent = (
                FinancialConsent(key, consent_row.given_on, consent_row.document_id, consent_row.withdrawn_on)
                if consent_row
                else None
            )
            return gather_records(
                self.connector, LinkedDataQuery(key, investigation.as_of, kinds, birth), consent
            )

        # Everyone at once: each agency call may take seconds, and a household with its 부양의무자 is
        # a dozen people.
        answers = await asyncio.gather(*(ask(p, b, d, w) for p, b, d, _, w in subjects))
        for (person_id, _, _, role, wanted), gathered in zip(subjects, answers, strict=True):
            consent_row = consents.get(person_id)
            for kind, reason in gathered.not_obtained.items():
                not_obtained.append({"person_id": str(person_id), "kind": kind.value, "reason": reason})
            if RecordKind.FINANCIAL in wanted and consent_row is None:
                not_obtained.append(
                    {"person_id": str(person_id), "kind": "financial", "reason": "금융정보 제공 동의 없음"}
                )
            for record in all_records(gathered.records):
                self.repo.add(
                    Evidence(
                        id=uuid.uuid4(),
                        investigation_id=investigation.id,
                        person_id=person_id,
                        role=role,
                        kind=record.kind.value,
                        source="linked",
                        agency=record.agency.value,
                        record_id=record.record_id,
                        record=record_to_json(record),
                        entered_by=self.repo.principal.name,
                    )
                )
        self.trail.add_subjects(*(s[0] for s in subjects))
        investigation.not_obtained = not_obtained
        investigation.gathered_at = utcnow()
        history.record(
            self.repo,
            investigation.application_id,
            "investigation_gathered",
            detail={"people": len(subjects), "not_obtained": len(not_obtained)},
        )
        await self.repo.flush()
        await self._assess(investigation, application, members, obligors)

    async def _assess(
        self,
        investigation: Investigation,
        application: Application,
        members: Sequence[tuple[HouseholdMember, Person]] | None = None,
        obligors: list[ObligorRow] | None = None,
    ) -> None:
        if members is None:
            members = await self.repo.members(application.household_id)
        if obligors is None:
            obligors = await self.repo.obligors([p.id for _, p in members])
        evidence = await self.repo.evidence(investigation.id)
        obligor_rows = [
            {
                "person_id": str(o.person_id),
                "name": o.name,
                "birth_date": o.birth_date.isoformat(),
                "relation": o.relation,
                "relative_of": str(o.relative_of),
                "group_id": str(o.group_id),
            }
            for o in obligors
        ]
        assess(investigation, application.sigungu_code, members, obligor_rows, evidence, self.region_of)
        await self.repo.flush()

    # --- facts and evidence ----------------------------------------------------------------------
    async def update_facts(self, investigation_id: uuid.UUID, body: FactsUpdate) -> InvestigationRead:
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(body.version, investigation.version)
        self._require_open(investigation)
        members = await self.repo.members(application.household_id)
        member_ids = {str(p.id) for _, p in members}
        unknown = sorted(set(body.facts.members) - member_ids)
        if unknown:
            raise InvalidInput(
                "가구원이 아닌 사람의 확인 사항입니다.",
                fields={f"facts.members.{u}": "not_member" for u in unknown},
            )
        investigation.facts = body.facts.model_dump(mode="json")
        history.record(
            self.repo, application.id, "investigation_facts", reason=body.reason, detail=investigation.facts
        )
        await self._assess(investigation, application, members)
        return await self.read(investigation.id)

    async def add_evidence(self, investigation_id: uuid.UUID, body: EvidenceCreate) -> InvestigationRead:
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(body.version, investigation.version)
        self._require_open(investigation)
        kind = RecordKind(body.kind)
        people = await self._people_of(investigation, application)
        if body.person_id not in people:
            raise InvalidInput("가구원 또는 부양의무자가 아닙니다.", fields={"person_id": "not_in_case"})
        replaced = None
        if body.replaces_id is not None:
            replaced = await self.repo.evidence_row(investigation.id, body.replaces_id)
            if replaced is None or replaced.status != "active":
                raise InvalidInput(
                    "바로잡을 자료가 없거나 이미 무효입니다.", fields={"replaces_id": "not_active"}
                )
            if replaced.person_id != body.person_id or replaced.kind != kind.value:
                raise InvalidInput(
                    "같은 사람, 같은 종류의 자료만 바로잡을 수 있습니다.", fields={"replaces_id": "mismatch"}
                )
        data = dict(body.record)
        data.setdefault("record_id", f"official-{uuid.uuid4().hex[:12]}")
        data.setdefault("agency", sorted(AGENCIES[kind])[0].value)
        data.setdefault("reference_date", investigation.as_of.isoformat())
        record = record_from_json(kind, data)
        row = Evidence(
            id=uuid.uuid4(),
            investigation_id=investigation.id,
            person_id=body.person_id,
            role=people[body.person_id],
            kind=kind.value,
            source="official",
            agency=record.agency.value,
            record_id=record.record_id,
            record=record_to_json(record),
            reason=body.reason,
            replaces_id=body.replaces_id,
            entered_by=self.repo.principal.name,
        )
        self.repo.add(row)
        if replaced is not None:
            replaced.status, replaced.voided_by, replaced.void_reason = (
                "voided",
                self.repo.principal.name,
                body.reason,
            )
        self.trail.add_subjects(body.person_id)
        history.record(
            self.repo,
            application.id,
            "investigation_evidence_added",
            reason=body.reason,
            detail={
                "evidence_id": str(row.id),
                "kind": kind.value,
                "replaces_id": str(body.replaces_id or ""),
            },
        )
        await self.repo.flush()
        await self._assess(investigation, application)
        return await self.read(investigation.id)

    async def void_evidence(
        self, investigation_id: uuid.UUID, evidence_id: uuid.UUID, body: EvidenceVoid
    ) -> InvestigationRead:
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(body.version, investigation.version)
        self._require_open(investigation)
        row = await self.repo.evidence_row(investigation.id, evidence_id)
        if row is None:
            raise NotFound("자료를 찾을 수 없습니다.")
        if row.status != "active":
            raise Conflict("이미 무효 처리된 자료입니다.")
        row.status, row.voided_by, row.void_reason = "voided", self.repo.principal.name, body.reason
        self.trail.add_subjects(row.person_id)
        history.record(
            self.repo,
            application.id,
            "investigation_evidence_voided",
            reason=body.reason,
            detail={"evidence_id": str(row.id), "kind": row.kind},
        )
        await self.repo.flush()
        await self._assess(investigation, application)
        return await self.read(investigation.id)

    async def _people_of(
        self, investigation: Investigation, application: Application
    ) -> dict[uuid.UUID, str]:
        members = await self.repo.members(application.household_id)
        people = {p.id: "member" for _, p in members}
        for obligor in (investigation.household or {}).get("obligors", []):
            people.setdefault(uuid.UUID(obligor["person_id"]), "obligor")
        return people

    # --- completion ------------------------------------------------------------------------------
    async def complete(self, investigation_id: uuid.UUID, body: InvestigationComplete) -> InvestigationRead:
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(body.version, investigation.version)
        self._require_open(investigation)
        cases = [
            c
            for c in (await self.repo.programs([application.id]))[application.id]
            if c.state == "investigating"
        ]
        if not cases:
            raise Conflict("조사중인 급여가 없습니다.")
        for case in cases:
            apply_event(self.repo, case, CaseEvent.COMPLETE_INVESTIGATION)
        investigation.state = "completed"
        investigation.completed_by = self.repo.principal.name
        investigation.completed_at = utcnow()
        await self.repo.flush()
        return await self.read(investigation.id)

    async def reopen(self, investigation_id: uuid.UUID, reason: str, version: int) -> InvestigationRead:
        """보완조사: the decision-maker sends the case back before deciding."""
        investigation, application = await self._load(investigation_id, for_update=True)
        check_version(version, investigation.version)
        if investigation.state != "completed":
            raise Conflict("완료된 조사만 보완조사를 요구할 수 있습니다.")
        cases = [
            c
            for c in (await self.repo.programs([application.id]))[application.id]
            if c.state == "investigated"
        ]
        if not cases:
            raise Conflict("결정을 기다리는 급여가 없습니다.")
        for case in cases:
            apply_event(self.repo, case, CaseEvent.RETURN_FOR_INVESTIGATION, reason)
        investigation.state = "open"
        await self.repo.flush()
        return await self.read(investigation.id)

    # --- read ---------------------------------------------------------------------------------------
    async def read(self, investigation_id: uuid.UUID) -> InvestigationRead:
        investigation, application = await self._load(investigation_id)
        return await investigation_read(self.repo, self.trail, investigation, application)
