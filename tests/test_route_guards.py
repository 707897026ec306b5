"""Deny by default: every route outside `PUBLIC_ROUTES` carries the guard and refuses a caller
without a token."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from api.main import PUBLIC_ROUTES, create_app
from api.security.guard import is_guard

PROBLEM_JSON = "application/problem+json"
_PARAM = re.compile(r"\{([^}:]+)(?::[^}]+)?\}")


@dataclass(frozen=True)
class RouteInfo:
    method: str
    path: str
    dependant: Dependant

    @property
    def template(self) -> str:
        """The path with convertors dropped (`{person_id:uuid}` → `{person_id}`)."""
        return _PARAM.sub(lambda m: "{" + m.group(1) + "}", self.path)

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.template

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"


def app_routes(app: FastAPI) -> list[RouteInfo]:
    """Every (method, path) the app serves through an APIRoute, with the dependant it runs.

    Newer FastAPI keeps included routers as `_IncludedRouter` entries and exposes the effective,
    prefixed routes through `iter_route_contexts`; older versions list APIRoute objects directly.
    """
    found: list[RouteInfo] = []
    try:
        from fastapi.routing import iter_route_contexts  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - older FastAPI
        contexts: list[object] = [r for r in app.routes if isinstance(r, APIRoute)]
    else:
        contexts = [c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]
    for route in contexts:
        path: str = route.path  # type: ignore[attr-defined]
        dependant: Dependant = route.dependant  # type: ignore[attr-defined]
        for method in sorted(route.methods or ()):  # type: ignore[attr-defined]
            if method != "HEAD":
                found.append(RouteInfo(method, path, dependant))
    return found


def walk(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from walk(dependency)


def has_guard(route: RouteInfo) -> bool:
    return any(is_guard(dep.call) for dep in walk(route.dependant))


# Path parameters that are not UUIDs, with a value of the shape their route matches.
_SAMPLES = {"certificate_number": "2026-11110-00000001", "line_id": "1"}


def concrete_url(path: str) -> str:
    return _PARAM.sub(lambda m: _SAMPLES.get(m.group(1), str(uuid.uuid4())), path)


ROUTES = app_routes(create_app())
PROTECTED = [r for r in ROUTES if r.key not in PUBLIC_ROUTES]


def test_app_has_routes_to_check() -> None:
    # Guards against a walker that silently finds nothing (e.g. after a FastAPI upgrade).
    assert len(PROTECTED) >= 20, [r.label for r in ROUTES]
    assert any(r.key == ("GET", "/api/v1/persons/{person_id}") for r in PROTECTED)


def test_public_routes_exist() -> None:
    served = {r.key for r in ROUTES}
    missing = sorted(PUBLIC_ROUTES - served)
    assert not missing, f"PUBLIC_ROUTES lists routes the app does not serve: {missing}"


def test_public_routes_have_no_guard() -> None:
    # A public route with a guard is harmless but means PUBLIC_ROUTES is out of date.
    guarded = [r.label for r in ROUTES if r.key in PUBLIC_ROUTES and has_guard(r)]
    assert not guarded, f"listed as public but guarded: {guarded}"


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.label)
def test_route_has_guard(route: RouteInfo) -> None:
    assert has_guard(route), (
        f"{route.label} is not in PUBLIC_ROUTES but has no guard dependency "
        "(add Depends(guard(...)) or list it in api.main.PUBLIC_ROUTES)"
    )


@pytest.mark.parametrize("route", PROTECTED, ids=lambda r: r.label)
async def test_route_refuses_anonymous_caller(client: httpx.AsyncClient, route: RouteInfo) -> None:
    body = {} if route.method in ("POST", "PATCH", "PUT") else None
    response = await client.request(route.method, concrete_url(route.path), json=body)
    assert response.status_code == 401, f"{route.label}: {response.status_code} {response.text}"
    assert response.headers["content-type"].startswith(PROBLEM_JSON), route.label
    problem = response.json()
    assert problem["status"] == 401
    assert problem["type"].endswith("/unauthenticated")
    assert response.headers.get("www-authenticate", "").lower().startswith("bearer")
