"""The route guard. Every route but a short public list declares `Depends(guard(...))`; a test walks
the app and fails on any route without one (deny by default).

`guard(scopes, audit=Action.X)` authenticates the caller, scopes the transaction to the caller's
jurisdiction, starts the request's 접속기록 when the route touches personal data, and then checks
the scopes, so that a refused attempt is recorded too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.audit.trail import Action, AuditTrail
from api.config import get_settings
from api.db import SessionDep
from api.errors import AuthenticationFailed, PermissionDenied
from api.keys import get_keys
from api.security.principal import Principal, load_principal
from api.security.scopes import Scope
from api.security.tokens import decode_access_token
from domain.errors import InvalidInput

bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/v1/auth/token")

GUARD_MARK = "__ieum_guard__"
PURPOSE_MAX_LENGTH = 600
# Path parameters that name the resource a record is about, recorded even when access is refused.
_RESOURCE_PARAMS = (
    "person_id",
    "household_id",
    "official_id",
    "application_id",
    "investigation_id",
    "decision_id",
    "entitlement_id",
    "appeal_id",
    "certificate_number",
    "run_id",
    "file_id",
    "line_id",
    "recovery_id",
)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _resource(request: Request) -> str | None:
    for name in _RESOURCE_PARAMS:
        value = request.path_params.get(name)
        if value is not None:
            return f"{name.removesuffix('_id').removesuffix('_number')}:{value}"[:120]
    return None


def _purpose(raw: str | None) -> str | None:
    """The decoded X-Purpose header. Checked here, not by a `max_length` on the parameter: a header
    failing parameter validation would skip the guard, yet FastAPI would still run the route's other
    dependencies (the audit trail, which the guard starts) before answering 422."""
    if not raw:
        return None
    if len(raw) > PURPOSE_MAX_LENGTH:
        detail = f"X-Purpose 헤더는 {PURPOSE_MAX_LENGTH}자 이하여야 합니다."
        raise InvalidInput(detail, fields={"X-Purpose": "too_long"})
    return unquote(raw)


def guard(*scopes: Scope, audit: Action | None = None) -> Callable[..., Awaitable[Principal]]:
    async def dependency(
        request: Request,
        session: SessionDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        x_purpose: Annotated[
            str | None,
            Header(
                description="업무 목적 (percent-encoded UTF-8), recorded in the 접속기록",
                json_schema_extra={"maxLength": PURPOSE_MAX_LENGTH},
            ),
        ] = None,
    ) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise AuthenticationFailed()
        claims = decode_access_token(credentials.credentials, get_keys(), get_settings())
        principal = await load_principal(session, claims)
        request.state.principal = principal
        if audit is not None:
            route = request.scope.get("route")
            trail = AuditTrail(
                actor=principal.name,
                actor_kind=principal.kind,
                actor_sigungu=principal.sigungu_code,
                client_ip=client_ip(request),
                request_id=request.state.request_id,
                method=request.method,
                route=getattr(route, "path", request.url.path),
                action=audit,
                resource=_resource(request),
                success_status=getattr(route, "status_code", None) or 200,
            )
            request.state.audit_trail = trail
        purpose = _purpose(x_purpose)  # after the trail starts, so a rejected header is recorded too
        if audit is not None:
            request.state.audit_trail.set_purpose(purpose)
        missing = [s.value for s in scopes if s.value not in principal.scopes]
        if missing:
            raise PermissionDenied(f"필요한 권한: {', '.join(missing)}")
        return principal

    setattr(dependency, GUARD_MARK, True)
    return dependency


async def audit_trail(request: Request) -> AuditTrail:
    """The trail the guard started. `async` on purpose: a plain `def` dependency would be run on the
    thread pool, a thread hop on every audited request for one attribute lookup."""
    trail: AuditTrail = request.state.audit_trail
    return trail


def is_guard(call: Any) -> bool:
    return bool(getattr(call, GUARD_MARK, False))
