"""A 변동신고's edits applied to the household as it was assessed for the decision. Pure: the
recorded snapshot is deep-copied, never changed, and every bad edit is named by its place in the
request (`changes.2.member_id`)."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from api.entitlements.schemas import (
    AddMember,
    AssetsEdit,
    HouseholdEdit,
    HousingEdit,
    MemberEdit,
    RemoveMember,
)
from domain.errors import InvalidInput


@dataclass(frozen=True)
class Snapshot:
    """`investigations.household`: the 모의계산-contract `mapping` the decision was made on, and which
    registry person each of its member ids (m1, m2…) stands for."""

    mapping: dict[str, Any]
    members: dict[str, str]

    @classmethod
    def from_record(cls, record: Mapping[str, Any] | None) -> Snapshot | None:
        if not record or not isinstance(record.get("mapping"), Mapping):
            return None
        members = record.get("members") or {}
        if not isinstance(members, Mapping):
            return None
        return cls(copy.deepcopy(dict(record["mapping"])), {str(k): str(v) for k, v in members.items()})

    def member_of(self, person_id: uuid.UUID) -> str | None:
        return next((key for key, person in self.members.items() if person == str(person_id)), None)

    def as_record(self) -> dict[str, Any]:
        return {"mapping": self.mapping, "members": self.members}


def _member_index(mapping: Mapping[str, Any], member_id: str) -> int | None:
    members = mapping.get("members")
    if not isinstance(members, list):
        return None
    return next(
        (i for i, m in enumerate(members) if isinstance(m, Mapping) and m.get("id") == member_id), None
    )


def apply_edits(snapshot: Snapshot, edits: Sequence[HouseholdEdit], beneficiary: str | None) -> Snapshot:
    """The snapshot with `edits` applied in order. `beneficiary` is the member id of a personal
    program's 수급자: they cannot be removed by a 변동신고 — leaving the household or dying ends the
    right itself (수급권 상실), which is its own procedure."""
    mapping = copy.deepcopy(snapshot.mapping)
    people = dict(snapshot.members)
    members: list[dict[str, Any]] = list(mapping.get("members") or [])
    mapping["members"] = members
    errors: dict[str, str] = {}
    for index, edit in enumerate(edits):
        path = f"changes.{index}"
        if isinstance(edit, MemberEdit):
            found = _member_index(mapping, edit.member_id)
            if found is None:
                errors[f"{path}.member_id"] = "unknown_member"
                continue
            member = members[found] = dict(members[found])
            if edit.income is not None:
                income = dict(member.get("income") or {})
                income.update(edit.income.model_dump(exclude_unset=True, exclude_none=True))
                member["income"] = income
            member.update(
                edit.model_dump(exclude_unset=True, exclude_none=True, exclude={"member_id", "income"})
            )
        elif isinstance(edit, RemoveMember):
            found = _member_index(mapping, edit.remove_member)
            if found is None:
                errors[f"{path}.remove_member"] = "unknown_member"
            elif edit.remove_member == beneficiary:
                errors[f"{path}.remove_member"] = "beneficiary"
            elif members[found].get("relation") == "head":
                errors[f"{path}.remove_member"] = "head"
            else:
                del members[found]
                people.pop(edit.remove_member, None)
        elif isinstance(edit, AddMember):
            new = edit.add_member.model_dump(mode="json")
            if _member_index(mapping, new["id"]) is not None:
                errors[f"{path}.add_member.id"] = "duplicate_member"
                continue
            members.append(new)
            if edit.person_id is not None:
                if str(edit.person_id) in people.values():
                    errors[f"{path}.person_id"] = "already_member"
                    continue
                people[new["id"]] = str(edit.person_id)
        elif isinstance(edit, AssetsEdit):
            assets = dict(mapping.get("assets") or {})
            assets.update(edit.assets.model_dump(mode="json", exclude_unset=True, exclude_none=True))
            mapping["assets"] = assets
        elif isinstance(edit, HousingEdit):
            housing = dict(mapping.get("housing") or {})
            housing.update(edit.housing.model_dump(mode="json", exclude_unset=True, exclude_none=True))
            mapping["housing"] = housing
    if errors:
        detail = "변동 내용을 적용할 수 없습니다: " + ", ".join(f"{f} ({c})" for f, c in errors.items())
        raise InvalidInput(detail, fields=errors)
    return Snapshot(mapping, people)
