"""Family relations across households (parent/child/spouse), the ground for 부양의무자
(국민기초생활 보장법 제2조5호: 1촌의 직계혈족 및 그 배우자). Stored once per pair."""

from __future__ import annotations

import uuid

from api.audit.trail import AuditTrail
from api.models import FamilyRelation
from api.registry.repository import RegistryRepository
from api.registry.schemas import FamilyKind, RelationRead
from api.registry.service import PERSON_NOT_FOUND, summary
from domain.errors import Conflict, InvalidInput, NotFound


def _stored(
    person_id: uuid.UUID, related_id: uuid.UUID, kind: FamilyKind
) -> tuple[uuid.UUID, uuid.UUID, str]:
    """(from, to, kind) in the canonical direction."""
    if kind is FamilyKind.CHILD:
        return person_id, related_id, "parent_of"
    if kind is FamilyKind.PARENT:
        return related_id, person_id, "parent_of"
    low, high = sorted((person_id, related_id))
    return low, high, "spouse_of"


def _seen_from(person_id: uuid.UUID, row: FamilyRelation) -> tuple[uuid.UUID, FamilyKind]:
    if row.kind == "spouse_of":
        other = row.to_person_id if row.from_person_id == person_id else row.from_person_id
        return other, FamilyKind.SPOUSE
    if row.from_person_id == person_id:
        return row.to_person_id, FamilyKind.CHILD
    return row.from_person_id, FamilyKind.PARENT


class RelationService:
    def __init__(self, repo: RegistryRepository, trail: AuditTrail) -> None:
        self.repo = repo
        self.trail = trail

    async def list(self, person_id: uuid.UUID) -> list[RelationRead]:
        if await self.repo.person(person_id) is None:
            raise NotFound(PERSON_NOT_FOUND)
        rows = await self.repo.relations(person_id)
        seen = [(row, *_seen_from(person_id, row)) for row in rows]
        visible = await self.repo.visible_people([other for _, other, _ in seen])
        self.trail.add_subjects(person_id, *visible)
        return [
            RelationRead(
                id=row.id,
                related_person_id=other,
                kind=kind,
                related=summary(visible[other]) if other in visible else None,
            )
            for row, other, kind in seen
        ]

    async def add(self, person_id: uuid.UUID, related_id: uuid.UUID, kind: FamilyKind) -> RelationRead:
        if person_id == related_id:
            raise InvalidInput(
                "자기 자신과의 관계는 등록할 수 없습니다.", fields={"related_person_id": "self"}
            )
        people = await self.repo.visible_people([person_id, related_id])
        if person_id not in people:
            raise NotFound(PERSON_NOT_FOUND)
        if related_id not in people:
            raise NotFound("관계 대상자를 찾을 수 없습니다.")
        self.trail.add_subjects(person_id, related_id)
        from_id, to_id, stored_kind = _stored(person_id, related_id, kind)
        if stored_kind == "parent_of" and await self.repo.relation_exists(to_id, from_id, "parent_of"):
            raise Conflict("반대 방향의 부모·자녀 관계가 이미 있습니다.")
        if await self.repo.relation_exists(from_id, to_id, stored_kind):
            raise Conflict("이미 등록된 관계입니다.")
        row = FamilyRelation(id=uuid.uuid4(), from_person_id=from_id, to_person_id=to_id, kind=stored_kind)
        self.repo.add(row)
        await self.repo.flush()
        return RelationRead(
            id=row.id, related_person_id=related_id, kind=kind, related=summary(people[related_id])
        )

    async def remove(self, person_id: uuid.UUID, relation_id: uuid.UUID) -> None:
        if await self.repo.person(person_id) is None:
            raise NotFound(PERSON_NOT_FOUND)
        row = await self.repo.relation(relation_id)
        if row is None or person_id not in (row.from_person_id, row.to_person_id):
            raise NotFound("관계를 찾을 수 없습니다.")
        self.trail.add_subjects(row.from_person_id, row.to_person_id)
        await self.repo.delete(row)
        await self.repo.flush()
