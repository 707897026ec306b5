"""Errors the domain raises. They say what went wrong in business terms; `api/errors.py` maps them
to HTTP statuses, so nothing here knows about HTTP."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every business error. `detail` is safe to show to the caller."""

    title = "요청을 처리할 수 없습니다"

    def __init__(self, detail: str, *, fields: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.fields = fields or {}


class InvalidInput(DomainError):
    """The input breaks a business rule (a bad 주민등록번호, an impossible relation…)."""

    title = "입력값이 올바르지 않습니다"


class NotFound(DomainError):
    """The thing does not exist, or lies outside the caller's jurisdiction (the two must look alike)."""

    title = "찾을 수 없습니다"


class Conflict(DomainError):
    """The request clashes with the current state: a duplicate, a stale version, a bad transition."""

    title = "현재 상태와 충돌합니다"
