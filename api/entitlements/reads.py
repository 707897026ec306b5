"""Rows → wire shapes, shared by the entitlement, 변동신고 and 이의신청 use cases."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from api.entitlements.schemas import (
    AppealRead,
    ChangeProposalRead,
    EntitlementSummary,
    HouseholdEdit,
    PersonRef,
)
from api.models import AppealRow, ChangeProposal, Decision, EntitlementRow, Person
from api.registry.service import masked_rrn
from domain.cases.entitlement import AppealState, EntitlementState, appeal_deadline
from domain.rules.programs.common import Program
from domain.rules.trace import TraceStep

_EDITS = TypeAdapter(list[HouseholdEdit])


def person_ref(person: Person) -> PersonRef:
    return PersonRef(id=person.id, name=person.name, rrn_masked=masked_rrn(person))


def summary_fields(row: EntitlementRow, person: Person) -> dict[str, Any]:
    state = EntitlementState(row.state)
    return {
        "id": row.id,
        "program": row.program,
        "person": person_ref(person),
        "state": state,
        "state_label": state.label,
        "monthly_amount": row.monthly_amount,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "cancelled_from": row.cancelled_from,
        "sigungu_code": row.sigungu_code,
    }


def summary(row: EntitlementRow, person: Person) -> EntitlementSummary:
    return EntitlementSummary.model_validate(summary_fields(row, person))


def trace_record(steps: tuple[TraceStep, ...]) -> list[dict[str, Any]]:
    """A rules trace as stored in JSONB (dates as ISO strings)."""
    return [
        {
            "step": s.step,
            "value": s.value,
            "reference": s.reference,
            "note": s.note,
            "effective_from": s.effective_from.isoformat() if s.effective_from else None,
            "uncertain": s.uncertain,
        }
        for s in steps
    ]


def proposal_read(proposal: ChangeProposal) -> ChangeProposalRead:
    inputs = proposal.inputs or {}
    return ChangeProposalRead.model_validate(
        {
            "id": proposal.id,
            "entitlement_id": proposal.entitlement_id,
            "kind": proposal.kind,
            "reason": inputs.get("reason"),
            "reported_on": proposal.reported_on,
            "effective_from": proposal.effective_from,
            "description": proposal.description,
            "changes": _EDITS.validate_python(inputs.get("changes") or []),
            "before_amount": proposal.before_amount,
            "after_amount": proposal.after_amount,
            "after_eligible": proposal.after_eligible,
            "trace": proposal.trace,
            "state": proposal.state,
            "reported_by": proposal.reported_by,
            "reported_at": proposal.reported_at,
            "decided_by": proposal.decided_by,
            "decided_at": proposal.decided_at,
            "decision_note": proposal.decision_note,
            "version": proposal.version,
        }
    )


def appeal_read(appeal: AppealRow, decision: Decision) -> AppealRead:
    state = AppealState(appeal.state)
    return AppealRead.model_validate(
        {
            "id": appeal.id,
            "decision_id": appeal.decision_id,
            "program": appeal.program,
            "notified_on": decision.decided_on,
            "deadline": appeal_deadline(Program(appeal.program), decision.decided_on),
            "filed_on": appeal.filed_on,
            "grounds": appeal.grounds,
            "state": state.value,
            "state_label": state.label,
            "outcome_note": appeal.outcome_note,
            "recorded_by": appeal.recorded_by,
            "decided_by": appeal.decided_by,
            "decided_at": appeal.decided_at,
            "version": appeal.version,
        }
    )
