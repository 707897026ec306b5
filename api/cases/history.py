"""The case history: one `case_events` row per state change or investigation step, with who, when
and why. Investigation steps are named `investigation_*`: the separation of duties reads them to
learn who investigated a case."""

from __future__ import annotations

import uuid
from typing import Any

from api.cases.repository import CaseRepository
from api.models import CaseEventRow
from domain.cases.application import CaseEvent, CaseState

LABELS = {
    "received": "신청 접수",
    "withdrawn": "신청 취하",
    "deadline_extended": "처리기한 연장",
    "investigation_started": "조사 착수",
    "investigation_gathered": "연계 자료 조회",
    "investigation_facts": "확인 사항 입력",
    "investigation_evidence_added": "증빙 자료 입력",
    "investigation_evidence_voided": "증빙 자료 무효 처리",
    "investigation_refusal": "조사 거부·방해 기록",
    "investigation_completed": "조사 완료",
    "returned_for_investigation": "보완조사 요구",
    "decided": "결정",
    "dismissed": "신청 각하",
}
# Case-machine events → their history names.
EVENT_NAMES = {
    CaseEvent.START_INVESTIGATION: "investigation_started",
    CaseEvent.RECORD_REFUSAL: "investigation_refusal",
    CaseEvent.COMPLETE_INVESTIGATION: "investigation_completed",
    CaseEvent.RETURN_FOR_INVESTIGATION: "returned_for_investigation",
    CaseEvent.APPROVE: "decided",
    CaseEvent.REJECT: "decided",
    CaseEvent.WITHDRAW: "withdrawn",
    CaseEvent.DISMISS: "dismissed",
}


def label(event: str) -> str:
    return LABELS.get(event, event)


def record(
    repo: CaseRepository,
    application_id: uuid.UUID,
    event: str,
    *,
    program: str | None = None,
    before: CaseState | None = None,
    after: CaseState | None = None,
    reason: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    principal = repo.principal
    repo.add(
        CaseEventRow(
            application_id=application_id,
            program=program,
            event=event,
            from_state=before.value if before else None,
            to_state=after.value if after else None,
            actor=principal.name,
            actor_kind=principal.kind,
            reason=reason,
            detail=detail or {},
        )
    )
