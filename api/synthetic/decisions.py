"""The case rows of what a synthetic household was granted, and the entitlements' later life.

Later life, so a payment run meets every case: a few rights are suspended (지급정지, with its
`suspend` event), some of those resumed, some stopped (중지) or lost (상실) with an end date; rights
that began in 2025 get the 2026 re-calculation (급여 기준 변경) as a dated amount change when the
2026 figures give another amount; starts in mid-month come from the programs' own 개시일 rule."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from api.synthetic.amounts import HOUSEHOLD_PROGRAMS, Grant
from api.synthetic.households import PlannedHousehold
from api.synthetic.rows import DECIDER, INTAKE, INVESTIGATOR, PRIVACY_NOTICE_VERSION, Rows, at
from domain.cases.reasons import default_start_date
from domain.rules.programs.common import Program

REVISION_DAY = date(2026, 1, 1)
# Nothing happens to a synthetic right after this day, so the data does not depend on when it is made.
LAST_EVENT_DAY = date(2026, 11, 25)
SUSPENDED_SHARE, RESUMED_SHARE, STOPPED_SHARE, LOST_SHARE = 0.02, 0.01, 0.015, 0.01
# A synthetic decision was never notified to anyone, so it keeps no 결정통지서 (see `api.synthetic`).
NO_NOTICE = None
ALLOWED = '{"verdict": "allowed", "reasons": []}'  # 중복지원 check: nothing else held


@dataclass(slots=True)
class Tally:
    entitlements: dict[str, int]
    suspended: int = 0
    resumed: int = 0
    ended: int = 0
    amount_changes: int = 0
    mid_month_starts: int = 0


def mapping(h: PlannedHousehold) -> dict[str, object]:
    """The household in the 모의계산 contract shape, zero figures left out (they default to 0)."""

    def nonzero(values: dict[str, int]) -> dict[str, int]:
        return {k: v for k, v in values.items() if v}

    members = []
    for p in h.members:
        income = nonzero(
            {
                "earned": p.income.earned,
                "business": p.income.business,
                "private_transfer": p.income.private_transfer,
                "national_pension": p.income.national_pension,
                "national_pension_a": p.income.national_pension_a,
            }
        )
        member: dict[str, object] = {
            "id": p.key,
            "relation": p.relation.value,
            "birth_date": p.birth_date.isoformat(),
            "disability": p.disability.value,
            "income": income,
        }
        if p.school.value != "none":
            member["school"] = p.school.value
        if p.childcare.value != "none":
            member["childcare"] = p.childcare.value
        members.append(member)
    a, housing = h.assets, h.housing
    return {
        "as_of": h.as_of.isoformat(),
        "sigungu_code": h.region.code,
        "members": members,
        "assets": nonzero(
            {"housing": a.housing, "general": a.general, "financial": a.financial, "debts": a.debts}
        ),
        "housing": {
            "tenure": housing.tenure.value,
            "monthly_rent": housing.monthly_rent,
            "deposit": housing.deposit,
        },
    }


def case_rows(
    rows: Rows,
    rng: random.Random,
    h: PlannedHousehold,
    grants: list[Grant],
    revised: dict[tuple[Program, str], int],
    tally: Tally,
    seed: int,
    life_events: bool = True,
) -> None:
    hid, ids = uuid.UUID(int=h.id_bits), {p.key: uuid.UUID(int=p.id_bits) for p in h.members}
    app_id = uuid.UUID(int=rng.getrandbits(128))
    applied, as_of = h.applied_on, h.as_of
    received = at(applied, 1)
    channel = "online" if rng.random() < 0.2 else "visit"
    rows["applications"].append(
        (app_id, hid, ids["m1"], h.region.code, None, None, channel, applied, INTAKE, "official", False,
         "registered", PRIVACY_NOTICE_VERSION, applied, 1, received, received)
    )  # fmt: skip
    household = json.dumps({"mapping": mapping(h), "members": {k: str(v) for k, v in ids.items()}})
    investigated = at(as_of, 1)
    recognized = next((g.recognized_income for g in grants if g.program is Program.LIVELIHOOD), None)
    rows["investigations"].append(
        (uuid.UUID(int=rng.getrandbits(128)), app_id, "completed", as_of, INVESTIGATOR, investigated,
         investigated, INVESTIGATOR, at(as_of, 6), "[]", "{}", household, recognized, 1)
    )  # fmt: skip
    decided_on = as_of + timedelta(days=rng.randint(1, 20))
    by_program: dict[Program, list[Grant]] = {}
    for g in grants:
        by_program.setdefault(g.program, []).append(g)
    for program, granted in by_program.items():
        case_id, decision_id = uuid.UUID(int=rng.getrandbits(128)), uuid.UUID(int=rng.getrandbits(128))
        rows["application_programs"].append((case_id, app_id, program.value, "approved", 0, 1))
        start = default_start_date(program, applied)
        total = sum(g.amount for g in granted)
        number = f"{h.region.name}-{decided_on.year}-결정-합성{rng.getrandbits(64):016x}"
        basis = {
            "result": {
                "program": program.value,
                "status": "eligible",
                "monthly_amount": total,
                "recognized_income": granted[0].recognized_income,
                "threshold": granted[0].threshold,
            },
            "parameters": [],
            "synthetic": {"seed": seed, "generator": "ieum synth population"},
        }
        decided_at = at(decided_on, 5)
        rows["decisions"].append(
            (decision_id, app_id, case_id, program.value, "approved", ["eligible"], total, start, DECIDER,
             decided_on, decided_at, json.dumps(basis), ALLOWED, number, NO_NOTICE)
        )  # fmt: skip
        for g in granted:
            entitlement_rows(
                rows, rng, h, g, decision_id, start, decided_at, number, revised, tally, life_events
            )
            tally.entitlements[program.value] = tally.entitlements.get(program.value, 0) + 1
            tally.mid_month_starts += start.day != 1


def entitlement_rows(
    rows: Rows,
    rng: random.Random,
    h: PlannedHousehold,
    g: Grant,
    decision_id: uuid.UUID,
    start: date,
    decided_at: object,
    number: str,
    revised: dict[tuple[Program, str], int],
    tally: Tally,
    life_events: bool = True,
) -> None:
    """`life_events`: False keeps every right active (no 지급정지, 중지 or 상실; amount changes stay)."""
    eid = uuid.UUID(int=rng.getrandbits(128))
    ids = {p.key: uuid.UUID(int=p.id_bits) for p in h.members}
    members = g.member_keys if g.program in HOUSEHOLD_PROGRAMS else (g.person_key,)
    rows["entitlement_members"].extend((eid, ids[k]) for k in members)
    amounts: list[tuple[object, ...]] = [(eid, g.amount, start, "initial", None, DECIDER, decided_at)]
    events: list[tuple[object, ...]] = [
        (eid, "grant", None, "active", "decision", number, start, DECIDER, decided_at)
    ]
    state, reason, end = "active", None, None
    roll, window = rng.random(), (LAST_EVENT_DAY - start).days
    if life_events and window > 40:
        day = start + timedelta(days=rng.randint(30, window))
        when = at(day, 2)
        if roll < SUSPENDED_SHARE + RESUMED_SHARE:
            reason = rng.choice(("imprisonment", "missing"))
            events.append((eid, "suspend", "active", "suspended", reason, None, day, DECIDER, when))
            state = "suspended"
            tally.suspended += 1
            back = day + timedelta(days=rng.randint(20, 120))
            if roll < RESUMED_SHARE and back <= LAST_EVENT_DAY:
                events.append(
                    (eid, "resume", "suspended", "active", reason, None, back, DECIDER, at(back, 2))
                )
                state, reason = "active", None
                tally.resumed += 1
        elif roll < SUSPENDED_SHARE + RESUMED_SHARE + STOPPED_SHARE + LOST_SHARE:
            lost = roll >= SUSPENDED_SHARE + RESUMED_SHARE + STOPPED_SHARE
            event, state = ("lose", "lost") if lost else ("stop", "stopped")
            reason = (
                ("death" if min(p.birth_date for p in h.members).year < 1960 else "moved_out")
                if lost
                else ("no_longer_needed")
            )
            events.append((eid, event, "active", state, reason, None, day, DECIDER, when))
            end = day
            tally.ended += 1
    new = revised.get((g.program, g.person_key))
    amount = g.amount
    if start < REVISION_DAY and new is not None and new != g.amount and (end is None or end >= REVISION_DAY):
        note = "2026년 선정기준·급여기준 변경에 따른 재산정"
        when = at(REVISION_DAY, 0)
        amounts.append((eid, new, REVISION_DAY, "standard_revision", note, DECIDER, when))
        held = _state_on(events, REVISION_DAY)
        events.append(
            (eid, "change_amount", held, held, "standard_revision", note, REVISION_DAY, DECIDER, when)
        )
        # The history in the order it happened (payment runs read it by id).
        events[1:] = sorted(events[1:], key=lambda e: e[6])  # type: ignore[arg-type,return-value]
        amount = new
        tally.amount_changes += 1
    created = decided_at
    rows["entitlements"].append(
        (eid, decision_id, g.program.value, ids[g.person_key], uuid.UUID(int=h.id_bits), h.region.code, None,
         state, reason, amount, start, end, 1, created, created)
    )  # fmt: skip
    rows["entitlement_amounts"].extend(amounts)
    rows["entitlement_events"].extend(events)


def _state_on(events: list[tuple[object, ...]], day: date) -> str:
    state = "active"
    for event in events:
        effective = event[6]
        assert isinstance(effective, date)
        if effective < day:
            state = str(event[3])
    return state
