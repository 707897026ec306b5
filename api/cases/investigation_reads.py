"""The investigation as the API reads it: members and 부양의무자 with names, the evidence, the household
as assessed and the programs' results."""

from __future__ import annotations

import uuid

from api.audit.trail import AuditTrail
from api.cases.repository import CaseRepository
from api.cases.schemas import EvidenceRead, InvestigationRead
from api.models import Application, Evidence, Investigation
from domain.cases.assessment import income_month


async def investigation_read(
    repo: CaseRepository, trail: AuditTrail, investigation: Investigation, application: Application
) -> InvestigationRead:
    evidence = await repo.evidence(investigation.id)
    snapshot = investigation.household or {}
    member_keys: dict[str, str] = snapshot.get("members", {})
    obligors = snapshot.get("obligors", [])
    ids = [uuid.UUID(v) for v in member_keys.values()] + [uuid.UUID(o["person_id"]) for o in obligors]
    people = await repo.people(ids)
    names = {pid: p.name for pid, p in people.items()} | {
        uuid.UUID(o["person_id"]): o["name"] for o in obligors
    }
    mapping_members = {m["id"]: m for m in snapshot.get("mapping", {}).get("members", [])}
    trail.add_subjects(*ids)
    return InvestigationRead.model_validate(
        {
            "id": investigation.id,
            "application_id": application.id,
            "state": investigation.state,
            "as_of": investigation.as_of,
            "income_month": income_month(investigation.as_of),
            "started_by": investigation.started_by,
            "completed_by": investigation.completed_by,
            "facts": investigation.facts,
            "members": [
                {
                    "member_id": key,
                    "person_id": pid,
                    "name": names.get(uuid.UUID(pid), ""),
                    "relation": mapping_members.get(key, {}).get("relation", ""),
                    "birth_date": mapping_members.get(key, {}).get("birth_date"),
                }
                for key, pid in member_keys.items()
            ],
            "obligors": [
                {
                    "member_id": o["group_id"],
                    "person_id": o["person_id"],
                    "name": o["name"],
                    "relation": o["relation"],
                    "birth_date": o["birth_date"],
                }
                for o in obligors
            ],
            "household": snapshot.get("mapping"),
            "results": investigation.results or [],
            "recognized_income": investigation.recognized_income,
            "evidence": [_evidence_read(e, names) for e in evidence],
            "not_obtained": investigation.not_obtained,
            "version": investigation.version,
        }
    )


def _evidence_read(row: Evidence, names: dict[uuid.UUID, str]) -> EvidenceRead:
    return EvidenceRead.model_validate(
        {
            "id": row.id,
            "person_id": row.person_id,
            "person_name": names.get(row.person_id, ""),
            "role": row.role,
            "kind": row.kind,
            "source": row.source,
            "agency": row.agency,
            "record_id": row.record_id,
            "record": row.record,
            "status": row.status,
            "reason": row.reason,
            "replaces_id": row.replaces_id,
            "entered_by": row.entered_by,
            "entered_at": row.entered_at,
            "void_reason": row.void_reason,
        }
    )
