"""Issuing a certificate: what the rules say it states, who issues it, its number and code, the PDF,
and the row that keeps it. Shared by the caseworker and citizen channels (`service.py`)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta

from starlette.concurrency import run_in_threadpool

from api.certificates import compose
from api.certificates.pdf import render_certificate
from api.certificates.repository import BasisRow, CertificateRepository
from api.certificates.schemas import CitizenCertificateRequest
from api.keys import Keys
from api.models import CertificateEntitlement, CertificateRow, Person
from api.registry import protection
from api.registry.service import masked_rrn
from domain.cases.entitlement import EntitlementState
from domain.certificates import (
    CODE_RANDOM_BYTES,
    CertificateFacts,
    CertificateType,
    HeldEntitlement,
    HouseholdMember,
    Item,
    Purpose,
    ReceiptPeriod,
    certificate_facts,
    certificate_type,
    document_number,
    full_address,
    issuer_title,
    mask_name,
    member_relation,
    new_code,
    normalise_code,
    printed_items,
)
from domain.errors import NotFound
from domain.identity.rrn import Sex, masked_from_parts
from domain.rules.programs.common import Program

SerialSource = Callable[[str, int], Awaitable[int]]


def code_hash(code: str) -> bytes:
    """What is kept of a verification code: SHA-256 of its canonical 16 symbols."""
    return hashlib.sha256(normalise_code(code).encode()).digest()


def _member(raw: dict[str, object], holder_id: uuid.UUID) -> HouseholdMember:
    born = date.fromisoformat(str(raw["birth_date"]))
    relation = str(raw["relation"]) if raw.get("relation") else None
    return HouseholdMember(
        name=str(raw["name"]),
        relation=member_relation(relation, is_holder=raw["person_id"] == str(holder_id)),
        masked_rrn=masked_from_parts(born, Sex(str(raw["sex"])), bool(raw["foreign_resident"])),
    )


def held(row: BasisRow, holder_id: uuid.UUID) -> HeldEntitlement:
    """A `certificate_basis` row as the certificate rules see it. A 취소 voids the days from
    `cancelled_from` on, so the right is held at most until the day before."""
    end = row.end_date
    if row.cancelled_from is not None:
        void_end = row.cancelled_from - timedelta(days=1)
        end = void_end if end is None else min(end, void_end)
    members = tuple(_member(m, holder_id) for m in row.members)
    covers_holder = any(m["person_id"] == str(holder_id) for m in row.members)
    return HeldEntitlement(
        program=Program(row.program),
        state=EntitlementState(row.state),
        start_date=row.start_date,
        end_date=end,
        region_code=row.sigungu_code,
        members=members if covers_holder else (),
        # Held for someone else (a child's 영유아 benefit paid to the 보호자): name that child.
        beneficiary=None if covers_holder or not members else members[0],
        ref=str(row.entitlement_id),
    )


@dataclass(frozen=True)
class Plan:
    kind: CertificateType
    use: Purpose
    facts: CertificateFacts
    items: frozenset[Item]
    emd_by_entitlement: dict[str, str | None]
    subjects: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class Issue:
    """Where and by whom: the 보장기관 that numbers it, the scope it is filed under, the issuer line."""

    sigungu_code: str
    emd_code: str | None
    issuer: str
    channel: str  # official | portal | kiosk
    issued_by: str


class Issuing:
    def __init__(
        self, repo: CertificateRepository, keys: Keys, serials: SerialSource, public_url: str, today: date
    ) -> None:
        self.repo = repo
        self.keys = keys
        self.serials = serials
        self.public_url = public_url.rstrip("/")
        self.today = today

    async def plan(self, person: Person, body: CitizenCertificateRequest) -> Plan:
        kind = certificate_type(body.certificate_type)
        use = Purpose(body.purpose)
        period = ReceiptPeriod(body.period.start, body.period.end) if body.period else None
        basis = await self.repo.basis(person.id)
        facts = certificate_facts(kind, [held(row, person.id) for row in basis], self.today, period)
        items = printed_items(kind, use, full_rrn_requested=body.full_rrn)
        stated = {line.ref for line in facts.entitlements}
        subjects = [person.id]
        for row in basis:
            # Whose data the page shows: the members, if printed; a child a line names.
            shown = Item.MEMBERS in items or row.beneficiary_id != person.id
            if str(row.entitlement_id) in stated and shown:
                subjects += [uuid.UUID(str(m["person_id"])) for m in row.members]
        return Plan(
            kind,
            use,
            facts,
            items,
            {str(row.entitlement_id): row.emd_code for row in basis},
            tuple(dict.fromkeys(subjects)),
        )

    async def issuer(self, sigungu_code: str, emd_name: str | None = None) -> str:
        sigungu = await self.repo.sigungu(sigungu_code)
        if sigungu is None:
            raise NotFound("발급기관(시군구)을 찾을 수 없습니다.")
        return issuer_title(sigungu.sido_name, sigungu.name, emd_name)

    async def holder(self, person: Person, plan: Plan) -> compose.Holder:
        full = None
        if Item.RRN_FULL in plan.items:
            digits = protection.decrypt(self.keys, person.id, person.rrn_ciphertext, protection.RRN)
            full = f"{digits[:6]}-{digits[6:]}"
        address = person.address
        if Item.ADDRESS in plan.items:
            sigungu = await self.repo.sigungu(person.sigungu_code)
            if sigungu is not None:
                address = full_address(sigungu.sido_name, sigungu.name, person.address, person.emd_name)
        return compose.Holder(person.name, masked_rrn(person), address, full)

    async def preview(self, person: Person, plan: Plan, issue: Issue) -> bytes:
        pending, url = "(발급 시 부여)", f"{self.public_url}/verify"
        stamp = compose.Stamp(pending, pending, url, issue.issuer, issue.channel, preview=True)
        doc = compose.document(plan.facts, plan.items, plan.use, await self.holder(person, plan), stamp)
        return await run_in_threadpool(render_certificate, doc)

    async def issue(self, person: Person, plan: Plan, issue: Issue) -> tuple[CertificateRow, str, str]:
        """Numbers, renders and stores the certificate; returns the row, the code and the link."""
        serial = await self.serials(issue.sigungu_code, self.today.year)
        number = document_number(self.today.year, issue.sigungu_code, serial)
        code = new_code(secrets.token_bytes(CODE_RANDOM_BYTES))
        url = f"{self.public_url}/verify?number={number}&code={code}"
        holder = await self.holder(person, plan)
        stamp = compose.Stamp(number, code, url, issue.issuer, issue.channel)
        doc = compose.document(plan.facts, plan.items, plan.use, holder, stamp)
        # Rendering is CPU work of tens of milliseconds: off the event loop.
        pdf = await run_in_threadpool(render_certificate, doc)
        row = CertificateRow(
            id=uuid.uuid4(),
            document_number=number,
            code_hash=code_hash(code),
            certificate_type=plan.kind.code.value,
            purpose=plan.use.value,
            person_id=person.id,
            holder_name_masked=mask_name(person.name),
            sigungu_code=issue.sigungu_code,
            emd_code=issue.emd_code,
            issuer=issue.issuer,
            issued_on=self.today,
            channel=issue.channel,
            issued_by=issue.issued_by,
            period_start=plan.facts.period.start if plan.facts.period else None,
            period_end=plan.facts.period.end if plan.facts.period else None,
            full_rrn_printed=Item.RRN_FULL in plan.items,
            printed_items=sorted(item.value for item in plan.items),
            facts=compose.snapshot(doc, plan.facts, holder),
        )
        row.pdf_ciphertext = protection.encrypt_bytes(self.keys, row.id, pdf, protection.CERTIFICATE_PDF)
        self.repo.add(row)
        await self.repo.flush()  # the lines are checked against it by row-level security
        for line in plan.facts.entitlements:
            self.repo.add(
                CertificateEntitlement(
                    certificate_id=row.id,
                    entitlement_id=uuid.UUID(line.ref),
                    program=line.program.value,
                    certified_from=line.certified_from,
                    certified_through=line.certified_through,
                )
            )
        await self.repo.flush()
        return row, code, url

    def pdf(self, row: CertificateRow) -> bytes:
        return protection.decrypt_bytes(self.keys, row.id, row.pdf_ciphertext, protection.CERTIFICATE_PDF)
