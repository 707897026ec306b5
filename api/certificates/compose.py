"""From what the rules say a certificate states to what it prints: the printed items for its purpose
(안전성 확보조치 기준 제12조), in the form's words, as a `CertificateDocument` for the renderer and as
the snapshot kept with the issued certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from api.certificates.document import CertificateDocument, CertificateLine, MemberLine
from api.notices.layout import format_date
from domain.certificates import CertificateFacts, CertifiedEntitlement, Item, Purpose

CHANNEL_NOTES = {"portal": "인터넷 발급", "kiosk": "무인민원발급기 발급"}


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    rrn_masked: str
    address: str
    rrn_full: str | None = None  # "600101-1234567", decrypted only when it is printed


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies one issued document (placeholders for a preview)."""

    number: str
    code: str
    url: str
    issuer: str
    channel: str
    preview: bool = False


def _program(line: CertifiedEntitlement) -> str:
    if line.beneficiary is None:
        return line.label
    return f"{line.label} (아동 {line.beneficiary.name}, {line.beneficiary.masked_rrn})"


def _start_dates(lines: tuple[CertifiedEntitlement, ...]) -> str:
    dates = {line.start_date for line in lines}
    if len(dates) == 1:
        return format_date(lines[0].start_date)
    return "\n".join(f"{line.label} {format_date(line.start_date)}" for line in lines)


def _receipt(lines: tuple[CertifiedEntitlement, ...]) -> str:
    return "\n".join(
        f"{_program(line)}: {format_date(line.certified_from)} ~ {format_date(line.certified_through)}"
        for line in lines
    )


def printed_lines(facts: CertificateFacts, items: frozenset[Item]) -> tuple[CertificateLine, ...]:
    lines = facts.entitlements
    rows: list[CertificateLine] = []
    if facts.period is not None:
        period = f"{format_date(facts.period.start)} ~ {format_date(facts.period.end)}"
        rows.append(CertificateLine("확인 기간", period))
    if Item.PROGRAMS in items and Item.RECEIPT_PERIOD not in items:
        rows.append(CertificateLine("수급(보장) 구분", " · ".join(dict.fromkeys(_program(x) for x in lines))))
    if Item.RECEIPT_PERIOD in items:
        rows.append(CertificateLine("수급 기간", _receipt(lines)))
    if Item.START_DATE in items:
        rows.append(CertificateLine("책정일", _start_dates(lines)))
    return tuple(rows)


def members(facts: CertificateFacts, items: frozenset[Item]) -> tuple[MemberLine, ...]:
    if Item.MEMBERS not in items:
        return ()
    return tuple(MemberLine(m.relation, m.name, m.masked_rrn) for m in facts.members)


def holder_rrn(holder: Holder, items: frozenset[Item]) -> str | None:
    if Item.RRN_FULL in items:
        if holder.rrn_full is None:
            raise ValueError("the full number is printed but was not provided")
        return holder.rrn_full
    return holder.rrn_masked if Item.RRN_MASKED in items else None


def document(
    facts: CertificateFacts, items: frozenset[Item], use: Purpose, holder: Holder, stamp: Stamp
) -> CertificateDocument:
    kind = facts.certificate
    return CertificateDocument(
        title=kind.title,
        legal_basis=kind.printed_basis,
        document_number=stamp.number,
        verification_code=stamp.code,
        verification_url=stamp.url,
        holder_name=holder.name,
        holder_rrn=holder_rrn(holder, items),
        holder_address=holder.address if Item.ADDRESS in items else None,
        facts=printed_lines(facts, items),
        members=members(facts, items),
        purpose=use.label,
        issued_on=facts.issued_on,
        issuer=stamp.issuer,
        channel_note=CHANNEL_NOTES.get(stamp.channel),
        preview=stamp.preview,
    )


def snapshot(doc: CertificateDocument, facts: CertificateFacts, holder: Holder) -> dict[str, Any]:
    """What the certificate printed, kept with it as JSON for the record (발급대장) — with the
    holder's number always masked: the full one, if printed, lives only in the encrypted PDF."""

    def day(value: date) -> str:
        return value.isoformat()

    return {
        "holder": {"name": doc.holder_name, "rrn_masked": holder.rrn_masked, "address": doc.holder_address},
        "facts": [{"label": f.label, "value": f.value} for f in doc.facts],
        "members": [
            {"relation": m.relation, "name": m.name, "rrn_masked": m.rrn_masked} for m in doc.members
        ],
        "lines": [
            {
                "entitlement_id": line.ref,
                "program": line.program.value,
                "start_date": day(line.start_date),
                "certified_from": day(line.certified_from),
                "certified_through": day(line.certified_through),
                "state": line.state.value,
                "beneficiary_name": line.beneficiary.name if line.beneficiary else None,
            }
            for line in facts.entitlements
        ],
        "purpose": doc.purpose,
        "legal_basis": doc.legal_basis,
        "channel_note": doc.channel_note,
    }
