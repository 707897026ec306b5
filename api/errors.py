"""RFC 9457 problem details for every error.

Domain errors carry no HTTP codes; this module maps them. Out of jurisdiction reads as not found
(404) so a caller cannot learn that someone exists elsewhere. An unexpected error is a 500 with a
correlation id and nothing from the inside.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from domain.cases.separation_of_duties import DutyForbidden
from domain.certificates import NotEligibleForCertificate
from domain.errors import Conflict, DomainError, InvalidInput, NotFound
from domain.identity.rrn import scrub_resident_numbers
from domain.rules.parameter_book import ParameterUnavailable

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://ieum.go.kr/problems/"


class AuthenticationFailed(Exception):
    """No token, or a token that is malformed, expired, tampered with or for a disabled account."""

    def __init__(self, detail: str = "인증이 필요합니다.") -> None:
        super().__init__(detail)
        self.detail = detail


class PermissionDenied(Exception):
    """Authenticated, but the account's duties do not include this operation."""

    def __init__(self, detail: str = "이 업무에 대한 권한이 없습니다.") -> None:
        super().__init__(detail)
        self.detail = detail


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


class IdempotentReplay(Exception):
    """A request repeated under its `Idempotency-Key` (see `api.idempotency`): the first request's
    stored answer, sent again verbatim instead of doing the work twice. An exception so that the
    route never runs; the session dependency still records the access, with this status."""

    def __init__(
        self, status: int, body: bytes, headers: dict[str, str], subjects: list[uuid.UUID] | None = None
    ) -> None:
        super().__init__(f"replay of a stored {status} response")
        self.status = status
        self.body = body
        self.headers = headers
        self.subjects = subjects or []  # whose data the first answer held: named in the replay's record


class IdempotencyKeyReused(Exception):
    """The `Idempotency-Key` came before with a different request (body, route or method)."""


class IdempotencyKeyInFlight(Exception):
    """The first request with this `Idempotency-Key` is still being processed."""

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__("idempotency key in flight")
        self.retry_after = retry_after


_DOMAIN_STATUS: list[tuple[type[DomainError], int, str]] = [
    (ParameterUnavailable, 422, "parameter-unavailable"),
    (NotEligibleForCertificate, 409, "not-a-beneficiary"),
    (DutyForbidden, 403, "forbidden"),
    (NotFound, 404, "not-found"),
    (Conflict, 409, "conflict"),
    (InvalidInput, 422, "invalid-input"),
]


# PostgreSQL's `character_not_in_repertoire`: text it cannot store, i.e. a NUL character sent by the
# client (valid JSON and valid UTF-8, but not valid `text`). A bad request, not a server fault.
_UNSTORABLE_TEXT = "22021"


def is_unstorable_text(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == _UNSTORABLE_TEXT


def status_for_exception(exc: BaseException) -> int:
    if isinstance(exc, AuthenticationFailed):
        return 401
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, RateLimited):
        return 429
    if isinstance(exc, IdempotentReplay):
        return exc.status
    if isinstance(exc, IdempotencyKeyInFlight):
        return 409
    if isinstance(exc, IdempotencyKeyReused):
        return 422
    if isinstance(exc, StaleDataError):
        return 409
    if isinstance(exc, RequestValidationError):
        return 422
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code
    if is_unstorable_text(exc):
        return 422
    for kind, status, _ in _DOMAIN_STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail:
        body["detail"] = scrub_resident_numbers(detail)
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "request")


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    # Never echo the submitted value: it may be a 주민등록번호.
    return [
        {
            "field": _field_path(tuple(err.get("loc", ()))),
            "message": str(err.get("msg", "")),
            "code": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]


def _allowed_methods(request: Request) -> str:
    """Every method the path supports. Starlette's own 405 names only the first route that matched the
    path, and several routes share a path here (GET and PATCH /persons/{person_id})."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):  # the routes of included routers, too
        if route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    if not methods:
        # Only the SPA's static mount matched (a POST to a screen's path): it serves GET and HEAD.
        methods = {"GET", "HEAD"}
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        status = status_for_exception(exc)
        slug = next((s for k, _, s in _DOMAIN_STATUS if isinstance(exc, k)), "domain")
        extra: dict[str, Any] = {}
        if exc.fields:
            extra["errors"] = [{"field": f, "message": m, "code": m} for f, m in exc.fields.items()]
        return problem(status, exc.title, exc.detail, type_=TYPE_BASE + slug, **extra)

    @app.exception_handler(AuthenticationFailed)
    async def _auth(_: Request, exc: AuthenticationFailed) -> JSONResponse:
        return problem(
            401,
            "인증 실패",
            exc.detail,
            type_=TYPE_BASE + "unauthenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(PermissionDenied)
    async def _forbidden(_: Request, exc: PermissionDenied) -> JSONResponse:
        return problem(403, "권한 없음", exc.detail, type_=TYPE_BASE + "forbidden")

    @app.exception_handler(RateLimited)
    async def _rate(_: Request, exc: RateLimited) -> JSONResponse:
        return problem(
            429,
            "요청이 너무 많습니다",
            "잠시 후 다시 시도하십시오.",
            type_=TYPE_BASE + "rate-limited",
            headers={"Retry-After": str(exc.retry_after)},
        )

    @app.exception_handler(IdempotentReplay)
    async def _replay(_: Request, exc: IdempotentReplay) -> Response:
        return Response(exc.body, exc.status, headers=exc.headers, media_type="application/json")

    @app.exception_handler(IdempotencyKeyReused)
    async def _key_reused(_: Request, __: IdempotencyKeyReused) -> JSONResponse:
        return problem(
            422,
            "Idempotency-Key가 다른 요청에 이미 쓰였습니다",
            "같은 Idempotency-Key로 내용이 다른 요청을 보냈습니다. 새 요청에는 새 키를 쓰십시오.",
            type_=TYPE_BASE + "idempotency-key-reused",
        )

    @app.exception_handler(IdempotencyKeyInFlight)
    async def _key_in_flight(_: Request, exc: IdempotencyKeyInFlight) -> JSONResponse:
        return problem(
            409,
            "같은 요청을 처리하고 있습니다",
            "같은 Idempotency-Key의 요청이 아직 처리 중입니다. 잠시 후 다시 시도하십시오.",
            type_=TYPE_BASE + "idempotency-key-in-flight",
            headers={"Retry-After": str(exc.retry_after)},
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, __: StaleDataError) -> JSONResponse:
        return problem(
            409,
            "다른 사용자가 먼저 변경했습니다",
            "최신 내용을 다시 불러온 뒤 수정하십시오.",
            type_=TYPE_BASE + "stale-version",
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(
            422,
            "입력값이 올바르지 않습니다",
            "요청 본문 또는 매개변수를 확인하십시오.",
            type_=TYPE_BASE + "validation",
            errors=_validation_errors(exc),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "찾을 수 없습니다", 405: "허용되지 않는 메서드입니다"}
        title = titles.get(exc.status_code, "요청을 처리할 수 없습니다")
        detail = exc.detail if isinstance(exc.detail, str) else None
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed_methods(request)
        return problem(exc.status_code, title, detail, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        correlation_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex
        log.error("unhandled error (correlation id %s)", correlation_id, exc_info=exc)
        return problem(
            500,
            "내부 오류",
            "처리 중 오류가 발생했습니다. 관리자에게 상관 ID를 알려 주십시오.",
            type_=TYPE_BASE + "internal",
            correlation_id=correlation_id,
        )

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        if is_unstorable_text(exc):
            return problem(
                422,
                "입력값이 올바르지 않습니다",
                "입력값에 저장할 수 없는 문자(NUL)가 있습니다.",
                type_=TYPE_BASE + "invalid-input",
            )
        return await _unexpected(request, exc)
