"""From an investigation's evidence and facts to the rules engine's results: the household mapping
(members named m1…mN, mapped back to person ids), the results with their traces, and the parameter
snapshot the decision keeps."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from api.models import Evidence, HouseholdMember, Investigation, Person
from api.simulations.service import to_response
from domain.cases.assessment import (
    AssessedMember,
    HouseholdFacts,
    HousingFacts,
    MemberFacts,
    household_mapping,
)
from domain.linked_data import PersonRecords, RecordKind
from domain.linked_data_codec import Record, person_records, record_from_json
from domain.rules.household_codec import household_from_mapping
from domain.rules.regions import Region
from domain.rules.simulate import simulate


def records_by_person(evidence: Sequence[Evidence]) -> dict[uuid.UUID, PersonRecords]:
    grouped: dict[uuid.UUID, list[Record]] = {}
    for row in evidence:
        if row.status == "active":
            grouped.setdefault(row.person_id, []).append(record_from_json(RecordKind(row.kind), row.record))
    return {person: person_records(records) for person, records in grouped.items()}


def facts_of(raw: dict[str, Any], member_keys: dict[uuid.UUID, str]) -> HouseholdFacts:
    housing = raw.get("housing") or {}
    members = {
        member_keys[uuid.UUID(pid)]: MemberFacts(**value)
        for pid, value in (raw.get("members") or {}).items()
        if uuid.UUID(pid) in member_keys
    }
    return HouseholdFacts(
        housing=HousingFacts(
            tenure=housing.get("tenure"),
            monthly_rent=housing.get("monthly_rent", 0),
            deposit=housing.get("deposit"),
        ),
        crisis_reasons=tuple(raw.get("crisis_reasons") or ()),
        members=members,
    )


def parameter_snapshot(results: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every parameter the results used, once: the trace steps that carry an effective date."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for result in results:
        for step in result["trace"]:
            if step.get("effective_from"):
                seen.setdefault((step["step"], str(step["value"])), step)
    return list(seen.values())


def assess(
    investigation: Investigation,
    sigungu_code: str,
    members: Sequence[tuple[HouseholdMember, Person]],
    obligors: Sequence[dict[str, Any]],
    evidence: Sequence[Evidence],
    region_of: Callable[[str], Region | None],
) -> None:
    """Recomputes the investigation's household, results and parameter snapshot in place."""
    records = records_by_person(evidence)
    keys = {person.id: f"m{index}" for index, (_, person) in enumerate(members, start=1)}
    assessed = [
        AssessedMember(
            id=keys[person.id],
            relation=membership.relation,
            birth_date=person.birth_date,
            disability=person.disability,
            records=records.get(person.id, PersonRecords()),
        )
        for membership, person in members
    ]
    groups: dict[str, list[PersonRecords]] = {}
    for obligor in obligors:
        groups.setdefault(obligor["group_id"], []).append(
            records.get(uuid.UUID(obligor["person_id"]), PersonRecords())
        )
    mapping = household_mapping(
        investigation.as_of,
        sigungu_code,
        assessed,
        list(groups.values()),
        facts_of(investigation.facts, keys),
    )
    result = to_response(simulate(household_from_mapping(mapping, region_of)))
    results = [r.model_dump(mode="json") for r in result.results]
    investigation.household = {
        "mapping": mapping,
        "members": {key: str(pid) for pid, key in keys.items()},
        "obligors": list(obligors),
        "standard_median_income": result.standard_median_income,
    }
    investigation.results = results
    investigation.parameters = parameter_snapshot(results)
    livelihood = next((r for r in results if r["program"] == "livelihood"), None)
    investigation.recognized_income = livelihood["recognized_income"] if livelihood else None
