"""The vocabulary of the authorization matrix (tests/test_authz_matrix.py): the context a request
builder gets, the call it returns, and the row of the matrix (`Spec`)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from api.db import Database
from api.security.scopes import Scope
from tests.baseline import Baseline
from tests.conftest import Auth


@dataclass
class Ctx:
    client: httpx.AsyncClient
    auth: Auth
    baseline: Baseline
    caller: str | None
    database: Database

    def person(self, key: str) -> uuid.UUID:
        return self.baseline.people[key]

    def household(self, where: str) -> uuid.UUID:
        return self.baseline.households[where]

    def official(self, where: str) -> uuid.UUID:
        return self.baseline.account("t.intake" if where == "own" else "o.investigator").id

    async def setup(self, method: str, url: str, username: str, body: Any = None, **params: Any) -> Any:
        """A preparatory request by someone allowed to make it; must succeed."""
        response = await self.client.request(
            method, url, json=body, params=params or None, headers=self.auth.headers(username)
        )
        assert response.is_success, f"setup {method} {url} as {username}: {response.text}"
        return response.json()


Check = Callable[[Any], None]


@dataclass(frozen=True)
class Call:
    url: str
    body: Any = None
    status: int = 200  # expected when the caller holds the scope
    check: Check | None = None
    headers: dict[str, str] | None = None  # beyond the caller's token (e.g. an Idempotency-Key)


Build = Callable[[Ctx, str], Awaitable[Call]]


@dataclass(frozen=True)
class Spec:
    method: str
    path: str
    scope: Scope | None  # None: any valid token
    build: Build
    targeted: bool = True  # False: no target, so no own/other variants


def scoped(where: str, url: str, body: Any = None, *, ok: int = 200, check: Check | None = None) -> Call:
    """Own target → `ok` (checked); other jurisdiction's target → 404."""
    return Call(url, body, ok, check) if where == "own" else Call(url, body, 404)


def field_is(field: str, value: Any) -> Check:
    def check(body: Any) -> None:
        assert body[field] == value, body

    return check
