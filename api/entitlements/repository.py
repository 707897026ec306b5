"""All SQL of entitlements, 변동신고 and 이의신청. Every query is scoped here to the caller's 시군구
(and 읍면동, if the account has one) — an entitlement by the 시군구 that granted it, a decision and its
appeals by the application's — and PostgreSQL row-level security enforces the same underneath."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import (
    AppealRow,
    Application,
    ChangeProposal,
    Decision,
    EntitlementAmount,
    EntitlementEvent,
    EntitlementMember,
    EntitlementRow,
    Investigation,
    Person,
)
from api.registry.repository import in_scope
from api.security.principal import Principal


@dataclass(frozen=True)
class EntitlementFilter:
    person_id: uuid.UUID | None = None
    program: str | None = None
    state: str | None = None


class EntitlementRepository:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    def _scope(self) -> ColumnElement[bool]:
        return in_scope(EntitlementRow, self.principal)

    # --- entitlements ----------------------------------------------------------------------------
    async def search(
        self, where: EntitlementFilter, limit: int, offset: int
    ) -> Sequence[tuple[EntitlementRow, Person]]:
        query = (
            select(EntitlementRow, Person)
            .join(Person, Person.id == EntitlementRow.person_id)
            .where(self._scope())
        )
        if where.person_id is not None:
            # The beneficiary, or a member a household entitlement covers.
            covered = select(EntitlementMember.entitlement_id).where(
                EntitlementMember.person_id == where.person_id
            )
            query = query.where(
                or_(EntitlementRow.person_id == where.person_id, EntitlementRow.id.in_(covered))
            )
        if where.program is not None:
            query = query.where(EntitlementRow.program == where.program)
        if where.state is not None:
            query = query.where(EntitlementRow.state == where.state)
        query = (
            query.order_by(EntitlementRow.start_date.desc(), EntitlementRow.id).limit(limit).offset(offset)
        )
        return [(row[0], row[1]) for row in await self.session.execute(query)]

    async def entitlement(
        self, entitlement_id: uuid.UUID, *, for_update: bool = False
    ) -> EntitlementRow | None:
        query = select(EntitlementRow).where(EntitlementRow.id == entitlement_id, self._scope())
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def person(self, person_id: uuid.UUID) -> Person | None:
        return await self.session.get(Person, person_id)

    async def visible_person(self, person_id: uuid.UUID) -> Person | None:
        """A person of the caller's jurisdiction (a new household member named in a 변동신고)."""
        return await self.session.scalar(
            select(Person).where(Person.id == person_id, in_scope(Person, self.principal))
        )

    async def members(self, entitlement_id: uuid.UUID) -> Sequence[Person]:
        return (
            await self.session.scalars(
                select(Person)
                .join(EntitlementMember, EntitlementMember.person_id == Person.id)
                .where(EntitlementMember.entitlement_id == entitlement_id)
                .order_by(Person.birth_date, Person.id)
            )
        ).all()

    async def amounts(self, entitlement_id: uuid.UUID) -> Sequence[EntitlementAmount]:
        return (
            await self.session.scalars(
                select(EntitlementAmount)
                .where(EntitlementAmount.entitlement_id == entitlement_id)
                .order_by(EntitlementAmount.effective_from, EntitlementAmount.id)
            )
        ).all()

    async def events(self, entitlement_id: uuid.UUID) -> Sequence[EntitlementEvent]:
        return (
            await self.session.scalars(
                select(EntitlementEvent)
                .where(EntitlementEvent.entitlement_id == entitlement_id)
                .order_by(EntitlementEvent.id)
            )
        ).all()

    # --- 변동신고 ----------------------------------------------------------------------------------
    async def pending_proposals(self, entitlement_id: uuid.UUID) -> Sequence[ChangeProposal]:
        return (
            await self.session.scalars(
                select(ChangeProposal)
                .where(ChangeProposal.entitlement_id == entitlement_id, ChangeProposal.state == "proposed")
                .order_by(ChangeProposal.reported_at, ChangeProposal.id)
            )
        ).all()

    async def proposal(
        self, entitlement_id: uuid.UUID, proposal_id: uuid.UUID, *, for_update: bool = False
    ) -> ChangeProposal | None:
        query = select(ChangeProposal).where(
            ChangeProposal.id == proposal_id, ChangeProposal.entitlement_id == entitlement_id
        )
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def latest_confirmed(self, entitlement_id: uuid.UUID) -> ChangeProposal | None:
        """The last 변동신고 confirmed: its household is the one the right now rests on."""
        return await self.session.scalar(
            select(ChangeProposal)
            .where(ChangeProposal.entitlement_id == entitlement_id, ChangeProposal.state == "confirmed")
            .order_by(ChangeProposal.decided_at.desc(), ChangeProposal.id.desc())
            .limit(1)
        )

    async def investigation_of(self, application_id: uuid.UUID) -> Investigation | None:
        return await self.session.scalar(
            select(Investigation).where(Investigation.application_id == application_id)
        )

    # --- decisions and 이의신청 -------------------------------------------------------------------
    async def decision(self, decision_id: uuid.UUID) -> tuple[Decision, Application] | None:
        row = (
            await self.session.execute(
                select(Decision, Application)
                .join(Application, Application.id == Decision.application_id)
                .where(Decision.id == decision_id, in_scope(Application, self.principal))
            )
        ).first()
        return None if row is None else (row[0], row[1])

    async def decision_beneficiaries(self, decision_id: uuid.UUID) -> Sequence[uuid.UUID]:
        """The people the decision's entitlements were granted to (none for a rejection)."""
        return (
            await self.session.scalars(
                select(EntitlementRow.person_id).where(
                    EntitlementRow.decision_id == decision_id, self._scope()
                )
            )
        ).all()

    async def appeals(self, decision_id: uuid.UUID) -> Sequence[AppealRow]:
        return (
            await self.session.scalars(
                select(AppealRow)
                .where(AppealRow.decision_id == decision_id)
                .order_by(AppealRow.filed_on, AppealRow.id)
            )
        ).all()

    async def appeal(
        self, appeal_id: uuid.UUID, *, for_update: bool = False
    ) -> tuple[AppealRow, Decision, Application] | None:
        query = (
            select(AppealRow, Decision, Application)
            .join(Decision, Decision.id == AppealRow.decision_id)
            .join(Application, Application.id == Decision.application_id)
            .where(AppealRow.id == appeal_id, in_scope(Application, self.principal))
        )
        if for_update:
            query = query.with_for_update(of=AppealRow)
        row = (await self.session.execute(query)).first()
        return None if row is None else (row[0], row[1], row[2])

    # --- writing -----------------------------------------------------------------------------------
    def add(self, row: object) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()
