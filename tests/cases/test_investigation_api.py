"""조사 through the API: the 부양의무자 in another 시군구 is reached, 금융정보 only with consent, an
agency that does not answer is "not obtained" (never zero), an official's correction recomputes with
its reason in the history, and a completed investigation is frozen until 보완조사."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from api.connectors.factory import subject_key
from api.connectors.overrides import FixedProperty, Override
from api.db import Database
from api.keys import get_keys
from domain.linked_data import Agency, PropertyType
from tests.cases.workflow import NOTICE, CaseApi

SON = Override(
    earned=12_500_000, employer="(주)누리소프트", properties=(FixedProperty(PropertyType.HOUSE, 820_000_000),)
)
MOTHER = Override(earned=400_000, employer="새솔유통", deposits=3_000_000)


async def family(cases: CaseApi, database: Database) -> tuple[str, str, str]:
    """A mother in 종로구 and her son registered in 중구 (her 부양의무자). The tie is recorded as the
    가족관계 data would bring it, across 시군구."""
    mother = await cases.person("560101-2000501", "한어머니", MOTHER)
    body = {
        "name": "한아들",
        "rrn": "850505-1000502",
        "address": {"sigungu_code": "11140", "address": "세종대로 5"},
    }
    response = await cases.client.post("/api/v1/persons", json=body, headers=cases.as_("o.investigator"))
    assert response.status_code == 201, response.text
    son = str(response.json()["id"])
    cases.overrides[subject_key(get_keys(), "8505051000502")] = SON
    async with database.sessionmaker() as session:
        await session.execute(text("SELECT set_config('ieum.sigungu', '11110', true)"))
        await session.execute(
            text(
                "INSERT INTO family_relations (id, from_person_id, to_person_id, kind)"
                " VALUES (:i, :m, :s, 'parent_of')"
            ),
            {"i": uuid.uuid4(), "m": mother, "s": son},
        )
        await session.commit()
    household = await cases.household(mother)
    return mother, son, household


def active(investigation: dict[str, Any], person: str, kind: str) -> list[dict[str, Any]]:
    return [
        e
        for e in investigation["evidence"]
        if e["person_id"] == person and e["kind"] == kind and e["status"] == "active"
    ]


def program(investigation: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in investigation["results"] if r["program"] == code)


async def test_obligor_consent_outage_and_correction(cases: CaseApi, database: Database) -> None:
    mother, son, household = await family(cases, database)
    consent = [{"person_id": mother, "role": "applicant", "given_on": "2026-11-02", "document_id": "동의-7"}]
    app = await cases.apply(mother, household, ["livelihood"], financial_consents=consent)
    simulator = cases.client._transport.app.state.connector  # type: ignore[attr-defined]
    simulator.unavailable_rate = {Agency.MOLIT: 1.0}  # 국토부 is down today
    started = await cases.client.post(
        "/api/v1/investigations", json={"application_id": app["id"]}, headers=cases.as_("t.investigator")
    )
    assert started.status_code == 201, started.text
    inv = started.json()

    assert [o["person_id"] for o in inv["obligors"]] == [son] and inv["obligors"][0]["name"] == "한아들"
    assert active(inv, son, "income") and not active(inv, son, "financial")  # the son gave no consent
    assert active(inv, mother, "financial")  # she did
    missing = {(n["person_id"], n["kind"]) for n in inv["not_obtained"]}
    assert {(mother, "property"), (son, "property"), (son, "financial")} <= missing
    # The son's income is over the line: 생계급여 is closed by the 부양의무자 rule.
    livelihood = program(inv, "livelihood")
    assert livelihood["status"] == "ineligible"
    assert any("부양의무자" in s["step"] for s in livelihood["trace"])

    # The agency answers again; the official re-gathers, then corrects the mother's wage with a reason.
    simulator.unavailable_rate = {}
    regathered = await cases.client.post(
        f"/api/v1/investigations/{inv['id']}/gathering",
        json={"version": inv["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert regathered.status_code == 200
    inv = regathered.json()
    assert not {(n["person_id"], n["kind"]) for n in inv["not_obtained"]} & {
        (mother, "property"),
        (son, "property"),
    }
    # The wage of the reference month (the last complete one), which the mapping reads; the
    # evidence list holds a year of months in no particular order among rows entered together.
    wage = max(active(inv, mother, "income"), key=lambda e: str(e["record"]["month"]))
    correction = {
        "person_id": mother,
        "kind": "income",
        "record": {
            **{k: v for k, v in wage["record"].items() if k not in ("record_id", "agency")},
            "amount": 250_000,
        },
        "reason": "10월 근로일수 확인서: 실제 지급액 250,000원",
        "replaces_id": wage["id"],
        "version": inv["version"],
    }
    corrected = await cases.client.post(
        f"/api/v1/investigations/{inv['id']}/evidence", json=correction, headers=cases.as_("t.investigator")
    )
    assert corrected.status_code == 201, corrected.text
    inv = corrected.json()
    replaced = next(e for e in inv["evidence"] if e["id"] == wage["id"])
    assert replaced["status"] == "voided" and replaced["void_reason"] == correction["reason"]
    mapping = inv["household"]["members"][0]["income"]
    assert mapping["earned"] == 250_000

    stale = await cases.client.post(
        f"/api/v1/investigations/{inv['id']}/evidence", json=correction, headers=cases.as_("t.investigator")
    )
    assert stale.status_code == 409

    done = await cases.client.post(
        f"/api/v1/investigations/{inv['id']}/completion",
        json={"version": inv["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert done.status_code == 200
    frozen = await cases.client.put(
        f"/api/v1/investigations/{inv['id']}/facts",
        json={"facts": {}, "reason": "늦은 입력", "version": done.json()["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert frozen.status_code == 409
    reopened = await cases.client.post(
        f"/api/v1/investigations/{inv['id']}/reopening",
        json={"reason": "부양의무자 재산 재확인", "version": done.json()["version"]},
        headers=cases.as_("t.decision_maker"),
    )
    assert reopened.status_code == 200 and reopened.json()["state"] == "open"

    history = await cases.client.get(
        f"/api/v1/applications/{app['id']}/history", headers=cases.as_("t.intake")
    )
    events = [(e["event"], e["reason"]) for e in history.json()]
    assert ("investigation_evidence_added", correction["reason"]) in events
    assert ("returned_for_investigation", "부양의무자 재산 재확인") in events


async def test_facts_only_for_members(cases: CaseApi, database: Database) -> None:
    mother, son, household = await family(cases, database)
    app = await cases.apply(mother, household, ["livelihood"], privacy_notice=NOTICE)
    inv = (
        await cases.client.post(
            "/api/v1/investigations", json={"application_id": app["id"]}, headers=cases.as_("t.investigator")
        )
    ).json()
    response = await cases.client.put(
        f"/api/v1/investigations/{inv['id']}/facts",
        json={"facts": {"members": {son: {"school": "high"}}}, "reason": "입력", "version": inv["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": f"facts.members.{son}", "message": "not_member", "code": "not_member"}
    ]
