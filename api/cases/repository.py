"""All SQL of the case workflow. Applications are filtered by the caller's jurisdiction here, and by
row-level security underneath; rows below an application (its cases, events, investigation,
decisions) are reached only through an application already found in scope."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, false, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import (
    Application,
    ApplicationProgram,
    CaseEventRow,
    Decision,
    EntitlementRow,
    Evidence,
    FinancialConsentRow,
    Household,
    HouseholdMember,
    Investigation,
    Person,
    Sigungu,
    SigunguSetting,
)
from api.security.principal import Principal

LIST_LIMIT = 200


@dataclass(frozen=True)
class ObligorRow:
    person_id: uuid.UUID
    name: str
    birth_date: date
    blind_index: bytes
    relative_of: uuid.UUID
    relation: str
    group_id: uuid.UUID


@dataclass(frozen=True)
class HeldRow:
    person_id: uuid.UUID
    program: str
    sigungu_code: str
    entitlement_id: uuid.UUID


@dataclass(frozen=True)
class CitizenResidence:
    person_id: uuid.UUID
    household_id: uuid.UUID | None
    sigungu_code: str
    emd_code: str | None
    emd_name: str | None


def application_scope(principal: Principal) -> ColumnElement[bool]:
    if principal.sigungu_code is None:
        return false()
    clause: ColumnElement[bool] = Application.sigungu_code == principal.sigungu_code
    if principal.emd_code:
        clause = and_(clause, Application.emd_code == principal.emd_code)
    return clause


class CaseRepository:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    def add(self, row: object) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()

    # --- applications -----------------------------------------------------------------------------
    async def application(self, application_id: uuid.UUID, *, for_update: bool = False) -> Application | None:
        query = select(Application).where(Application.id == application_id, application_scope(self.principal))
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def citizen_application(
        self, application_id: uuid.UUID, person_id: uuid.UUID
    ) -> Application | None:
        query = select(Application).where(
            Application.id == application_id, Application.applicant_person_id == person_id
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def citizen_applications(self, person_id: uuid.UUID) -> Sequence[Application]:
        query = (
            select(Application)
            .where(Application.applicant_person_id == person_id)
            .order_by(Application.applied_on.desc(), Application.created_at.desc())
            .limit(LIST_LIMIT)
        )
        return (await self.session.execute(query)).scalars().all()

    async def applications(
        self, *, state: str | None, program: str | None, person_id: uuid.UUID | None, limit: int, offset: int
    ) -> Sequence[tuple[Application, str]]:
        query = (
            select(Application, Person.name)
            .join(Person, Person.id == Application.applicant_person_id)
            .where(application_scope(self.principal))
        )
        if person_id is not None:
            query = query.where(Application.applicant_person_id == person_id)
        if state is not None or program is not None:
            cases = select(ApplicationProgram.application_id)
            if state is not None:
                cases = cases.where(ApplicationProgram.state == state)
            if program is not None:
                cases = cases.where(ApplicationProgram.program == program)
            query = query.where(Application.id.in_(cases))
        query = query.order_by(Application.applied_on.desc(), Application.created_at.desc())
        return [
            (row[0], row[1]) for row in (await self.session.execute(query.limit(limit).offset(offset))).all()
        ]

    async def open_applications(self) -> Sequence[tuple[Application, str]]:
        """Applications in scope with a case still awaiting its decision, oldest first."""
        open_cases = select(ApplicationProgram.application_id).where(
            ApplicationProgram.state.in_(("received", "investigating", "investigated"))
        )
        query = (
            select(Application, Person.name)
            .join(Person, Person.id == Application.applicant_person_id)
            .where(application_scope(self.principal), Application.id.in_(open_cases))
            .order_by(Application.applied_on)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(query)).all()]

    async def programs(
        self, application_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[ApplicationProgram]]:
        out: dict[uuid.UUID, list[ApplicationProgram]] = {i: [] for i in application_ids}
        if not application_ids:
            return out
        query = (
            select(ApplicationProgram)
            .where(ApplicationProgram.application_id.in_(application_ids))
            .order_by(ApplicationProgram.application_id, ApplicationProgram.program)
        )
        for row in (await self.session.execute(query)).scalars():
            out[row.application_id].append(row)
        return out

    async def program_case(
        self, application_id: uuid.UUID, program: str, *, for_update: bool = False
    ) -> ApplicationProgram | None:
        query = select(ApplicationProgram).where(
            ApplicationProgram.application_id == application_id, ApplicationProgram.program == program
        )
        if for_update:
            query = query.with_for_update()
        return (await self.session.execute(query)).scalar_one_or_none()

    async def consents(self, application_id: uuid.UUID) -> Sequence[FinancialConsentRow]:
        query = select(FinancialConsentRow).where(FinancialConsentRow.application_id == application_id)
        return (await self.session.execute(query)).scalars().all()

    async def events(self, application_id: uuid.UUID) -> Sequence[CaseEventRow]:
        query = (
            select(CaseEventRow)
            .where(CaseEventRow.application_id == application_id)
            .order_by(CaseEventRow.id)
        )
        return (await self.session.execute(query)).scalars().all()

    async def investigators(self, application_id: uuid.UUID) -> set[str]:
        """Every official who recorded an investigation step of the application."""
        query = select(CaseEventRow.actor).where(
            CaseEventRow.application_id == application_id, CaseEventRow.event.like("investigation_%")
        )
        return set((await self.session.execute(query)).scalars().all())

    # --- people -----------------------------------------------------------------------------------
    async def person(self, person_id: uuid.UUID) -> Person | None:
        return await self.session.get(Person, person_id)

    async def people(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Person]:
        if not ids:
            return {}
        rows = (await self.session.execute(select(Person).where(Person.id.in_(ids)))).scalars()
        return {p.id: p for p in rows}

    async def household(self, household_id: uuid.UUID) -> Household | None:
        return await self.session.get(Household, household_id)

    async def members(self, household_id: uuid.UUID) -> Sequence[tuple[HouseholdMember, Person]]:
        query = (
            select(HouseholdMember, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id == household_id, HouseholdMember.left_on.is_(None))
            .order_by(HouseholdMember.relation != "head", Person.birth_date)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(query)).all()]

    async def membership(self, person_id: uuid.UUID) -> HouseholdMember | None:
        query = select(HouseholdMember).where(
            HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def obligors(self, people: Sequence[uuid.UUID]) -> list[ObligorRow]:
        rows = await self.session.execute(
            text("SELECT * FROM support_obligors(CAST(:people AS uuid[])) ORDER BY group_id, person_id"),
            {"people": [str(p) for p in people]},
        )
        return [ObligorRow(**row._mapping) for row in rows]

    async def held_benefits(self, people: Sequence[uuid.UUID]) -> list[HeldRow]:
        rows = await self.session.execute(
            text("SELECT * FROM held_benefits(CAST(:people AS uuid[]))"), {"people": [str(p) for p in people]}
        )
        return [HeldRow(**row._mapping) for row in rows]

    async def citizen_residence(self) -> CitizenResidence | None:
        row = (await self.session.execute(text("SELECT * FROM citizen_residence()"))).first()
        return CitizenResidence(**row._mapping) if row is not None else None

    async def duty_setting(self, sigungu_code: str) -> SigunguSetting | None:
        return await self.session.get(SigunguSetting, sigungu_code)

    async def sigungu(self, code: str) -> Sigungu | None:
        return await self.session.get(Sigungu, code)

    # --- investigations and decisions -------------------------------------------------------------
    async def investigation(
        self, investigation_id: uuid.UUID, *, for_update: bool = False
    ) -> Investigation | None:
        query = (
            select(Investigation)
            .join(Application, Application.id == Investigation.application_id)
            .where(Investigation.id == investigation_id, application_scope(self.principal))
        )
        if for_update:
            query = query.with_for_update(of=Investigation)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def investigation_of(self, application_id: uuid.UUID) -> Investigation | None:
        query = select(Investigation).where(Investigation.application_id == application_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def evidence(self, investigation_id: uuid.UUID) -> Sequence[Evidence]:
        query = (
            select(Evidence)
            .where(Evidence.investigation_id == investigation_id)
            .order_by(Evidence.entered_at, Evidence.record_id)
        )
        return (await self.session.execute(query)).scalars().all()

    async def evidence_row(self, investigation_id: uuid.UUID, evidence_id: uuid.UUID) -> Evidence | None:
        query = select(Evidence).where(
            Evidence.id == evidence_id, Evidence.investigation_id == investigation_id
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def decision(self, decision_id: uuid.UUID) -> Decision | None:
        query = (
            select(Decision)
            .join(Application, Application.id == Decision.application_id)
            .where(Decision.id == decision_id, application_scope(self.principal))
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def decisions_of(self, application_id: uuid.UUID) -> Sequence[Decision]:
        query = select(Decision).where(Decision.application_id == application_id)
        return (await self.session.execute(query)).scalars().all()

    async def entitlement_ids(self, decision_id: uuid.UUID) -> list[uuid.UUID]:
        query = select(EntitlementRow.id).where(EntitlementRow.decision_id == decision_id)
        return list((await self.session.execute(query)).scalars().all())

    async def next_notice_serial(self) -> int:
        return int(await self.session.scalar(select(func.nextval("notice_number_seq"))) or 0)
