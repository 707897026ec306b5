"""Rows of the case workflow as API reads."""

from __future__ import annotations

from datetime import date

from api.cases.schemas import ApplicationRead, ApplicationSummary, DeadlineRead, ProgramCaseRead
from api.models import Application, ApplicationProgram, Decision
from domain.cases.application import CaseState
from domain.cases.deadline import Deadline, Extension, ExtensionReason


def deadline_of(application: Application) -> Deadline:
    extension = None
    if application.extension_reason and application.extension_detail and application.extension_granted_on:
        extension = Extension(
            ExtensionReason(application.extension_reason),
            application.extension_detail,
            application.extension_granted_on,
        )
    return Deadline(application.applied_on, extension)


def deadline_read(application: Application, today: date) -> DeadlineRead:
    deadline = deadline_of(application)
    reason = deadline.extension.reason.label if deadline.extension else None
    return DeadlineRead(
        due=deadline.due,
        days_left=deadline.days_left(today),
        overdue=deadline.is_overdue(today),
        extended=deadline.extension is not None,
        extension_reason=reason,
        extension_detail=application.extension_detail,
    )


def case_read(row: ApplicationProgram, decisions: dict[str, Decision] | None = None) -> ProgramCaseRead:
    decision = (decisions or {}).get(row.program)
    return ProgramCaseRead.model_validate(
        {
            "id": row.id,
            "program": row.program,
            "state": row.state,
            "state_label": CaseState(row.state).label,
            "investigation_refusals": row.investigation_refusals,
            "version": row.version,
            "decision_id": decision.id if decision else None,
        }
    )


def application_read(
    application: Application,
    cases: list[ApplicationProgram],
    today: date,
    *,
    applicant_name: str | None,
    investigation_id: object = None,
    decisions: list[Decision] | None = None,
) -> ApplicationRead:
    by_program = {d.program: d for d in decisions or []}
    return ApplicationRead.model_validate(
        {
            "id": application.id,
            "applicant_person_id": application.applicant_person_id,
            "applicant_name": applicant_name,
            "household_id": application.household_id,
            "sigungu_code": application.sigungu_code,
            "emd_code": application.emd_code,
            "emd_name": application.emd_name,
            "channel": application.channel,
            "applied_on": application.applied_on,
            "received_by": application.received_by,
            "residence_basis": application.residence_basis,
            "privacy_notice_version": application.privacy_notice_version,
            "privacy_notice_given_on": application.privacy_notice_given_on,
            "programs": [case_read(c, by_program) for c in cases],
            "deadline": deadline_read(application, today),
            "investigation_id": investigation_id,
            "version": application.version,
            "created_at": application.created_at,
        }
    )


def summary_read(
    application: Application, cases: list[ApplicationProgram], name: str, today: date
) -> ApplicationSummary:
    return ApplicationSummary.model_validate(
        {
            "id": application.id,
            "applicant_person_id": application.applicant_person_id,
            "applicant_name": name,
            "applied_on": application.applied_on,
            "channel": application.channel,
            "programs": [case_read(c) for c in cases],
            "deadline": deadline_read(application, today),
        }
    )
