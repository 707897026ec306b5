"""The synthetic population generator without a database: reproducible from its seed, valid and
decryptable resident numbers consistent with each person, rights that fit the people holding them,
amounts the single path of the rules engine agrees with, and every 시군구 represented."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from functools import cache
from typing import Any

from api.keys import get_keys
from api.registry import protection
from api.synthetic.amounts import HOUSEHOLD_PROGRAMS
from api.synthetic.people import check_digit
from api.synthetic.population import PopulationGenerator, load_regions, residential_regions
from api.synthetic.rows import COLUMNS, Rows
from domain.identity.rrn import parse_resident_number
from domain.rules.household import age_in_months, age_in_years
from domain.rules.household_codec import household_from_mapping
from domain.rules.programs.common import Program, Status
from domain.rules.simulate import assess

# Columns whose value is a fresh AES-GCM ciphertext each time (a random nonce, as it must be).
CIPHERTEXTS = {"rrn_ciphertext", "bank_account_ciphertext"}
REGIONS = load_regions()


@cache
def rows(seed: int, households: int = 1500) -> Rows:
    return PopulationGenerator(seed, get_keys()).batch(households).rows


def by_name(table: str, rows_: Rows) -> list[dict[str, Any]]:
    return [dict(zip(COLUMNS[table], row, strict=True)) for row in rows_[table]]


def comparable(rows_: Rows) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table, records in rows_.items():
        skip = [i for i, c in enumerate(COLUMNS[table]) if c in CIPHERTEXTS]
        out[table] = [tuple(v for i, v in enumerate(r) if i not in skip) for r in records]
    return out


def test_same_seed_same_rows_and_another_seed_other_rows() -> None:
    again = PopulationGenerator(11, get_keys()).batch(1500).rows
    assert comparable(again) == comparable(rows(11))
    keys = get_keys()
    for first, second in zip(by_name("persons", rows(11)), by_name("persons", again), strict=True):
        decrypt = protection.decrypt
        assert decrypt(keys, first["id"], first["rrn_ciphertext"], protection.RRN) == decrypt(
            keys, second["id"], second["rrn_ciphertext"], protection.RRN
        )
    other = comparable(rows(12))
    assert other["persons"] != comparable(rows(11))["persons"]
    assert {r[0] for r in other["entitlements"]}.isdisjoint(
        {r[0] for r in comparable(rows(11))["entitlements"]}
    )


def test_every_number_is_valid_decryptable_and_matches_the_person() -> None:
    keys = get_keys()
    people = by_name("persons", rows(11))
    assert len({p["rrn_blind_index"] for p in people}) == len(people)
    for p in people:
        digits = protection.decrypt(keys, p["id"], p["rrn_ciphertext"], protection.RRN)
        number = parse_resident_number(digits, today=date(2026, 12, 1))
        assert (number.birth_date, number.sex.value, number.foreign_resident) == (
            p["birth_date"],
            p["sex"],
            False,
        )
        assert digits[12] == check_digit(digits[:12])
        assert protection.blind_index(keys, digits) == p["rrn_blind_index"]
        if p["bank_account_ciphertext"] is not None:
            account = protection.decrypt(keys, p["id"], p["bank_account_ciphertext"], protection.BANK_ACCOUNT)
            assert account.isdigit() and account[-4:] == p["bank_account_last4"] and p["bank_name"]


def test_rights_fit_their_holders() -> None:
    data = rows(11)
    people = {p["id"]: p for p in by_name("persons", data)}
    relation = {m["person_id"]: m["relation"] for m in by_name("household_members", data)}
    household_of = {m["person_id"]: m["household_id"] for m in by_name("household_members", data)}
    members: dict[Any, set[Any]] = {}
    for m in by_name("entitlement_members", data):
        members.setdefault(m["entitlement_id"], set()).add(m["person_id"])
    heads = {
        m["household_id"]: m["person_id"]
        for m in by_name("household_members", data)
        if m["relation"] == "head"
    }
    as_of = {i["application_id"]: i["as_of"] for i in by_name("investigations", data)}
    assessed_on = {d["id"]: as_of[d["application_id"]] for d in by_name("decisions", data)}
    seen: Counter[Program] = Counter()
    for e in by_name("entitlements", data):
        program, holder = Program(e["program"]), people[e["person_id"]]
        seen[program] += 1
        assert household_of[holder["id"]] == e["household_id"] and holder["sigungu_code"] == e["sigungu_code"]
        # The ages the rules went by: those on the 조사 기준일, as in a real decision.
        on = assessed_on[e["decision_id"]]
        age = age_in_years(holder["birth_date"], on)
        months = age_in_months(holder["birth_date"], on)
        if program in HOUSEHOLD_PROGRAMS:
            everyone = {pid for pid, hid in household_of.items() if hid == e["household_id"]}
            assert relation[holder["id"]] == "head" and members[e["id"]] == everyone
            continue
        assert members[e["id"]] == {holder["id"]}
        if program is Program.BASIC_PENSION:
            assert age >= 65
        elif program is Program.DISABILITY_PENSION:
            assert holder["disability"] == "severe" and 18 <= age < 65
        else:
            # A child's right, paid to the head of the child's household, who has an account.
            assert relation[holder["id"]] == "child" and age < 13
            assert people[heads[e["household_id"]]]["bank_account_last4"] is not None
            if program is Program.PARENT_BENEFIT:
                assert months < 24
            if program is Program.HOME_CARE_ALLOWANCE:
                assert 24 <= months < 86
    assert all(seen[p] > 0 for p in Program if p.value in {"basic_pension", "child_allowance", "livelihood"})


def test_personal_amounts_agree_with_the_single_path() -> None:
    """The bulk 기초연금 path and the shared single-path results give what `assess` gives the household
    as stored in its 조사."""
    data = rows(11)
    investigations = {i["application_id"]: i for i in by_name("investigations", data)}
    decisions = {d["id"]: d for d in by_name("decisions", data)}
    initial = {
        a["entitlement_id"]: a["monthly_amount"]
        for a in by_name("entitlement_amounts", data)
        if a["reason"] == "initial"
    }
    checked = 0
    for e in by_name("entitlements", data):
        program = Program(e["program"])
        if program in HOUSEHOLD_PROGRAMS:
            continue  # assessed with the members' pensions counted as income
        stored = json.loads(investigations[decisions[e["decision_id"]]["application_id"]]["household"])
        household = household_from_mapping(stored["mapping"], REGIONS.get)
        key = next(k for k, v in stored["members"].items() if v == str(e["person_id"]))
        result = assess(program, household)
        member = next(m for m in result.members if m.member_id == key)
        assert (member.status, member.monthly_amount) == (Status.ELIGIBLE, initial[e["id"]])
        checked += 1
    assert checked > 500


def test_spread_over_the_country_and_every_later_life_case() -> None:
    data = rows(11)
    places = {h["sigungu_code"] for h in by_name("households", data)}
    assert len(places) > len(residential_regions(load_regions())) * 0.9
    events = Counter(e["event"] for e in by_name("entitlement_events", data))
    assert {"grant", "suspend", "resume", "stop", "lose", "change_amount"} <= set(events)
    states = Counter(e["state"] for e in by_name("entitlements", data))
    assert (
        states["active"] > 0.9 * sum(states.values())
        and states["suspended"]
        and states["stopped"]
        and states["lost"]
    )
    starts = [e["start_date"] for e in by_name("entitlements", data)]
    assert any(d.day != 1 for d in starts)
    assert all(d["notice_pdf"] is None and "합성" in d["notice_number"] for d in by_name("decisions", data))


def test_entitlements_of_one_program_in_one_sigungu() -> None:
    generator = PopulationGenerator(3, get_keys(), only=Program.BASIC_PENSION, sigungu="11110")
    batch = generator.batch(200, max_entitlements=150)
    found = by_name("entitlements", batch.rows)
    assert len(found) == 150 == batch.tally.entitlements["basic_pension"]
    assert {e["program"] for e in found} == {"basic_pension"} and {e["sigungu_code"] for e in found} == {
        "11110"
    }


def test_reserved_names_are_never_given() -> None:
    """The demo keeps its hand-made residents' names to themselves (searches by name find them alone)."""
    import api.demo as demo

    reserved = frozenset(p.name for p in demo.PEOPLE)
    generator = PopulationGenerator(demo.SYNTHETIC_SEED, get_keys(), sigungu="11110", reserved_names=reserved)
    names = {p["name"] for p in by_name("persons", generator.batch(demo.SYNTHETIC_HOUSEHOLDS).rows)}
    assert names and names.isdisjoint(reserved)


def test_all_active_leaves_out_suspensions_and_ends() -> None:
    generator = PopulationGenerator(3, get_keys(), only=Program.BASIC_PENSION, life_events=False)
    batch = generator.batch(400, max_entitlements=300)
    assert {e["state"] for e in by_name("entitlements", batch.rows)} == {"active"}
    assert {e["event"] for e in by_name("entitlement_events", batch.rows)} <= {"grant", "change_amount"}
