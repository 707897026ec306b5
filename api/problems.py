"""The problem+json responses every route documents, so the OpenAPI document tells clients (and
schemathesis) exactly what errors look like."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldError(BaseModel):
    field: str
    message: str
    code: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(default="about:blank")
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None
    correlation_id: str | None = None


def _response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "model": Problem,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: _response("Bad request"),
    401: _response("Not signed in, or the token is invalid or expired"),
    403: _response("The account's duties do not include this operation"),
    404: _response("Not found, or outside the caller's jurisdiction"),
    409: _response("Conflicts with the current state (duplicate, stale version)"),
    422: _response("Invalid input; `errors` names each bad field"),
    429: _response("Too many requests"),
    500: _response("Unexpected error; quote the correlation id"),
}

# For routes that take an `Idempotency-Key` (api/idempotency.py): pass as the route's `responses`,
# on top of the router's PROBLEMS, so the two extra answers are documented where they can occur.
IDEMPOTENCY_PROBLEMS: dict[int | str, dict[str, Any]] = {
    409: _response(
        "Conflicts with the current state, or a request with the same `Idempotency-Key` is still in"
        " flight (retry after `Retry-After` seconds)"
    ),
    422: _response(
        "Invalid input (`errors` names each bad field), a missing or malformed `Idempotency-Key`, or"
        " a key already used with a different request"
    ),
}
