from __future__ import annotations

from pydantic import BaseModel, Field


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = Field(default="bearer", examples=["bearer"])
    expires_in: int = Field(description="seconds")
    scope: str = Field(description="space-separated scopes granted")


class Me(BaseModel):
    kind: str
    name: str
    sigungu_code: str | None
    emd_code: str | None
    roles: list[str]
    programs: list[str]
    scopes: list[str]
