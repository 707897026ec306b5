"""Table rows of synthetic households, in the column order of `COLUMNS`: the registry (persons with
encrypted numbers and accounts, households, members, family ties) and, for what a household was
granted, the rows the decision service leaves when it approves (tests/entitlements/factory.py):
the 신청, its program cases, the completed 조사, the decisions, the entitlements with members, first
amount and `grant` event, and then the entitlement's later life (see `population.later_life`)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from api.keys import Keys
from api.registry import protection
from api.synthetic.households import PlannedHousehold
from api.synthetic.people import PlannedPerson

COLUMNS: dict[str, tuple[str, ...]] = {
    "persons": (
        "id", "name", "rrn_ciphertext", "rrn_blind_index", "birth_date", "sex", "foreign_resident",
        "sigungu_code", "emd_code", "emd_name", "address", "disability", "bank_name",
        "bank_account_ciphertext", "bank_account_last4", "version", "created_at", "updated_at",
    ),
    "households": (
        "id", "sigungu_code", "emd_code", "emd_name", "address", "version", "created_at", "updated_at",
    ),
    "household_members": ("id", "household_id", "person_id", "relation", "joined_on"),
    "family_relations": ("id", "from_person_id", "to_person_id", "kind"),
    "applications": (
        "id", "household_id", "applicant_person_id", "sigungu_code", "emd_code", "emd_name", "channel",
        "applied_on", "received_by", "received_by_kind", "ex_officio_consent", "residence_basis",
        "privacy_notice_version", "privacy_notice_given_on", "version", "created_at", "updated_at",
    ),
    "application_programs": ("id", "application_id", "program", "state", "investigation_refusals", "version"),
    "investigations": (
        "id", "application_id", "state", "as_of", "started_by", "started_at", "gathered_at",
        "completed_by", "completed_at", "not_obtained", "facts", "household", "recognized_income", "version",
    ),
    "decisions": (
        "id", "application_id", "application_program_id", "program", "outcome", "reason_codes",
        "monthly_amount", "start_date", "decided_by", "decided_on", "decided_at", "basis", "exclusivity",
        "notice_number", "notice_pdf",
    ),
    "entitlements": (
        "id", "decision_id", "program", "person_id", "household_id", "sigungu_code", "emd_code", "state",
        "state_reason", "monthly_amount", "start_date", "end_date", "version", "created_at", "updated_at",
    ),
    "entitlement_members": ("entitlement_id", "person_id"),
    "entitlement_amounts": (
        "entitlement_id", "monthly_amount", "effective_from", "reason", "note", "recorded_by", "recorded_at",
    ),
    "entitlement_events": (
        "entitlement_id", "event", "from_state", "to_state", "reason_code", "note", "effective_on", "actor",
        "occurred_at",
    ),
}  # fmt: skip
# Parents before children, so each batch satisfies its foreign keys as it is copied.
TABLE_ORDER = tuple(COLUMNS)
Rows = dict[str, list[tuple[object, ...]]]

INTAKE = "synth.intake"
INVESTIGATOR = "synth.investigator"
DECIDER = "synth.decision"
PRIVACY_NOTICE_VERSION = "2026-01"


def new_rows() -> Rows:
    return {table: [] for table in TABLE_ORDER}


def at(day: date, hour: int = 10) -> datetime:
    """A time on `day` in office hours (UTC, 10:00 = 19:00 KST is late; 01:00 UTC = 10:00 KST)."""
    return datetime.combine(day, time(hour % 24), tzinfo=UTC)


def person_row(
    keys: Keys, h: PlannedHousehold, p: PlannedPerson, blind: bytes, registered: datetime
) -> tuple[object, ...]:
    pid = uuid.UUID(int=p.id_bits)
    bank_name = account = last4 = None
    if p.bank is not None:
        bank_name, digits = p.bank
        account = protection.encrypt(keys, pid, digits, protection.BANK_ACCOUNT)
        last4 = digits[-4:]
    return (
        pid,
        p.name,
        protection.encrypt(keys, pid, p.rrn, protection.RRN),
        blind,
        p.birth_date,
        p.sex.value,
        False,
        h.region.code,
        None,
        None,
        h.address,
        p.disability.value,
        bank_name,
        account,
        last4,
        1,
        registered,
        registered,
    )


def registry_rows(
    rows: Rows, keys: Keys, h: PlannedHousehold, blinds: list[bytes], member_bits: list[int]
) -> None:
    """The household, its people and their ties. `blinds`: each member's blind index; `member_bits`:
    one random id per membership row."""
    hid = uuid.UUID(int=h.id_bits)
    # Registered a while before the 신청 (the earliest 신청 month is December 2024).
    registered = at(date(2024, 11, 1), 1)
    rows["households"].append((hid, h.region.code, None, None, h.address, 1, registered, registered))
    ids = [uuid.UUID(int=p.id_bits) for p in h.members]
    for p, pid, blind, bits in zip(h.members, ids, blinds, member_bits, strict=True):
        rows["persons"].append(person_row(keys, h, p, blind, registered))
        joined = max(p.birth_date, date(2024, 11, 1))
        rows["household_members"].append((uuid.UUID(int=bits), hid, pid, p.relation.value, joined))
    relations = family_ties(h, ids)
    rows["family_relations"].extend((uuid.uuid5(a, f"{kind}:{b}"), a, b, kind) for a, b, kind in relations)


def family_ties(h: PlannedHousehold, ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """`spouse_of` (smaller id first) and `parent_of` (parent → child) within the household."""
    by_relation: dict[str, list[uuid.UUID]] = {}
    for p, pid in zip(h.members, ids, strict=True):
        by_relation.setdefault(p.relation.value, []).append(pid)
    head = ids[0]
    spouses = by_relation.get("spouse", [])
    ties: list[tuple[uuid.UUID, uuid.UUID, str]] = []
    for spouse in spouses:
        low, high = sorted((head, spouse))
        ties.append((low, high, "spouse_of"))
    for child in by_relation.get("child", []):
        ties.extend((parent, child, "parent_of") for parent in (head, *spouses))
    for parent in by_relation.get("parent", []):
        ties.append((parent, head, "parent_of"))
    return ties
