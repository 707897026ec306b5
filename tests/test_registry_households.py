"""The registry API for households (세대) and family relations, as officials of 종로구 (11110).
Every test's writes roll back (the `client` fixture)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from tests.baseline import CHEONGUN, OWN, Baseline
from tests.conftest import Auth
from tests.test_registry import assert_problem, error_fields, register

ADDRESS = {"sigungu_code": OWN, "emd_code": CHEONGUN, "emd_name": "청운동", "address": "자하문로 2"}
Person = Callable[[str], Awaitable[str]]


@pytest.fixture
def person(client: httpx.AsyncClient, auth: Auth) -> Person:
    """Registers a new resident of 청운동 under the given name; returns the id."""
    numbers = (f"8001{n:02d}-1{n:06d}" for n in itertools.count(1))

    async def make(name: str) -> str:
        return str((await register(client, auth, next(numbers), name=name))["id"])

    return make


def headers(auth: Auth) -> dict[str, str]:
    return auth.headers("t.investigator")


def members(household: dict[str, Any]) -> dict[str, str]:
    return {m["person_id"]: m["relation"] for m in household["members"]}


async def new_household(client: httpx.AsyncClient, auth: Auth, head: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/households", json={"head_person_id": head, "address": ADDRESS}, headers=headers(auth)
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def join(
    client: httpx.AsyncClient, auth: Auth, household: str, person_id: str, relation: str = "spouse"
) -> httpx.Response:
    return await client.post(
        f"/api/v1/households/{household}/members",
        json={"person_id": person_id, "relation": relation, "joined_on": "2025-01-01"},
        headers=headers(auth),
    )


async def leave(
    client: httpx.AsyncClient, auth: Auth, household: str, person_id: str, left_on: str = "2025-06-01"
) -> httpx.Response:
    return await client.post(
        f"/api/v1/households/{household}/members/{person_id}/leave",
        json={"left_on": left_on},
        headers=headers(auth),
    )


# --- households -----------------------------------------------------------------------------


async def test_household_with_head_and_members(client: httpx.AsyncClient, auth: Auth, person: Person) -> None:
    head, spouse, child = await person("갑"), await person("을"), await person("병")
    household = await new_household(client, auth, head)
    assert members(household) == {head: "head"}
    assert household["address"]["sigungu_code"] == OWN

    assert (await join(client, auth, household["id"], spouse)).status_code == 201
    added = await join(client, auth, household["id"], child, "child")
    assert added.status_code == 201
    assert members(added.json()) == {head: "head", spouse: "spouse", child: "child"}
    assert added.json()["version"] == household["version"] + 2

    read = await client.get(f"/api/v1/households/{household['id']}", headers=headers(auth))
    assert members(read.json()) == {head: "head", spouse: "spouse", child: "child"}
    as_person = await client.get(f"/api/v1/persons/{child}", headers=headers(auth))
    assert as_person.json()["household"] == {"household_id": household["id"], "relation": "child"}


async def test_a_person_belongs_to_one_household_at_a_time(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    first_head, second_head, member = await person("갑"), await person("을"), await person("병")
    first = await new_household(client, auth, first_head)
    second = await new_household(client, auth, second_head)
    assert (await join(client, auth, first["id"], member)).status_code == 201

    assert_problem(await join(client, auth, second["id"], member), 409)
    assert_problem(await join(client, auth, second["id"], first_head), 409)  # a head, too
    again = await client.post(
        "/api/v1/households", json={"head_person_id": member, "address": ADDRESS}, headers=headers(auth)
    )
    assert_problem(again, 409)

    assert (await leave(client, auth, first["id"], member)).status_code == 200  # 전출, then 전입
    assert (await join(client, auth, second["id"], member, "sibling")).status_code == 201


async def test_leaving_keeps_only_current_members(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    head, member = await person("갑"), await person("을")
    household = await new_household(client, auth, head)
    await join(client, auth, household["id"], member)

    left = await leave(client, auth, household["id"], member)
    assert left.status_code == 200, left.text
    assert members(left.json()) == {head: "head"}
    read = await client.get(f"/api/v1/households/{household['id']}", headers=headers(auth))
    assert members(read.json()) == {head: "head"}
    as_person = await client.get(f"/api/v1/persons/{member}", headers=headers(auth))
    assert as_person.json()["household"] is None

    assert_problem(await leave(client, auth, household["id"], member), 404)  # no longer a member


async def test_head_cannot_leave(client: httpx.AsyncClient, auth: Auth, person: Person) -> None:
    head = await person("갑")
    household = await new_household(client, auth, head)
    assert_problem(await leave(client, auth, household["id"], head), 409)


async def test_leaving_before_joining_is_invalid(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    head, member = await person("갑"), await person("을")
    household = await new_household(client, auth, head)
    await join(client, auth, household["id"], member)
    response = await leave(client, auth, household["id"], member, left_on="2024-12-31")
    assert error_fields(assert_problem(response, 422)) == {"left_on"}


async def test_households_of_another_jurisdiction_are_not_found(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, person: Person
) -> None:
    other = baseline.households["other"]
    assert_problem(await client.get(f"/api/v1/households/{other}", headers=headers(auth)), 404)
    assert_problem(await join(client, auth, str(other), await person("갑")), 404)
    assert_problem(await leave(client, auth, str(other), str(baseline.people["other"])), 404)
    # nor can their residents join ours
    ours = await new_household(client, auth, await person("을"))
    assert_problem(await join(client, auth, ours["id"], str(baseline.people["other"])), 404)
    # and the other 시군구 sees its own household
    read = await client.get(f"/api/v1/households/{other}", headers=auth.headers("o.investigator"))
    assert read.status_code == 200


# --- relations ----------------------------------------------------------------------------


async def relate(
    client: httpx.AsyncClient, auth: Auth, person_id: str, related: str, kind: str
) -> httpx.Response:
    return await client.post(
        f"/api/v1/persons/{person_id}/relations",
        json={"related_person_id": related, "kind": kind},
        headers=headers(auth),
    )


async def relations(client: httpx.AsyncClient, auth: Auth, person_id: str) -> dict[str, str]:
    response = await client.get(f"/api/v1/persons/{person_id}/relations", headers=headers(auth))
    assert response.status_code == 200, response.text
    return {r["related_person_id"]: r["kind"] for r in response.json()}


async def test_relations_read_correctly_from_both_sides(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    child, parent, grandparent, spouse = [await person(n) for n in ("자녀", "부모", "조부모", "배우자")]
    created = await relate(client, auth, parent, child, "child")  # child is parent's child
    assert created.status_code == 201, created.text
    assert created.json()["kind"] == "child"
    assert created.json()["related"]["id"] == child
    assert (await relate(client, auth, parent, grandparent, "parent")).status_code == 201
    assert (await relate(client, auth, spouse, parent, "spouse")).status_code == 201

    assert await relations(client, auth, parent) == {child: "child", grandparent: "parent", spouse: "spouse"}
    assert await relations(client, auth, child) == {parent: "parent"}
    assert await relations(client, auth, grandparent) == {parent: "child"}
    assert await relations(client, auth, spouse) == {parent: "spouse"}


async def test_the_same_relation_twice_is_a_conflict(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    child, parent, spouse = await person("자녀"), await person("부모"), await person("배우자")
    assert (await relate(client, auth, parent, child, "child")).status_code == 201
    assert (await relate(client, auth, parent, spouse, "spouse")).status_code == 201
    assert_problem(await relate(client, auth, parent, child, "child"), 409)
    assert_problem(await relate(client, auth, child, parent, "parent"), 409)  # said from the other side
    assert_problem(await relate(client, auth, spouse, parent, "spouse"), 409)


async def test_a_parent_cannot_also_be_the_child(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    child, parent = await person("자녀"), await person("부모")
    assert (await relate(client, auth, parent, child, "child")).status_code == 201
    assert_problem(await relate(client, auth, child, parent, "child"), 409)
    assert_problem(await relate(client, auth, parent, child, "parent"), 409)


async def test_no_relation_to_oneself(client: httpx.AsyncClient, auth: Auth, person: Person) -> None:
    someone = await person("갑")
    for kind in ("parent", "child", "spouse"):
        response = await relate(client, auth, someone, someone, kind)
        assert error_fields(assert_problem(response, 422)) == {"related_person_id"}


async def test_removed_relation_is_gone_from_both_sides(
    client: httpx.AsyncClient, auth: Auth, person: Person
) -> None:
    child, parent = await person("자녀"), await person("부모")
    relation_id = (await relate(client, auth, parent, child, "child")).json()["id"]
    url = f"/api/v1/persons/{child}/relations/{relation_id}"  # either side may remove it

    removed = await client.delete(url, headers=headers(auth))
    assert removed.status_code == 204
    assert removed.content == b""
    assert await relations(client, auth, parent) == {}
    assert await relations(client, auth, child) == {}
    assert_problem(await client.delete(url, headers=headers(auth)), 404)


async def test_relations_stay_within_the_jurisdiction(
    client: httpx.AsyncClient, auth: Auth, baseline: Baseline, person: Person
) -> None:
    ours, theirs = await person("갑"), str(baseline.people["other"])
    assert_problem(await relate(client, auth, ours, theirs, "spouse"), 404)
    assert_problem(await relate(client, auth, theirs, ours, "spouse"), 404)
    assert_problem(await client.get(f"/api/v1/persons/{theirs}/relations", headers=headers(auth)), 404)
