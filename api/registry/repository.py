"""All SQL of the registry. Every query is scoped to the caller's 시군구 (and 읍면동, if the account has
one) here; PostgreSQL row-level security enforces the same underneath."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import FamilyRelation, Household, HouseholdMember, Person, Sigungu
from api.security.principal import Principal

SEARCH_LIMIT = 50


def in_scope(table: Any, principal: Principal) -> ColumnElement[bool]:
    if principal.sigungu_code is None:
        return false()  # service clients see no one in the registry
    clause: ColumnElement[bool] = table.sigungu_code == principal.sigungu_code
    if principal.emd_code:
        clause = and_(clause, table.emd_code == principal.emd_code)
    return clause


class RegistryRepository:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    async def sigungu_name(self, code: str) -> str | None:
        return await self.session.scalar(select(Sigungu.name).where(Sigungu.code == code))

    async def person(self, person_id: uuid.UUID, *, for_update: bool = False) -> Person | None:
        query = select(Person).where(Person.id == person_id, in_scope(Person, self.principal))
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def person_for_read(
        self, person_id: uuid.UUID
    ) -> tuple[Person, HouseholdMember | None, str | None] | None:
        """`person(person_id)` with what a read shows beside it — the current household membership
        (as `current_membership`) and the name of the person's 시군구 (as `sigungu_name`) — in one
        round trip. At most one row: a person has at most one current membership."""
        row = (
            await self.session.execute(
                select(Person, HouseholdMember, Sigungu.name)
                .outerjoin(
                    HouseholdMember,
                    and_(HouseholdMember.person_id == Person.id, HouseholdMember.left_on.is_(None)),
                )
                .outerjoin(Sigungu, Sigungu.code == Person.sigungu_code)
                .where(Person.id == person_id, in_scope(Person, self.principal))
            )
        ).first()
        return None if row is None else (row[0], row[1], row[2])

    async def person_by_blind_index(self, index: bytes) -> Person | None:
        return await self.session.scalar(
            select(Person).where(Person.rrn_blind_index == index, in_scope(Person, self.principal))
        )

    async def search(self, name: str, birth_date: date | None) -> Sequence[Person]:
        query = select(Person).where(Person.name == name, in_scope(Person, self.principal))
        if birth_date is not None:
            query = query.where(Person.birth_date == birth_date)
        return (
            await self.session.scalars(query.order_by(Person.birth_date, Person.id).limit(SEARCH_LIMIT))
        ).all()

    async def current_membership(self, person_id: uuid.UUID) -> HouseholdMember | None:
        return await self.session.scalar(
            select(HouseholdMember).where(
                HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None)
            )
        )

    async def household(self, household_id: uuid.UUID, *, for_update: bool = False) -> Household | None:
        query = select(Household).where(Household.id == household_id, in_scope(Household, self.principal))
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def members(self, household_id: uuid.UUID) -> Sequence[tuple[HouseholdMember, Person]]:
        rows = await self.session.execute(
            select(HouseholdMember, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id == household_id, HouseholdMember.left_on.is_(None))
            .order_by(HouseholdMember.joined_on, Person.birth_date)
        )
        return [(row[0], row[1]) for row in rows]

    async def relations(self, person_id: uuid.UUID) -> Sequence[FamilyRelation]:
        return (
            await self.session.scalars(
                select(FamilyRelation)
                .where(
                    or_(FamilyRelation.from_person_id == person_id, FamilyRelation.to_person_id == person_id)
                )
                .order_by(FamilyRelation.kind, FamilyRelation.id)
            )
        ).all()

    async def relation(self, relation_id: uuid.UUID) -> FamilyRelation | None:
        return await self.session.get(FamilyRelation, relation_id)

    async def relation_exists(self, from_id: uuid.UUID, to_id: uuid.UUID, kind: str) -> bool:
        found = await self.session.scalar(
            select(FamilyRelation.id).where(
                FamilyRelation.from_person_id == from_id,
                FamilyRelation.to_person_id == to_id,
                FamilyRelation.kind == kind,
            )
        )
        return found is not None

    async def visible_people(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Person]:
        if not ids:
            return {}
        people = await self.session.scalars(
            select(Person).where(Person.id.in_(ids), in_scope(Person, self.principal))
        )
        return {p.id: p for p in people}

    def add(self, row: object) -> None:
        self.session.add(row)

    async def delete(self, row: object) -> None:
        await self.session.delete(row)

    async def flush(self) -> None:
        await self.session.flush()
