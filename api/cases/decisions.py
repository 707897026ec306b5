"""결정 use cases: the proposal the investigation supports, the notice preview, and the decision itself
— separation of duties, 중복지원 check across every 시군구, optimistic concurrency on the case, the
결정통지서, and the entitlements an approval creates. Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool

from api.audit.trail import AuditTrail
from api.cases import notice
from api.cases.case_states import APPLICATION_NOT_FOUND, apply_event
from api.cases.repository import CaseRepository
from api.cases.schemas import DecisionCreate, DecisionProposal, DecisionRead, ExclusivityRead
from api.models import (
    Application,
    ApplicationProgram,
    Decision,
    EntitlementAmount,
    EntitlementEvent,
    EntitlementMember,
    EntitlementRow,
    Investigation,
)
from api.registry.service import masked_rrn
from domain.cases.application import CaseEvent, CaseState
from domain.cases.exclusivity import HeldBenefit, Outcome, Verdict, check, held_benefits
from domain.cases.reasons import (
    APPROVAL_REASONS,
    HOUSEHOLD_PROGRAMS,
    REJECTION_REASONS,
    default_start_date,
    describe,
)
from domain.cases.separation_of_duties import Duty, DutyForbidden, DutySetting, Official, check_may_decide
from domain.certificates import issuer_title
from domain.errors import Conflict, InvalidInput, NotFound
from domain.rules.programs.common import Program


@dataclass(frozen=True)
class Grant:
    """One entitlement an approval creates: who holds it, who it covers, and how much."""

    person_id: uuid.UUID
    members: tuple[uuid.UUID, ...]
    monthly_amount: int


@dataclass(frozen=True)
class Case:
    application: Application
    row: ApplicationProgram
    investigation: Investigation
    result: dict[str, Any] | None
    member_ids: dict[str, uuid.UUID]


class DecisionService:
    def __init__(self, repo: CaseRepository, trail: AuditTrail, today: date) -> None:
        self.repo = repo
        self.trail = trail
        self.today = today

    # --- loading ---------------------------------------------------------------------------------
    async def _case(self, application_id: uuid.UUID, program: Program) -> Case:
        application = await self.repo.application(application_id)
        if application is None:
            raise NotFound(APPLICATION_NOT_FOUND)
        self.trail.add_subjects(application.applicant_person_id)
        row = await self.repo.program_case(application.id, program.value)
        if row is None:
            raise NotFound("이 신청에 포함되지 않은 급여입니다.")
        investigation = await self.repo.investigation_of(application.id)
        if investigation is None or investigation.results is None:
            raise Conflict("조사가 시작되지 않아 결정할 수 없습니다.")
        result = next((r for r in investigation.results if r["program"] == program.value), None)
        members = {k: uuid.UUID(v) for k, v in (investigation.household or {}).get("members", {}).items()}
        self.trail.add_subjects(*members.values())
        return Case(application, row, investigation, result, members)

    def _official(self) -> Official:
        duties = frozenset(Duty(r) for r in self.repo.principal.roles if r in {d.value for d in Duty})
        return Official(self.repo.principal.name, duties)

    async def _setting(self, sigungu_code: str) -> DutySetting:
        row = await self.repo.duty_setting(sigungu_code)
        return DutySetting(investigator_may_decide=bool(row and row.investigator_may_decide))

    # --- amounts, grants and 중복지원 -------------------------------------------------------------
    def _grants(self, case: Case, program: Program, amount: int | None) -> list[Grant]:
        everyone = tuple(case.member_ids.values())
        result = case.result or {}
        if program in HOUSEHOLD_PROGRAMS:
            total = amount if amount is not None else (result.get("monthly_amount") or 0)
            return [Grant(case.application.applicant_person_id, everyone, total)]
        eligible = [m for m in result.get("members", []) if m["status"] == "eligible"]
        grants = [
            Grant(
                case.member_ids[m["member_id"]],
                (case.member_ids[m["member_id"]],),
                m.get("monthly_amount") or 0,
            )
            for m in eligible
            if m["member_id"] in case.member_ids
        ]
        if amount is not None and len(grants) == 1:
            grants = [Grant(grants[0].person_id, grants[0].members, amount)]
        return grants

    async def _exclusivity(self, program: Program, grants: list[Grant]) -> Outcome:
        people = sorted({p for g in grants for p in g.members})
        held: dict[uuid.UUID, list[HeldBenefit]] = {}
        for row in await self.repo.held_benefits(people):
            held.setdefault(row.person_id, []).extend(
                held_benefits(Program(row.program), row.sigungu_code, str(row.entitlement_id))
            )
        outcomes = [check(program, held.get(person, [])) for person in people]
        clashes = tuple(c for o in outcomes for c in o.clashes)
        if any(o.verdict is Verdict.BLOCKED for o in outcomes):
            return Outcome(
                Verdict.BLOCKED, tuple(c for o in outcomes if o.verdict is Verdict.BLOCKED for c in o.clashes)
            )
        return Outcome(Verdict.ADJUSTED if clashes else Verdict.ALLOWED, clashes)

    # --- proposal and preview --------------------------------------------------------------------
    async def proposal(self, application_id: uuid.UUID, program: Program) -> DecisionProposal:
        case = await self._case(application_id, program)
        eligible = bool(case.result and case.result["status"] == "eligible")
        grants = self._grants(case, program, None) if eligible else []
        outcome = await self._exclusivity(program, grants) if grants else Outcome(Verdict.ALLOWED)
        investigators = await self.repo.investigators(case.application.id)
        setting = await self._setting(case.application.sigungu_code)
        why = None
        try:
            check_may_decide(self._official(), investigators, setting)
        except DutyForbidden as refused:
            why = refused.detail
        return DecisionProposal.model_validate(
            {
                "application_id": case.application.id,
                "program": program.value,
                "case_version": case.row.version,
                "state": case.row.state,
                "eligible": eligible,
                "monthly_amount": sum(g.monthly_amount for g in grants) if grants else None,
                "start_date": default_start_date(program, case.application.applied_on),
                "result": case.result,
                "exclusivity": _exclusivity_read(outcome),
                "may_decide": why is None,
                "may_decide_reason": why,
                "reason_codes": APPROVAL_REASONS | REJECTION_REASONS,
            }
        )

    async def preview(self, body: DecisionCreate) -> bytes:
        """The notice as it would be sent, marked 미리보기; nothing is stored."""
        program = Program(body.program)
        case = await self._case(body.application_id, program)
        plan = await self._plan(case, program, body)
        return await self._render(case, program, body, plan, number="미리보기", preview=True)

    # --- the decision ----------------------------------------------------------------------------
    async def decide(self, body: DecisionCreate) -> DecisionRead:
        program = Program(body.program)
        case = await self._case(body.application_id, program)
        if body.case_version != case.row.version:
            raise Conflict(
                "다른 사용자가 먼저 이 급여를 처리했습니다. 새로 불러온 뒤 다시 시도하십시오.",
                fields={"case_version": "stale"},
            )
        investigators = await self.repo.investigators(case.application.id)
        check_may_decide(self._official(), investigators, await self._setting(case.application.sigungu_code))
        plan = await self._plan(case, program, body)
        # The case moves first and is flushed at once: a concurrent decision on the same case fails
        # here (stale version → 409) before anyone renders a notice.
        apply_event(self.repo, case.row, CaseEvent.APPROVE if plan.approved else CaseEvent.REJECT, body.note)
        await self.repo.flush()
        sigungu = await self.repo.sigungu(case.application.sigungu_code)
        serial = await self.repo.next_notice_serial()
        office = sigungu.name if sigungu else case.application.sigungu_code
        number = f"{office}-{self.today.year}-결정-{serial:06d}"
        pdf = await self._render(case, program, body, plan, number=number, preview=False)
        decision = Decision(
            id=uuid.uuid4(),
            application_id=case.application.id,
            application_program_id=case.row.id,
            program=program.value,
            outcome="approved" if plan.approved else "rejected",
            reason_codes=plan.reason_codes,
            note=body.note,
            monthly_amount=plan.total if plan.approved else None,
            start_date=plan.start_date if plan.approved else None,
            decided_by=self.repo.principal.name,
            decided_on=self.today,
            basis={"result": case.result, "parameters": case.investigation.parameters or []},
            exclusivity=_exclusivity_read(plan.outcome).model_dump(),
            notice_number=number,
            notice_pdf=pdf,
        )
        self.repo.add(decision)
        await self.repo.flush()
        entitlements = [await self._grant(case, decision, g) for g in plan.grants] if plan.approved else []
        return _decision_read(decision, entitlements)

    async def _plan(self, case: Case, program: Program, body: DecisionCreate) -> Plan:
        if CaseState(case.row.state) is not CaseState.INVESTIGATED:
            raise Conflict(
                f"'{CaseState(case.row.state).label}' 상태의 급여는 결정할 수 없습니다 (조사 완료 후 결정)."
            )
        approved = body.outcome == "approved"
        codes = list(dict.fromkeys(body.reason_codes))
        allowed = APPROVAL_REASONS if approved else REJECTION_REASONS
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            raise InvalidInput(
                f"사용할 수 없는 사유 코드: {', '.join(unknown)}", fields={"reason_codes": "unknown"}
            )
        if not approved:
            if not codes:
                raise InvalidInput(
                    "부적합 결정에는 사유가 있어야 합니다.", fields={"reason_codes": "required"}
                )
            if "other" in codes and not body.note:
                raise InvalidInput("기타 사유는 내용을 적어야 합니다.", fields={"note": "required"})
            return Plan(False, codes, [], 0, None, Outcome(Verdict.ALLOWED))
        if not case.result or case.result["status"] != "eligible":
            raise InvalidInput(
                "조사 결과 선정기준을 충족하지 않아 선정할 수 없습니다. "
                "부적합으로 결정하거나 보완조사를 요구하십시오.",
                fields={"outcome": "not_eligible"},
            )
        grants = self._grants(case, program, body.monthly_amount)
        if not grants:
            raise InvalidInput("지급할 가구원이 없습니다.", fields={"outcome": "no_beneficiary"})
        if body.monthly_amount is not None and len(grants) > 1:
            raise InvalidInput(
                "가구원별로 지급하는 급여는 급여액을 직접 정할 수 없습니다.",
                fields={"monthly_amount": "per_member"},
            )
        computed = sum(g.monthly_amount for g in self._grants(case, program, None))
        total = sum(g.monthly_amount for g in grants)
        if total != computed:
            if not body.note:
                raise InvalidInput(
                    "산정액과 다른 급여액에는 사유(note)를 적어야 합니다.", fields={"note": "required"}
                )
            codes.append("amount_adjusted")
        earliest = default_start_date(program, case.application.applied_on)
        start = body.start_date or earliest
        if start < earliest:
            raise InvalidInput(
                f"급여 개시일은 {earliest.isoformat()}보다 앞설 수 없습니다.",
                fields={"start_date": "too_early"},
            )
        outcome = await self._exclusivity(program, grants)
        if outcome.verdict is Verdict.BLOCKED:
            raise Conflict(
                "중복지원으로 선정할 수 없습니다: " + " / ".join(outcome.reasons),
                fields={"exclusivity": "blocked"},
            )
        if outcome.verdict is Verdict.ADJUSTED:
            codes.append("exclusivity_adjusted")
        return Plan(True, list(dict.fromkeys(codes or ["eligible"])), grants, total, start, outcome)

    async def _render(
        self, case: Case, program: Program, body: DecisionCreate, plan: Plan, *, number: str, preview: bool
    ) -> bytes:
        applicant = await self.repo.person(case.application.applicant_person_id)
        if applicant is None:
            raise NotFound("신청인을 찾을 수 없습니다.")
        people = await self.repo.people(list(case.member_ids.values()))
        names = {key: people[pid].name for key, pid in case.member_ids.items() if pid in people}
        sigungu = await self.repo.sigungu(case.application.sigungu_code)
        issuer = issuer_title(sigungu.sido_name, sigungu.name) if sigungu else case.application.sigungu_code
        program_notice = notice.program_notice(
            program,
            approved=plan.approved,
            monthly_amount=plan.total,
            start_date=plan.start_date,
            reason_codes=plan.reason_codes,
            note=body.note,
            extra_reasons=list(plan.outcome.reasons),
            result=case.result,
            names=names,
            decided_on=self.today,
        )
        # Rendering is CPU work of tens of milliseconds: off the event loop.
        return await run_in_threadpool(
            notice.render,
            number=number,
            issuer=issuer,
            recipient_name=applicant.name,
            recipient_address=case.application.actual_address or applicant.address,
            rrn_masked=masked_rrn(applicant),
            applied_on=case.application.applied_on,
            decided_on=self.today,
            program=program_notice,
            preview=preview,
        )

    async def _grant(self, case: Case, decision: Decision, grant: Grant) -> uuid.UUID:
        assert decision.start_date is not None
        entitlement = EntitlementRow(
            id=uuid.uuid4(),
            decision_id=decision.id,
            program=decision.program,
            person_id=grant.person_id,
            household_id=case.application.household_id,
            sigungu_code=case.application.sigungu_code,
            emd_code=case.application.emd_code,
            state="active",
            monthly_amount=grant.monthly_amount,
            start_date=decision.start_date,
        )
        self.repo.add(entitlement)
        await self.repo.flush()  # the rows below are checked against it by row-level security
        for member in grant.members:
            self.repo.add(EntitlementMember(entitlement_id=entitlement.id, person_id=member))
        actor = self.repo.principal.name
        self.repo.add(
            EntitlementAmount(
                entitlement_id=entitlement.id,
                monthly_amount=grant.monthly_amount,
                effective_from=decision.start_date,
                reason="initial",
                recorded_by=actor,
            )
        )
        self.repo.add(
            EntitlementEvent(
                entitlement_id=entitlement.id,
                event="grant",
                to_state="active",
                reason_code="decision",
                note=decision.notice_number,
                effective_on=decision.start_date,
                actor=actor,
            )
        )
        await self.repo.flush()
        return entitlement.id

    # --- reads -----------------------------------------------------------------------------------
    async def read(self, decision_id: uuid.UUID) -> DecisionRead:
        decision = await self._decision(decision_id)
        return _decision_read(decision, await self.repo.entitlement_ids(decision.id))

    async def notice_pdf(self, decision_id: uuid.UUID) -> tuple[str, bytes]:
        decision = await self._decision(decision_id)
        if decision.notice_pdf is None:
            raise NotFound(
                "이 결정의 결정통지서는 보관되어 있지 않습니다 (통지되지 않은 합성 결정).",
                fields={"notice": "not_stored"},
            )
        return decision.notice_number, decision.notice_pdf

    async def _decision(self, decision_id: uuid.UUID) -> Decision:
        decision = await self.repo.decision(decision_id)
        if decision is None:
            raise NotFound("결정을 찾을 수 없습니다.")
        application = await self.repo.application(decision.application_id)
        if application is not None:
            self.trail.add_subjects(application.applicant_person_id)
        return decision


@dataclass(frozen=True)
class Plan:
    approved: bool
    reason_codes: list[str]
    grants: list[Grant]
    total: int
    start_date: date | None
    outcome: Outcome


def _exclusivity_read(outcome: Outcome) -> ExclusivityRead:
    return ExclusivityRead(verdict=outcome.verdict.value, reasons=list(outcome.reasons))


def _decision_read(decision: Decision, entitlements: list[uuid.UUID]) -> DecisionRead:
    return DecisionRead.model_validate(
        {
            "id": decision.id,
            "application_id": decision.application_id,
            "program": decision.program,
            "outcome": decision.outcome,
            "reason_codes": decision.reason_codes,
            "reasons": list(describe(decision.reason_codes)),
            "note": decision.note,
            "monthly_amount": decision.monthly_amount,
            "start_date": decision.start_date,
            "decided_by": decision.decided_by,
            "decided_on": decision.decided_on,
            "notice_number": decision.notice_number,
            "exclusivity": decision.exclusivity or {"verdict": "allowed", "reasons": []},
            "entitlement_ids": entitlements,
        }
    )
