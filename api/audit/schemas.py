from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class AccessRecordRead(BaseModel):
    id: int
    occurred_at: datetime
    actor: str
    actor_kind: str
    actor_sigungu: str | None
    client_ip: str
    subjects: list[uuid.UUID]
    resource: str | None
    action: str
    purpose: str | None
    method: str
    route: str
    status: int
    outcome: str
    request_id: str


class BrokenLinkRead(BaseModel):
    record_id: int | None
    lane: int
    lane_seq: int
    reason: str


class VerifyRead(BaseModel):
    ok: bool
    records_checked: int
    lanes: int
    first_broken: BrokenLinkRead | None
