"""변동신고: a reported change re-calculated on the household the right rests on into a proposal,
then confirmed (급여 변경, or the end of the right when no longer eligible) or rejected."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from api.db import Database
from api.entitlements.changes import first_of_next_month
from tests.baseline import OWN, Baseline
from tests.entitlements.calls import AFTER_800K, INCOME_800K, Api, fields, problem
from tests.entitlements.factory import LIVELIHOOD_AMOUNT, Granted, grant


async def test_reported_change_is_recalculated_into_a_proposal(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id)
    assert proposal["before_amount"] == LIVELIHOOD_AMOUNT
    assert proposal["after_amount"] == AFTER_800K == 260_556
    assert proposal["after_eligible"] is True
    assert proposal["effective_from"] == "2026-07-01"  # the month after the report
    assert proposal["reason"] == "income_or_property"
    assert proposal["state"] == "proposed" and proposal["version"] == 1
    assert proposal["reported_by"] == "t.investigator"
    # Echoed in the typed shape: fields not reported are null ("unchanged").
    [edit] = proposal["changes"]
    assert (edit["member_id"], edit["income"]["earned"], edit["income"]["business"]) == ("m1", 800_000, None)
    assert proposal["trace"] and any(step["reference"] for step in proposal["trace"])
    assert {"step", "value", "reference", "note", "effective_from", "uncertain"} <= set(proposal["trace"][0])
    # Nothing applied yet.
    detail = await api.detail(own.entitlement_id)
    assert detail["monthly_amount"] == LIVELIHOOD_AMOUNT and len(detail["amounts"]) == 1
    assert [p["id"] for p in detail["pending_changes"]] == [proposal["id"]]


async def test_effective_from_may_be_given(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id, {**INCOME_800K, "effective_from": "2026-06-15"})
    assert proposal["effective_from"] == "2026-06-15"


@pytest.mark.parametrize(
    ("reported_on", "effective_from"),
    [
        (date(2026, 6, 1), date(2026, 7, 1)),
        (date(2026, 6, 30), date(2026, 7, 1)),
        (date(2025, 12, 31), date(2026, 1, 1)),
    ],
)
def test_changes_apply_from_the_next_month(reported_on: date, effective_from: date) -> None:
    assert first_of_next_month(reported_on) == effective_from


async def test_confirm_applies_the_new_amount(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id)
    response = await api.decide(own.entitlement_id, proposal, "confirm")
    assert response.status_code == 200, response.text
    confirmed = response.json()
    assert confirmed["state"] == "confirmed" and confirmed["decided_by"] == "t.decision_maker"
    assert confirmed["decision_note"] == "확인함" and confirmed["version"] == 2
    detail = await api.detail(own.entitlement_id)
    assert detail["monthly_amount"] == AFTER_800K and detail["version"] == 2
    assert [(a["monthly_amount"], a["effective_from"], a["reason"]) for a in detail["amounts"]] == [
        (LIVELIHOOD_AMOUNT, "2026-05-01", "initial"),
        (AFTER_800K, "2026-07-01", "income_or_property"),
    ]
    last = detail["events"][-1]
    assert (last["event"], last["from_state"], last["to_state"]) == ("change_amount", "active", "active")
    assert (last["reason_code"], last["effective_on"], last["actor"]) == (
        "income_or_property",
        "2026-07-01",
        "t.decision_maker",
    )
    assert detail["pending_changes"] == []


async def test_reject_leaves_the_amount(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id)
    response = await api.decide(own.entitlement_id, proposal, "reject")
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "rejected"
    detail = await api.detail(own.entitlement_id)
    assert detail["monthly_amount"] == LIVELIHOOD_AMOUNT and len(detail["amounts"]) == 1
    assert [e["event"] for e in detail["events"]] == ["grant"] and detail["pending_changes"] == []
    # Decided once is decided: neither confirm nor reject again.
    problem(await api.decide(own.entitlement_id, proposal, "confirm", version=2), 409)


async def test_stale_version_conflicts(api: Api, own: Granted) -> None:
    proposal = await api.proposal(own.entitlement_id)
    body = problem(await api.decide(own.entitlement_id, proposal, "confirm", version=2), 409)
    assert "다른 사용자" in body["detail"]
    problem(await api.decide(own.entitlement_id, proposal, "reject", version=7), 409)
    assert (await api.detail(own.entitlement_id))["monthly_amount"] == LIVELIHOOD_AMOUNT


async def test_next_change_builds_on_the_confirmed_one(api: Api, own: Granted) -> None:
    first = await api.proposal(own.entitlement_id)
    assert (await api.decide(own.entitlement_id, first, "confirm")).status_code == 200
    # An asset report that changes nothing: re-calculated on 800,000 earned, not on the decision's 500,000.
    same = await api.proposal(
        own.entitlement_id,
        {
            "kind": "assets",
            "reported_on": "2026-07-05",
            "description": "예금 해지 신고 (잔액 없음)",
            "changes": [{"assets": {"financial": 0}}],
        },
    )
    assert (same["before_amount"], same["after_amount"]) == (AFTER_800K, AFTER_800K)
    response = await api.decide(own.entitlement_id, same, "confirm")
    assert response.status_code == 200, response.text
    detail = await api.detail(own.entitlement_id)
    assert detail["monthly_amount"] == AFTER_800K and len(detail["amounts"]) == 2
    assert detail["events"][-1]["event"] == "no_change"


async def test_proposal_overtaken_by_another_confirmation_conflicts(api: Api, own: Granted) -> None:
    first = await api.proposal(own.entitlement_id)
    second = await api.proposal(
        own.entitlement_id, {**INCOME_800K, "changes": [{"member_id": "m1", "income": {"earned": 600_000}}]}
    )
    assert (await api.decide(own.entitlement_id, first, "confirm")).status_code == 200
    body = problem(await api.decide(own.entitlement_id, second, "confirm"), 409)
    assert "다시" in body["detail"]


async def test_household_edits(api: Api, baseline: Baseline, own: Granted) -> None:
    spouse = baseline.people["own_spouse"]
    joined = await api.proposal(
        own.entitlement_id,
        {
            "kind": "household",
            "reported_on": "2026-06-10",
            "description": "배우자 전입",
            "changes": [
                {
                    "add_member": {"id": "m2", "relation": "spouse", "birth_date": "1978-02-02"},
                    "person_id": str(spouse),
                },
                {"housing": {"monthly_rent": 350_000}},
            ],
        },
    )
    assert joined["reason"] == "household"
    # Two people with one earner: a higher line, so more 생계급여 than alone.
    assert joined["after_eligible"] is True and joined["after_amount"] > LIVELIHOOD_AMOUNT
    assert (await api.decide(own.entitlement_id, joined, "confirm")).status_code == 200
    left = await api.proposal(
        own.entitlement_id,
        {
            "kind": "household",
            "reported_on": "2026-07-10",
            "description": "배우자 전출",
            "changes": [{"remove_member": "m2"}, {"housing": {"monthly_rent": 300_000}}],
        },
    )
    assert left["after_amount"] == LIVELIHOOD_AMOUNT  # back to the 1-person household on 500,000


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ([{"member_id": "m9", "income": {"earned": 1}}], "changes.0.member_id", "unknown_member"),
        ([{"remove_member": "m1"}], "changes.0.remove_member", "head"),
        ([{"remove_member": "m7"}], "changes.0.remove_member", "unknown_member"),
        (
            [{"add_member": {"id": "m1", "relation": "child", "birth_date": "2010-01-01"}}],
            "changes.0.add_member.id",
            "duplicate_member",
        ),
        (
            [
                {
                    "add_member": {"id": "m2", "relation": "spouse", "birth_date": "1970-01-01"},
                    "person_id": str(uuid.UUID(int=1)),
                }
            ],
            "changes.0.person_id",
            "unknown",
        ),
    ],
)
async def test_bad_edits_are_named(
    api: Api, own: Granted, changes: list[dict[str, Any]], field: str, code: str
) -> None:
    body = problem(await api.report(own.entitlement_id, {**INCOME_800K, "changes": changes}), 422)
    assert fields(body) == {field: code}


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"kind": "other"}, "reason"),
        ({"reported_on": "2099-01-01"}, "reported_on"),
        ({"effective_from": "2026-04-01"}, "effective_from"),
        ({"description": "   "}, "description"),
        ({"changes": [{"member_id": "m1"}]}, "changes.0"),
        ({"changes": [{"member_id": "m1", "income": {"earned": -1}}]}, "changes.0"),
        ({"changes": [{"salary": 1}]}, "changes.0"),
    ],
)
async def test_invalid_change_reports(api: Api, own: Granted, patch: dict[str, Any], field: str) -> None:
    body = problem(await api.report(own.entitlement_id, {**INCOME_800K, **patch}), 422)
    assert any(f == field or f.startswith(field + ".") for f in fields(body)), body


async def test_other_kind_with_reason(api: Api, own: Granted) -> None:
    body = {**INCOME_800K, "kind": "other", "reason": "verification", "changes": []}
    proposal = await api.proposal(own.entitlement_id, body)
    assert proposal["reason"] == "verification" and proposal["after_amount"] == LIVELIHOOD_AMOUNT


async def test_becoming_ineligible_stops_the_benefit(api: Api, own: Granted) -> None:
    rich = {**INCOME_800K, "changes": [{"member_id": "m1", "income": {"earned": 3_000_000}}]}
    proposal = await api.proposal(own.entitlement_id, rich)
    assert (proposal["after_amount"], proposal["after_eligible"]) == (0, False)
    assert (await api.decide(own.entitlement_id, proposal, "confirm")).status_code == 200
    detail = await api.detail(own.entitlement_id)
    assert (detail["state"], detail["state_reason"], detail["end_date"]) == (
        "stopped",
        "no_longer_needed",
        "2026-07-01",
    )
    assert detail["monthly_amount"] == LIVELIHOOD_AMOUNT  # the last amount paid stays on record
    assert [e["event"] for e in detail["events"]] == ["grant", "stop"]
    problem(await api.report(own.entitlement_id), 409)


async def test_personal_program_becoming_ineligible_loses_the_right(
    api: Api, database: Database, baseline: Baseline
) -> None:
    # 기초연금 for a single 70-year-old without income (349,700 in 2026).
    mapping = {
        "as_of": "2026-05-01",
        "sigungu_code": OWN,
        "members": [{"id": "m1", "relation": "head", "birth_date": "1956-01-01"}],
        "housing": {"tenure": "own"},
    }
    pension = await grant(
        database, baseline, program="basic_pension", monthly_amount=349_700, mapping=mapping
    )
    unchanged = await api.proposal(pension.entitlement_id, {**INCOME_800K, "changes": []})
    assert (unchanged["before_amount"], unchanged["after_amount"]) == (349_700, 349_700)
    assert unchanged["after_eligible"] is True
    rich = {**INCOME_800K, "changes": [{"member_id": "m1", "income": {"business": 9_000_000}}]}
    proposal = await api.proposal(pension.entitlement_id, rich)
    assert proposal["after_eligible"] is False
    assert (await api.decide(pension.entitlement_id, proposal, "confirm")).status_code == 200
    detail = await api.detail(pension.entitlement_id)
    assert (detail["state"], detail["state_reason"]) == ("lost", "no_longer_eligible")
    problem(await api.report(pension.entitlement_id, {**INCOME_800K, "changes": []}), 409)


async def test_beneficiary_of_a_personal_program_cannot_be_removed(
    api: Api, database: Database, baseline: Baseline
) -> None:
    spouse = baseline.people["own_spouse"]
    mapping = {
        "as_of": "2026-05-01",
        "sigungu_code": OWN,
        "members": [
            {"id": "m1", "relation": "head", "birth_date": "1956-01-01"},
            {"id": "m2", "relation": "spouse", "birth_date": "1990-01-01"},
        ],
    }
    pension = await grant(
        database,
        baseline,
        program="basic_pension",
        monthly_amount=349_700,
        mapping=mapping,
        members={"m1": baseline.people["own"], "m2": spouse},
    )
    body = {**INCOME_800K, "kind": "household", "changes": [{"remove_member": "m1"}]}
    assert fields(problem(await api.report(pension.entitlement_id, body), 422)) == {
        "changes.0.remove_member": "beneficiary"
    }
