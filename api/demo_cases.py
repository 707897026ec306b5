"""Demo cases, so the caseworker screens have work in them: the 김민수 couple's 신청 (생계급여, 기초연금)
received 40 days ago and never investigated — on the overdue list; 박서연's 신청 for her children
(아동수당, 가정양육수당) investigated and waiting for the decision-maker; 서말순's 생계급여 decided two
months ago, so she is a 수급자 (certificates can be issued for her). 최은정 is left without a case for a
demonstration of the whole flow. Idempotent: an applicant who already has a case is skipped."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.trail import Action, AuditTrail, append
from api.cases.applications import ApplicationService
from api.cases.decisions import DecisionService
from api.cases.investigations import InvestigationService
from api.cases.repository import CaseRepository
from api.cases.schemas import (
    ApplicationCreate,
    DecisionCreate,
    InvestigationComplete,
    InvestigationCreate,
    PrivacyNotice,
)
from api.clock import today
from api.config import get_settings
from api.connectors.factory import build_connector
from api.keys import get_keys
from api.models import Application, HouseholdMember
from api.reference.regions import read_regions
from api.security.principal import Principal
from domain.rules.programs.common import Program

JONGNO = "11110"
CASES = (
    # (applicant key, programs, days since the 신청, how far it went)
    ("kim_head", ("livelihood", "basic_pension"), 40, "received"),
    ("park_head", ("child_allowance", "home_care_allowance"), 6, "investigated"),
    ("seo_single", ("livelihood",), 80, "decided"),
)
# A decided demo case was investigated and decided this many days after its 신청 (within the 30 days
# of 국민기초생활보장법 제26조).
DAYS_TO_DECIDE = 18


def _official(name: str, role: str) -> Principal:
    return Principal("official", uuid.UUID(int=0), name, JONGNO, None, (role,), (), frozenset())


def _trail(actor: str) -> AuditTrail:
    return AuditTrail(
        actor=actor,
        actor_kind="system",
        actor_sigungu=JONGNO,
        client_ip="local",
        request_id=uuid.uuid4().hex,
        method="CLI",
        route="ieum demo seed",
        action=Action.CREATE,
        purpose="데모 사례 적재",
        success_status=0,
    )


async def seed_cases(session: AsyncSession, people: dict[str, uuid.UUID]) -> int:
    # The services rely on the jurisdiction settings row-level security reads (the 부양의무자 lookup
    # checks it explicitly); the owner connection sets them as a 종로구 official's request would.
    await session.execute(
        text("SELECT set_config('ieum.sigungu', :s, true), set_config('ieum.emd', '', true)"), {"s": JONGNO}
    )
    regions = await read_regions(session)
    connector = build_connector(get_settings(), get_keys())
    created = 0
    for key, programs, days_ago, stage in CASES:
        applicant = people[key]
        if await session.scalar(select(Application.id).where(Application.applicant_person_id == applicant)):
            continue
        household = await session.scalar(
            select(HouseholdMember.household_id).where(
                HouseholdMember.person_id == applicant, HouseholdMember.left_on.is_(None)
            )
        )
        assert household is not None, key
        applied_on = today() - timedelta(days=days_ago)
        intake = _official("jongno.intake", "intake")
        trail = _trail("jongno.intake")
        read = await ApplicationService(CaseRepository(session, intake), trail, today()).submit(
            ApplicationCreate(
                applicant_person_id=applicant,
                household_id=household,
                programs=list(programs),
                channel="visit",
                applied_on=applied_on,
                privacy_notice=PrivacyNotice(version="2026-01", given_on=applied_on),
            )
        )
        await append(session, trail, 201)
        if stage in ("investigated", "decided"):
            # A decided case was investigated and decided on its day, not today.
            on = applied_on + timedelta(days=DAYS_TO_DECIDE) if stage == "decided" else today()
            investigator = _official("jongno.investigator", "investigator")
            trail = _trail("jongno.investigator")
            service = InvestigationService(
                CaseRepository(session, investigator), trail, on, connector, regions.get
            )
            investigation = await service.start(InvestigationCreate(application_id=read.id))
            await service.complete(investigation.id, InvestigationComplete(version=investigation.version))
            await append(session, trail, 201)
            if stage == "decided":
                await _decide(session, read.id, programs, on)
        created += 1
    return created


async def _decide(
    session: AsyncSession, application_id: uuid.UUID, programs: tuple[str, ...], on: date
) -> None:
    """Approves each program as the investigation computed it, as 박결정 (jongno.decision) would."""
    decider = _official("jongno.decision", "decision_maker")
    trail = _trail("jongno.decision")
    service = DecisionService(CaseRepository(session, decider), trail, on)
    for program in programs:
        proposal = await service.proposal(application_id, Program(program))
        await service.decide(
            DecisionCreate(
                application_id=application_id,
                program=program,
                outcome="approved",
                case_version=proposal.case_version,
            )
        )
    await append(session, trail, 201)
