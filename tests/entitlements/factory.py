"""Granted entitlements for tests, written straight into the test database the way the decision
service leaves them when it approves: an application with its program case, a completed
investigation holding the household as assessed, the decision (with a stand-in notice PDF), and the
entitlement with its first amount, its members and a `grant` event.

The rows go through the app role's session, so row-level security applies: the jurisdiction is set
first (`ieum.sigungu`), exactly as a request's principal would set it. Everything is committed into
the test's outer transaction and rolled back with it."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text

from api.db import Database
from api.models import (
    AppealRow,
    Application,
    ApplicationProgram,
    Decision,
    EntitlementAmount,
    EntitlementEvent,
    EntitlementMember,
    EntitlementRow,
    Investigation,
)
from tests.baseline import CHEONGUN, OTHER, OWN, Baseline

AS_OF = date(2026, 5, 1)
DECIDED_ON = date(2026, 5, 4)
START = date(2026, 5, 1)
# Worked example 1 of the 모의계산 contract: 생계급여 820,556 − 500,000 × 70% = 470,556.
LIVELIHOOD_AMOUNT = 470_556
JURISDICTION: dict[str, tuple[str, str | None, str]] = {
    # where: (시군구, 읍면동, baseline resident who heads the household)
    "own": (OWN, CHEONGUN, "own"),
    "other": (OTHER, None, "other"),
}


def one_person_mapping(
    sigungu: str, *, earned: int = 500_000, birth_date: str = "1976-01-15"
) -> dict[str, Any]:
    """A 1-person household in the 모의계산 contract shape: earned income, renting at 300,000 a month."""
    return {
        "as_of": AS_OF.isoformat(),
        "sigungu_code": sigungu,
        "members": [
            {
                "id": "m1",
                "relation": "head",
                "birth_date": birth_date,
                "disability": "none",
                "school": "none",
                "childcare": "none",
                "occupational_pension": False,
                "income": {
                    "earned": earned,
                    "business": 0,
                    "property": 0,
                    "public_transfer": 0,
                    "private_transfer": 0,
                    "national_pension": 0,
                    "national_pension_a": 0,
                },
            }
        ],
        "assets": {"housing": 0, "general": 0, "financial": 0, "debts": 0, "vehicles": []},
        "housing": {"tenure": "rent", "monthly_rent": 300_000, "deposit": 0},
        "obligors": [],
        "crisis_reasons": [],
    }


@dataclass(frozen=True)
class Granted:
    entitlement_id: uuid.UUID
    decision_id: uuid.UUID
    application_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    sigungu_code: str
    members: dict[str, uuid.UUID] = field(default_factory=dict)


async def _in_jurisdiction(session: Any, sigungu: str) -> None:
    await session.execute(
        text(
            "SELECT set_config('ieum.sigungu', :sigungu, true), set_config('ieum.emd', '', true),"
            " set_config('ieum.citizen', '', true)"
        ),
        {"sigungu": sigungu},
    )


async def grant(
    database: Database,
    baseline: Baseline,
    *,
    where: str = "own",
    program: str = "livelihood",
    monthly_amount: int = LIVELIHOOD_AMOUNT,
    mapping: dict[str, Any] | None = None,
    members: dict[str, uuid.UUID] | None = None,
    state: str = "active",
    state_reason: str | None = None,
    start_date: date = START,
    decided_on: date = DECIDED_ON,
    decided_by: str = "t.decision_maker",
    beneficiary: uuid.UUID | None = None,
    notice_pdf: bytes | None = b"%PDF-1.4 test",
) -> Granted:
    """An approved decision and the entitlement it created, in `where` ("own" = 종로구 11110, the
    baseline household of `own`; "other" = 중구 11140, that of `other`). By default a 생계급여 for the
    contract's worked example 1, the household head being member m1. `beneficiary`: the person a
    personal right belongs to, when not the head (a child's 아동수당)."""
    sigungu, emd, head = JURISDICTION[where]
    person_id, household_id = baseline.people[head], baseline.households[head]
    applicant = person_id
    if beneficiary is not None:
        person_id = beneficiary
    members = dict(members) if members is not None else {"m1": person_id}
    mapping = copy.deepcopy(mapping) if mapping is not None else one_person_mapping(sigungu)
    async with database.sessionmaker() as session:
        await _in_jurisdiction(session, sigungu)
        application = Application(
            id=uuid.uuid4(),
            household_id=household_id,
            applicant_person_id=applicant,
            sigungu_code=sigungu,
            emd_code=emd,
            emd_name="청운동" if emd else None,
            channel="visit",
            applied_on=date(2026, 4, 20),
            received_by="t.intake",
            received_by_kind="official",
            privacy_notice_version="2026-01",
            privacy_notice_given_on=date(2026, 4, 20),
        )
        session.add(application)
        await session.flush()
        case = ApplicationProgram(
            id=uuid.uuid4(), application_id=application.id, program=program, state="approved"
        )
        session.add(case)
        session.add(
            Investigation(
                id=uuid.uuid4(),
                application_id=application.id,
                state="completed",
                as_of=AS_OF,
                started_by="t.investigator",
                completed_by="t.investigator",
                household={"mapping": mapping, "members": {k: str(v) for k, v in members.items()}},
            )
        )
        await session.flush()
        decision = Decision(
            id=uuid.uuid4(),
            application_id=application.id,
            application_program_id=case.id,
            program=program,
            outcome="approved",
            monthly_amount=monthly_amount,
            start_date=start_date,
            decided_by=decided_by,
            decided_on=decided_on,
            basis={"test": True},
            notice_number=f"TEST-{uuid.uuid4().hex[:16]}",
            notice_pdf=notice_pdf,
        )
        session.add(decision)
        await session.flush()
        entitlement = EntitlementRow(
            id=uuid.uuid4(),
            decision_id=decision.id,
            program=program,
            person_id=person_id,
            household_id=household_id,
            sigungu_code=sigungu,
            emd_code=emd,
            state=state,
            state_reason=state_reason,
            monthly_amount=monthly_amount,
            start_date=start_date,
        )
        session.add(entitlement)
        await session.flush()
        for member in dict.fromkeys(members.values()):
            session.add(EntitlementMember(entitlement_id=entitlement.id, person_id=member))
        session.add(
            EntitlementAmount(
                entitlement_id=entitlement.id,
                monthly_amount=monthly_amount,
                effective_from=start_date,
                reason="initial",
                recorded_by=decided_by,
            )
        )
        session.add(
            EntitlementEvent(
                entitlement_id=entitlement.id,
                event="grant",
                from_state=None,
                to_state="active",
                effective_on=start_date,
                actor=decided_by,
            )
        )
        await session.commit()
    return Granted(entitlement.id, decision.id, application.id, person_id, household_id, sigungu, members)


async def add_appeal(
    database: Database, granted: Granted, *, filed_on: date = date(2026, 6, 1), state: str = "filed"
) -> uuid.UUID:
    """An 이의신청 recorded against the decision (for jurisdictions without a decision maker account)."""
    async with database.sessionmaker() as session:
        await _in_jurisdiction(session, granted.sigungu_code)
        decision = await session.get(Decision, granted.decision_id)
        assert decision is not None
        appeal = AppealRow(
            id=uuid.uuid4(),
            decision_id=granted.decision_id,
            program=decision.program,
            filed_on=filed_on,
            grounds="소득 산정이 잘못되었습니다.",
            state=state,
            recorded_by="test-factory",
        )
        session.add(appeal)
        await session.commit()
        return appeal.id
