"""The hash of one access-log record and the walk that checks every lane's chain.

content_hash = SHA-256 over a canonical JSON of the record's fields; each lane's
chain_hash(n) = SHA-256(chain_hash(n-1) || content_hash(n)), starting from 32 zero bytes. Changing,
removing or reordering a committed row breaks the chain from that row on.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = bytes(32)


@dataclass(frozen=True)
class RecordFields:
    occurred_at: datetime
    request_id: str
    actor: str
    actor_kind: str
    actor_sigungu: str | None
    client_ip: str
    subjects: Sequence[uuid.UUID]
    resource: str | None
    action: str
    purpose: str | None
    method: str
    route: str
    status: int
    outcome: str


def content_hash(fields: RecordFields) -> bytes:
    canonical = {
        "occurred_at": fields.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "request_id": fields.request_id,
        "actor": fields.actor,
        "actor_kind": fields.actor_kind,
        "actor_sigungu": fields.actor_sigungu,
        "client_ip": fields.client_ip,
        "subjects": [str(s) for s in fields.subjects],
        "resource": fields.resource,
        "action": fields.action,
        "purpose": fields.purpose,
        "method": fields.method,
        "route": fields.route,
        "status": fields.status,
        "outcome": fields.outcome,
    }
    encoded = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).digest()


def link(previous: bytes, content: bytes) -> bytes:
    return hashlib.sha256(previous + content).digest()


@dataclass(frozen=True)
class StoredRecord:
    id: int
    lane: int
    lane_seq: int
    fields: RecordFields
    content_hash: bytes
    chain_hash: bytes


@dataclass(frozen=True)
class BrokenLink:
    record_id: int | None
    lane: int
    lane_seq: int
    reason: str


@dataclass
class LaneWalk:
    """Checks one lane's records, fed in lane_seq order."""

    lane: int
    expected_seq: int = 1
    previous: bytes = GENESIS
    checked: int = 0
    broken: BrokenLink | None = None

    def feed(self, record: StoredRecord) -> None:
        if self.broken is not None:
            return
        self.checked += 1
        if record.lane_seq != self.expected_seq:
            self.broken = BrokenLink(
                record.id,
                self.lane,
                self.expected_seq,
                f"missing record(s): expected sequence {self.expected_seq}, found {record.lane_seq}",
            )
            return
        if content_hash(record.fields) != record.content_hash:
            self.broken = BrokenLink(
                record.id, self.lane, record.lane_seq, "record content does not match its hash (altered)"
            )
            return
        expected = link(self.previous, record.content_hash)
        if expected != record.chain_hash:
            self.broken = BrokenLink(
                record.id, self.lane, record.lane_seq, "chain hash does not follow from the previous record"
            )
            return
        self.previous = expected
        self.expected_seq += 1

    def finish(self, head_seq: int, head_hash: bytes) -> None:
        """The lane head must point at the last record walked: catches a truncated tail."""
        if self.broken is not None:
            return
        last_seq = self.expected_seq - 1
        if head_seq != last_seq or head_hash != self.previous:
            self.broken = BrokenLink(
                None,
                self.lane,
                last_seq + 1,
                f"lane head says {head_seq} records but {last_seq} remain (records removed from the end)",
            )


def first_broken(walks: Iterable[LaneWalk]) -> BrokenLink | None:
    broken = [w.broken for w in walks if w.broken is not None]
    if not broken:
        return None
    return min(broken, key=lambda b: (b.record_id is None, b.record_id or 0, b.lane))
