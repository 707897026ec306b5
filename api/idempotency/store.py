"""The `idempotency_records` side: fingerprint a request, claim its key (in a transaction of its own,
committed at once), store the answer (in the request's transaction), release or purge."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, DateTime, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.errors import IdempotencyKeyInFlight, IdempotencyKeyReused, IdempotentReplay
from api.models.entitlements import IdempotencyRecord

log = logging.getLogger(__name__)

IN_FLIGHT_TIMEOUT = timedelta(seconds=60)
RETENTION = timedelta(hours=24)
RETRY_AFTER_SECONDS = 1

IN_FLIGHT, COMPLETED = "in_flight", "completed"
_R = IdempotencyRecord
# The database's clock, not the application's: every instance then agrees on what is stale.
_NOW = func.clock_timestamp(type_=DateTime(timezone=True))
_CLAIM_ATTEMPTS = 3


@dataclass(frozen=True)
class Claim:
    client_id: uuid.UUID
    key: str
    # Which claim on (client_id, key) is ours: a takeover stamps a new one, and completing or
    # releasing is guarded by it, so a request that outlived its claim cannot touch its successor's.
    created_at: datetime
    route: str


def _canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(method: str, route: str, target: dict[str, Any], body: bytes) -> bytes:
    """SHA-256 of the request: method, route template, path and query parameters (`target`), and the
    body as canonical JSON (key order and spacing do not matter), or its raw bytes if it is not
    JSON. The parameters count: with the template alone, the same key and body sent to /persons/A/…
    would replay the answer given for /persons/B/…."""
    try:
        canonical_body = _canonical_json(json.loads(body)) if body else b""
    except ValueError:  # includes UnicodeDecodeError
        canonical_body = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), route.encode(), _canonical_json(target), canonical_body):
        # Length-prefixed, so that no two different requests run together into the same bytes.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


async def claim_key(
    sessionmaker: async_sessionmaker[AsyncSession],
    client_id: uuid.UUID,
    key: str,
    request_hash: bytes,
    method: str,
    route: str,
) -> Claim:
    """Claims the key in a transaction of its own, or raises what the existing record calls for:
    `IdempotentReplay`, `IdempotencyKeyReused` or `IdempotencyKeyInFlight`."""
    async with sessionmaker() as session, session.begin():
        for _ in range(_CLAIM_ATTEMPTS):
            created = await session.scalar(
                insert(_R)
                .values(
                    client_id=client_id,
                    key=key,
                    request_hash=request_hash,
                    method=method,
                    route=route,
                    state=IN_FLIGHT,
                    headers={},
                    created_at=_NOW,
                )
                .on_conflict_do_nothing(index_elements=[_R.client_id, _R.key])
                .returning(_R.created_at)
            )
            if created is not None:
                return Claim(client_id, key, created, route)
            existing = (
                await session.execute(
                    select(
                        _R.request_hash,
                        _R.state,
                        _R.status,
                        _R.response,
                        _R.headers,
                        _R.subjects,
                        _R.created_at,
                        (_R.created_at < _NOW - IN_FLIGHT_TIMEOUT).label("stale"),
                        (_R.created_at < _NOW - RETENTION).label("expired"),
                    ).where(_R.client_id == client_id, _R.key == key)
                )
            ).one_or_none()
            if existing is None:
                continue  # released since the insert: try again
            if not existing.expired:
                if existing.request_hash != request_hash:
                    raise IdempotencyKeyReused()
                if existing.state == COMPLETED:
                    if existing.status is None or existing.response is None:
                        raise RuntimeError("completed idempotency record without a response")
                    raise IdempotentReplay(
                        existing.status, existing.response, dict(existing.headers), list(existing.subjects)
                    )
                if not existing.stale:
                    raise IdempotencyKeyInFlight(RETRY_AFTER_SECONDS)
            # Expired (the key is free again) or abandoned in flight: take it over, unless another
            # request changed the record since it was read.
            taken = await session.scalar(
                update(_R)
                .where(
                    _R.client_id == client_id,
                    _R.key == key,
                    _R.state == existing.state,
                    _R.created_at == existing.created_at,
                )
                .values(
                    request_hash=request_hash,
                    method=method,
                    route=route,
                    state=IN_FLIGHT,
                    status=None,
                    response=None,
                    headers={},
                    created_at=_NOW,
                    completed_at=None,
                )
                .returning(_R.created_at)
                .execution_options(synchronize_session=False)
            )
            if taken is not None:
                return Claim(client_id, key, taken, route)
    raise IdempotencyKeyInFlight(RETRY_AFTER_SECONDS)


async def complete(
    session: AsyncSession,
    claim: Claim,
    status: int,
    body: bytes,
    headers: dict[str, str],
    subjects: list[uuid.UUID] | None = None,
) -> bool:
    """Stores the answer on our claim in `session`; False if the claim is no longer ours."""
    stored = await session.scalar(
        update(_R)
        .where(
            _R.client_id == claim.client_id,
            _R.key == claim.key,
            _R.state == IN_FLIGHT,
            _R.created_at == claim.created_at,
        )
        .values(
            state=COMPLETED,
            status=status,
            response=body,
            headers=headers,
            subjects=subjects or [],
            completed_at=_NOW,
        )
        .returning(_R.key)
        .execution_options(synchronize_session=False)
    )
    return stored is not None


async def release(sessionmaker: async_sessionmaker[AsyncSession], claim: Claim) -> None:
    """Deletes our claim, if it is still ours and still in flight, so the client may retry. A
    committed answer is left alone."""
    try:
        async with sessionmaker() as session, session.begin():
            # Bounded: should the request's own transaction still hold the record (a dependency
            # declared with the wrong scope), waiting for it would wait forever.
            await session.execute(text("SET LOCAL lock_timeout = '5s'"))
            await session.execute(
                delete(_R)
                .where(
                    _R.client_id == claim.client_id,
                    _R.key == claim.key,
                    _R.state == IN_FLIGHT,
                    _R.created_at == claim.created_at,
                )
                .execution_options(synchronize_session=False)
            )
    except Exception:
        # Not worth hiding the request's own error for: the claim turns stale and is taken over.
        log.exception("could not release an idempotency key of route %s", claim.route)


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    """Deletes the records older than `RETENTION` at `now` (timezone-aware); returns how many."""
    result = await session.execute(
        delete(_R).where(_R.created_at < now - RETENTION).execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount
