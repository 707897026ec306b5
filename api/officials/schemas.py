from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StrictBool, StringConstraints, field_validator

from api.security.scopes import PROGRAMS, Role

Username = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9._-]{2,63}$")]
# Stripped before the length check; the patterns say so in the schema (two non-blank characters, one).
Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500, pattern=r"\S[\s\S]*\S")
]
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=r"\S")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _programs(value: list[str]) -> list[str]:
    unknown = [p for p in value if p not in PROGRAMS]
    if unknown:
        raise ValueError(f"unknown programs: {', '.join(unknown)}; known: {', '.join(PROGRAMS)}")
    return sorted(set(value))


class OfficialCreate(_Strict):
    username: Username
    display_name: DisplayName
    password: SecretStr
    roles: list[Role] = Field(min_length=1)
    sigungu_code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    emd_code: Annotated[str, StringConstraints(pattern=r"^\d{10}$")] | None = None
    programs: list[str] = Field(default_factory=list)
    reason: Reason | None = None

    _check_programs = field_validator("programs")(_programs)


class OfficialUpdate(_Strict):
    """A change of duties or jurisdiction. Every change is kept in the grant history."""

    display_name: DisplayName | None = None
    roles: list[Role] | None = Field(default=None, min_length=1)
    emd_code: Annotated[str, StringConstraints(pattern=r"^\d{10}$")] | None = None
    clear_emd: StrictBool = Field(default=False, description="widen the jurisdiction to the whole 시군구")
    programs: list[str] | None = None
    reason: Reason

    @field_validator("programs")
    @classmethod
    def _check_programs(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _programs(value)


class StatusChange(_Strict):
    reason: Reason


class OfficialRead(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    roles: list[str]
    sigungu_code: str
    emd_code: str | None
    programs: list[str]
    active: bool
    locked: bool
    created_at: datetime


class GrantEventRead(BaseModel):
    id: int
    changed_by: str
    changed_at: datetime
    change: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    reason: str | None
