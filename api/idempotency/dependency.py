"""The FastAPI side: the `Idempotency-Key` header, the dependency that claims it before the route
runs, and `Idempotency.respond`, through which the route answers.

No `from __future__ import annotations` here: FastAPI reads the dependency's signature at run time,
and the header's description there is a local of the factory, which a string annotation loses."""

import logging
import re
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Header, Request, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.db import database_of
from api.errors import IdempotencyKeyInFlight, IdempotentReplay
from api.idempotency.store import RETRY_AFTER_SECONDS, Claim, claim_key, complete, fingerprint, release
from api.security.principal import Principal
from domain.errors import InvalidInput

log = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
_KEY = re.compile(r"[!-~]{1,255}")  # visible ASCII; the column holds at most 255 characters


class Idempotency:
    """The route's side of the key: answer through `respond`, which remembers a successful answer."""

    def __init__(
        self,
        claim: Claim | None = None,
        sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        request: Request | None = None,
    ) -> None:
        self._claim = claim
        self._sessionmaker = sessionmaker
        self._request = request
        # The client's key; None when the route does not require one and none was sent.
        self.key = claim.key if claim else None
        self.answered = False
        self.stored = False

    async def respond(
        self,
        session: AsyncSession,
        status_code: int,
        model: BaseModel,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """The JSON response, stored in `session` (the request's own transaction) when it is a 2xx
        answer to a request with a key, so that a repeat gets it back. Return it from the route."""
        if self.answered:
            raise RuntimeError("Idempotency.respond called twice for one request")
        self.answered = True
        body = model.model_dump_json(by_alias=True).encode()
        response = Response(body, status_code, headers=headers, media_type="application/json")
        if self._claim is None:
            return response
        if 200 <= status_code < 300:
            trail = getattr(self._request.state, "audit_trail", None) if self._request else None
            subjects = list(trail.subjects) if trail is not None else []
            if not await complete(session, self._claim, status_code, body, headers or {}, subjects):
                # This request ran past the in-flight timeout and another one took the key over:
                # that one does the work, so this one must roll back rather than do it twice.
                raise IdempotencyKeyInFlight(RETRY_AFTER_SECONDS)
            self.stored = True
        else:
            # Not replayed: free the key now. The request's transaction never touched the row.
            await self._release()
        return response

    async def _release(self) -> None:
        """Gives the key back. Also after `respond` stored the answer: if the work then rolled back,
        so did the answer, and the record is again our claim in flight; a committed one stays."""
        if self._claim is not None and self._sessionmaker is not None:
            await release(self._sessionmaker, self._claim)
            self._claim = None


def _checked_key(raw: str | None, required: bool) -> str | None:
    if raw is None:
        if required:
            raise InvalidInput(f"{HEADER} 헤더가 필요합니다.", fields={HEADER: "required"})
        return None
    if not _KEY.fullmatch(raw):
        detail = f"{HEADER}는 공백 없는 ASCII 문자 1~255자여야 합니다."
        raise InvalidInput(detail, fields={HEADER: "invalid"})
    return raw


def idempotency(required: bool = True) -> Callable[..., AsyncIterator[Idempotency]]:
    """The dependency: claims the request's key before the route runs, or answers for it (a replay,
    409 or 422). Declare it after the guarded principal, with `scope="request"` (FastAPI's default
    for a dependency with yield; `IdempotencyDep` says so explicitly). Its cleanup must come after
    the session dependency (`scope="function"`) has committed or rolled back: after `respond`, the
    request's transaction locks the record until it ends, and a failed commit shows up only then.
    An error response is rendered after that cleanup, so a client that retries at once finds its
    key free. (The OpenAPI document lists the header as optional even where it is required: it is
    checked here, so that a missing one is reported like any other bad input.)"""
    presence = "필수 (required)" if required else "선택 (optional)"
    description = (
        f"{presence}. 요청마다 새로 만든 고유한 값(UUID 등). 응답을 받지 못해 다시 보낼 때 같은 값을 "
        "쓰면 처음 응답을 그대로 돌려받습니다(24시간). A unique value per request; resending with the "
        "same key returns the first response instead of doing the work again. 1-255 visible ASCII."
    )

    async def dependency(
        request: Request,
        idempotency_key: Annotated[
            str | None,
            # Checked in the body below, not by FastAPI: a malformed key then answers like any bad
            # input (422 `invalid-input` naming the header) and is recorded in the 접속기록.
            Header(
                alias=HEADER,
                description=description,
                json_schema_extra={"minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
            ),
        ] = None,
    ) -> AsyncIterator[Idempotency]:
        principal: Principal | None = getattr(request.state, "principal", None)
        if principal is None:
            raise RuntimeError(
                "the idempotency dependency found no principal: declare it after the route's "
                "guarded principal parameter"
            )
        key = _checked_key(idempotency_key, required)
        if key is None:
            yield Idempotency()
            return
        route = str(getattr(request.scope.get("route"), "path", request.url.path))
        target = {
            "path": {name: str(value) for name, value in request.path_params.items()},
            "query": sorted(request.query_params.multi_items()),
        }
        request_hash = fingerprint(request.method, route, target, await request.body())
        sessionmaker = database_of(request).sessionmaker
        try:
            claim = await claim_key(
                sessionmaker, principal.id, key, request_hash, request.method, route[:200]
            )
        except IdempotentReplay as replay:
            # A replay shows the first answer's data again: its 접속기록 names the same people.
            trail = getattr(request.state, "audit_trail", None)
            if trail is not None:
                trail.add_subjects(*replay.subjects)
            raise
        handle = Idempotency(claim, sessionmaker, request)
        try:
            yield handle
        except BaseException:
            await handle._release()
            raise
        if not handle.stored:
            if not handle.answered:
                log.error("route %s answered without Idempotency.respond; its key is released", route)
            await handle._release()

    return dependency


IdempotencyDep = Annotated[Idempotency, Depends(idempotency(), scope="request")]
OptionalIdempotencyDep = Annotated[Idempotency, Depends(idempotency(required=False), scope="request")]
