"""신청 through the API: intake rules (직권 consent, the privacy notice, jurisdiction and the actual
residence, consents), withdrawal, the deadline extension, refusals and 각하, and the overdue list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from api.clock import today
from tests.baseline import Baseline
from tests.cases.workflow import NOTICE, CaseApi
from tests.conftest import Auth


def body(baseline: Baseline, **extra: Any) -> dict[str, Any]:
    return {
        "applicant_person_id": str(baseline.people["own"]),
        "household_id": str(baseline.households["own"]),
        "programs": ["livelihood"],
        "channel": "visit",
        "applied_on": "2026-11-02",
        "privacy_notice": NOTICE,
        **extra,
    }


async def post(
    client: httpx.AsyncClient, auth: Auth, payload: dict[str, Any], user: str = "t.intake"
) -> httpx.Response:
    return await client.post("/api/v1/applications", json=payload, headers=auth.headers(user))


def fields(response: httpx.Response) -> dict[str, str]:
    return {e["field"]: e["code"] for e in response.json().get("errors", [])}


async def test_intake_rules(client: httpx.AsyncClient, auth: Auth, baseline: Baseline) -> None:
    ex_officio = await post(client, auth, body(baseline, channel="ex_officio"))
    assert ex_officio.status_code == 422 and "동의" in ex_officio.json()["detail"]
    assert (
        await post(client, auth, body(baseline, channel="ex_officio", ex_officio_consent=True))
    ).status_code == 201

    late_notice = await post(
        client, auth, body(baseline, privacy_notice={"version": "2026-01", "given_on": "2026-11-03"})
    )
    assert late_notice.status_code == 422 and fields(late_notice) == {
        "privacy_notice.given_on": "after_applied_on"
    }
    future = await post(client, auth, body(baseline, applied_on=(today() + timedelta(days=1)).isoformat()))
    assert fields(future) == {"applied_on": "future"}
    twice = await post(client, auth, body(baseline, programs=["livelihood", "livelihood"]))
    assert twice.status_code == 422

    not_member = await post(client, auth, body(baseline, household_id=str(baseline.households["other"])))
    assert not_member.status_code in (404, 422)
    # Another 시군구's resident is not found from here; a 읍면동 official only takes its own 읍면동.
    other = await post(client, auth, body(baseline, applicant_person_id=str(baseline.people["other"])))
    assert other.status_code == 404


async def test_actual_residence_needs_a_month(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    residence = {"address": "비닐하우스 3동", "emd_name": "청운동", "emd_code": "1111010100"}
    short = await post(client, auth, body(baseline, actual_residence={**residence, "since": "2026-10-15"}))
    assert short.status_code == 422 and fields(short) == {"actual_residence.since": "less_than_a_month"}
    ok = await post(client, auth, body(baseline, actual_residence={**residence, "since": "2026-10-02"}))
    assert ok.status_code == 201, ok.text
    assert ok.json()["residence_basis"] == "actual"


async def test_consents_must_belong_to_the_case(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline
) -> None:
    own, spouse, stranger = (str(baseline.people[k]) for k in ("own", "own_spouse", "own_other_emd"))
    consent = {"given_on": "2026-11-02", "document_id": "동의-1"}
    good = [
        {"person_id": own, "role": "applicant", **consent},
        {"person_id": spouse, "role": "member", **consent},
    ]
    assert (await post(client, auth, body(baseline, financial_consents=good))).status_code == 201
    bad = await post(
        client,
        auth,
        body(baseline, financial_consents=[{"person_id": stranger, "role": "member", **consent}]),
    )
    assert bad.status_code == 422 and fields(bad) == {"financial_consents.0.person_id": "member"}


async def test_withdraw_extend_refuse_dismiss(cases: CaseApi, baseline: Baseline) -> None:
    app = await cases.apply(
        str(baseline.people["own"]), str(baseline.households["own"]), ["livelihood", "housing"]
    )
    url = f"/api/v1/applications/{app['id']}"
    withdrawn = await cases.client.post(
        f"{url}/withdrawal",
        json={"programs": ["housing"], "reason": "본인 요청", "version": app["version"]},
        headers=cases.as_("t.intake"),
    )
    assert withdrawn.status_code == 200, withdrawn.text
    states = {p["program"]: p["state"] for p in withdrawn.json()["programs"]}
    assert states == {"livelihood": "received", "housing": "withdrawn"}
    stale = await cases.client.post(
        f"{url}/withdrawal",
        json={"reason": "중복 클릭", "version": app["version"]},
        headers=cases.as_("t.intake"),
    )
    assert stale.status_code == 409

    version = withdrawn.json()["version"]
    extension = {
        "reason": "support_obligor_investigation",
        "detail": "부양의무자 금융정보 회신 지연",
        "version": version,
    }
    extended = await cases.client.post(
        f"{url}/extension", json=extension, headers=cases.as_("t.investigator")
    )
    assert extended.status_code == 200 and extended.json()["deadline"]["due"] == "2027-01-01"
    again = await cases.client.post(
        f"{url}/extension",
        json={**extension, "version": extended.json()["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert again.status_code == 409  # once only

    started = await cases.client.post(
        "/api/v1/investigations", json={"application_id": app["id"]}, headers=cases.as_("t.investigator")
    )
    assert started.status_code == 201
    current = (await cases.client.get(url, headers=cases.as_("t.intake"))).json()
    early = await cases.client.post(
        f"{url}/dismissal",
        json={"reason": "거부", "version": current["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert early.status_code == 409 and "2회" in early.json()["detail"]
    for _ in range(2):
        current = (await cases.client.get(url, headers=cases.as_("t.intake"))).json()
        refused = await cases.client.post(
            f"{url}/refusals",
            json={"note": "소득 자료 제출 거부", "version": current["version"]},
            headers=cases.as_("t.investigator"),
        )
        assert refused.status_code == 200
    current = refused.json()
    dismissed = await cases.client.post(
        f"{url}/dismissal",
        json={"reason": "두 차례 조사 거부", "version": current["version"]},
        headers=cases.as_("t.investigator"),
    )
    assert dismissed.status_code == 200
    assert {p["program"]: p["state"] for p in dismissed.json()["programs"]} == {
        "livelihood": "dismissed",
        "housing": "withdrawn",
    }


async def test_overdue_list(cases: CaseApi, baseline: Baseline) -> None:
    old = (today() - timedelta(days=31)).isoformat()
    due_today = (today() - timedelta(days=30)).isoformat()
    person, household = str(baseline.people["own"]), str(baseline.households["own"])
    late = await cases.apply(
        person, household, ["livelihood"], applied_on=old, privacy_notice={**NOTICE, "given_on": old}
    )
    on_time = await cases.apply(
        person, household, ["housing"], applied_on=due_today, privacy_notice={**NOTICE, "given_on": due_today}
    )
    listed = await cases.client.get("/api/v1/applications/overdue", headers=cases.as_("t.intake"))
    items = {i["application_id"]: i for i in listed.json()}
    assert late["id"] in items and on_time["id"] not in items  # day 30 is the last day, day 31 is late
    assert items[late["id"]]["days_overdue"] == 1 and items[late["id"]]["programs"] == ["livelihood"]
    junggu = await cases.client.get("/api/v1/applications/overdue", headers=cases.as_("o.intake"))
    assert late["id"] not in {i["application_id"] for i in junggu.json()}
