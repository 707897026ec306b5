"""The life of a case through the API: registered, applied for, investigated from simulated linked
data, decided, and holding entitlements with the amounts the rules give; the notice PDF says so."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf

from api.clock import today
from api.connectors.overrides import FixedProperty, Override
from api.reference.regions import RegionCache
from api.simulations.schemas import SimulationRequest
from api.simulations.service import run_simulation
from domain.linked_data import PropertyType
from tests.cases.workflow import CaseApi

COUPLE_HEAD = Override(
    national_pension=300_000,
    national_pension_a=150_000,
    properties=(FixedProperty(PropertyType.LEASE_DEPOSIT, 10_000_000, is_residence=True),),
    deposits=1_000_000,
)
COUPLE_SPOUSE = Override(deposits=500_000)
FACTS = {"housing": {"tenure": "rent", "monthly_rent": 200_000}}


def expected(program: str, regions: Any) -> dict[str, Any]:
    """The same household written by hand in the 모의계산 contract, run through the rules engine."""
    body = SimulationRequest.model_validate(
        {
            "as_of": today().isoformat(),
            "sigungu_code": "11110",
            "members": [
                {
                    "id": "m1",
                    "relation": "head",
                    "birth_date": "1950-03-02",
                    "income": {"national_pension": 300_000, "national_pension_a": 150_000},
                },
                {"id": "m2", "relation": "spouse", "birth_date": "1952-05-05"},
            ],
            "assets": {"housing": 10_000_000, "financial": 1_500_000},
            "housing": {"tenure": "rent", "monthly_rent": 200_000, "deposit": 10_000_000},
        }
    )
    result = run_simulation(body, regions)
    return next(r.model_dump() for r in result.results if r.program == program)


async def couple(cases: CaseApi) -> tuple[str, str, str]:
    head = await cases.person("500302-1000201", "김노인", COUPLE_HEAD)
    spouse = await cases.person("520505-2000202", "이노인", COUPLE_SPOUSE)
    household = await cases.household(head, (spouse, "spouse"))
    return head, spouse, household


async def regions_of(cases: CaseApi) -> Any:
    app = cases.client._transport.app  # type: ignore[attr-defined]
    return await RegionCache(app.state.database.sessionmaker).get()


async def test_register_apply_investigate_decide_and_hold_entitlements(cases: CaseApi) -> None:
    head, _spouse, household = await couple(cases)
    application = await cases.apply(head, household, ["livelihood", "housing", "basic_pension"])
    assert [p["state"] for p in application["programs"]] == ["received"] * 3
    assert application["deadline"]["due"] == "2026-12-02"

    investigation = await cases.investigate(application["id"], FACTS)
    assert investigation["state"] == "completed"
    kinds = {(e["person_id"], e["kind"]) for e in investigation["evidence"] if e["status"] == "active"}
    assert (head, "pension") in kinds and (head, "property") in kinds
    # Without a 금융정보 consent the accounts are not asked for, and the investigation says so.
    assert {(n["person_id"], n["kind"]) for n in investigation["not_obtained"]} >= {(head, "financial")}

    results = {r["program"]: r for r in investigation["results"]}
    regions = await regions_of(cases)
    for program in ("livelihood", "housing", "basic_pension"):
        want = expected(program, regions)
        assert results[program]["status"] == want["status"], program
        assert results[program]["monthly_amount"] == want["monthly_amount"], program

    # The investigator may not decide the case they investigated (조사·결정 분리).
    refused = await cases.decide(application["id"], "livelihood", user="t.investigator")
    assert refused.status_code == 403

    decided = {}
    for program in ("livelihood", "housing", "basic_pension"):
        response = await cases.decide(application["id"], program)
        assert response.status_code == 201, response.text
        decided[program] = response.json()

    livelihood = expected("livelihood", regions)
    assert decided["livelihood"]["monthly_amount"] == livelihood["monthly_amount"] > 0
    assert decided["livelihood"]["start_date"] == "2026-11-02"  # 신청일 (법 제27조①)
    assert decided["basic_pension"]["start_date"] == "2026-11-01"  # the month of the 신청
    assert len(decided["basic_pension"]["entitlement_ids"]) == 2  # one per pensioner
    pension = expected("basic_pension", regions)
    assert pension["members"][0]["monthly_amount"] == 279_760  # 349,700 × (1 − 20% 부부감액)

    for program, decision in decided.items():
        for entitlement_id in decision["entitlement_ids"]:
            response = await cases.client.get(
                f"/api/v1/entitlements/{entitlement_id}", headers=cases.as_("t.decision_maker")
            )
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["state"] == "active" and body["program"] == program
            if program == "basic_pension":
                assert body["monthly_amount"] == 279_760
            else:
                assert body["monthly_amount"] == decision["monthly_amount"]

    notice = await cases.client.get(
        f"/api/v1/decisions/{decided['livelihood']['id']}/notice", headers=cases.as_("t.decision_maker")
    )
    assert notice.status_code == 200 and notice.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(notice.content)).pages)
    compact = re.sub(r"\s+", "", text)
    for phrase in ("보장결정통지서", "김노인", "생계급여", "선정(지급)", "2026.11.2.", "이의신청", "90일"):
        assert phrase in compact, phrase
    assert f"{livelihood['monthly_amount']:,}원" in compact
    assert "서울특별시종로구청장" in compact
    assert "500302-1******" in text and not re.search(r"\d{6}-\d{7}", text)

    final = await cases.client.get(f"/api/v1/applications/{application['id']}", headers=cases.as_("t.intake"))
    assert {p["program"]: p["state"] for p in final.json()["programs"]} == {
        "livelihood": "approved",
        "housing": "approved",
        "basic_pension": "approved",
    }
    history = await cases.client.get(
        f"/api/v1/applications/{application['id']}/history", headers=cases.as_("t.intake")
    )
    events = [e["event"] for e in history.json()]
    assert events.count("received") == 3 and events.count("decided") == 3
    assert "investigation_facts" in events and "investigation_completed" in events
