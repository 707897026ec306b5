"""Reading applications: one, a citizen's own, a filtered list, the overdue list and the history."""

from __future__ import annotations

import uuid
from datetime import date

from api.audit.trail import AuditTrail
from api.cases import history
from api.cases.case_states import APPLICATION_NOT_FOUND, OPEN_STATES
from api.cases.reads import application_read, deadline_of, summary_read
from api.cases.repository import CaseRepository
from api.cases.schemas import (
    ApplicationRead,
    ApplicationSummary,
    CaseEventRead,
    OverdueItem,
)
from api.models import Application
from domain.cases.application import CaseState
from domain.errors import NotFound


class ApplicationQueries:
    def __init__(self, repo: CaseRepository, trail: AuditTrail, today: date) -> None:
        self.repo = repo
        self.trail = trail
        self.today = today

    async def _load(self, application_id: uuid.UUID, *, for_update: bool = False) -> Application:
        application = await self.repo.application(application_id, for_update=for_update)
        if application is None:
            raise NotFound(APPLICATION_NOT_FOUND)
        self.trail.add_subjects(application.applicant_person_id)
        return application

    async def read(self, application_id: uuid.UUID) -> ApplicationRead:
        application = await self._load(application_id)
        cases = (await self.repo.programs([application.id]))[application.id]
        person = await self.repo.person(application.applicant_person_id)
        investigation = await self.repo.investigation_of(application.id)
        return application_read(
            application,
            cases,
            self.today,
            applicant_name=person.name if person else None,
            investigation_id=investigation.id if investigation else None,
            decisions=list(await self.repo.decisions_of(application.id)),
        )

    async def _citizen_read(self, application: Application) -> ApplicationRead:
        cases = (await self.repo.programs([application.id]))[application.id]
        decisions = list(await self.repo.decisions_of(application.id))
        return application_read(application, cases, self.today, applicant_name=None, decisions=decisions)

    async def citizen_read(self, application_id: uuid.UUID) -> ApplicationRead:
        residence = await self.repo.citizen_residence()
        application = (
            await self.repo.citizen_application(application_id, residence.person_id) if residence else None
        )
        if application is None or residence is None:
            raise NotFound(APPLICATION_NOT_FOUND)
        self.trail.add_subjects(residence.person_id)
        return await self._citizen_read(application)

    async def citizen_list(self) -> list[ApplicationRead]:
        residence = await self.repo.citizen_residence()
        if residence is None:
            return []
        self.trail.add_subjects(residence.person_id)
        return [
            await self._citizen_read(a) for a in await self.repo.citizen_applications(residence.person_id)
        ]

    async def search(
        self, *, state: str | None, program: str | None, person_id: uuid.UUID | None, limit: int, offset: int
    ) -> list[ApplicationSummary]:
        rows = await self.repo.applications(
            state=state, program=program, person_id=person_id, limit=limit, offset=offset
        )
        cases = await self.repo.programs([a.id for a, _ in rows])
        self.trail.add_subjects(*(a.applicant_person_id for a, _ in rows))
        return [summary_read(a, cases[a.id], name, self.today) for a, name in rows]

    async def overdue(self) -> list[OverdueItem]:
        """Open applications past their decision deadline (법 제26조), most overdue first."""
        rows = await self.repo.open_applications()
        cases = await self.repo.programs([a.id for a, _ in rows])
        items = []
        for application, name in rows:
            deadline = deadline_of(application)
            if not deadline.is_overdue(self.today):
                continue
            open_programs = [c.program for c in cases[application.id] if CaseState(c.state) in OPEN_STATES]
            items.append(
                OverdueItem.model_validate(
                    {
                        "application_id": application.id,
                        "applicant_name": name,
                        "emd_name": application.emd_name,
                        "applied_on": application.applied_on,
                        "due": deadline.due,
                        "days_overdue": -deadline.days_left(self.today),
                        "extended": deadline.extension is not None,
                        "programs": open_programs,
                    }
                )
            )
            self.trail.add_subjects(application.applicant_person_id)
        return sorted(items, key=lambda i: -i.days_overdue)

    async def history(self, application_id: uuid.UUID) -> list[CaseEventRead]:
        application = await self._load(application_id)
        return [
            CaseEventRead.model_validate(
                {
                    "id": e.id,
                    "program": e.program,
                    "event": e.event,
                    "event_label": history.label(e.event),
                    "from_state": e.from_state,
                    "to_state": e.to_state,
                    "actor": e.actor,
                    "occurred_at": e.occurred_at,
                    "reason": e.reason,
                    "detail": e.detail,
                }
            )
            for e in await self.repo.events(application.id)
        ]

    # --- changes ---------------------------------------------------------------------------------
