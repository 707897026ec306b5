"""All SQL of certificates. Reads are scoped here to the caller — an official's 시군구 (and 읍면동),
or the citizen a portal or kiosk token is bound to — and row-level security enforces the same."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.models import CertificateRow, CertificateSerial, Person, Sigungu
from api.registry.repository import in_scope
from api.security.principal import Principal


@dataclass(frozen=True)
class BasisRow:
    """An entitlement covering the person, as `certificate_basis` returns it."""

    entitlement_id: uuid.UUID
    program: str
    state: str
    start_date: date
    end_date: date | None
    cancelled_from: date | None
    sigungu_code: str
    emd_code: str | None
    beneficiary_id: uuid.UUID
    members: list[dict[str, Any]]


@dataclass(frozen=True)
class CertificateFilter:
    person_id: uuid.UUID | None = None
    certificate_type: str | None = None
    issued_from: date | None = None
    issued_to: date | None = None


_BASIS = text("SELECT * FROM certificate_basis(:person)")


class CertificateRepository:
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session = session
        self.principal = principal

    def _visible(self) -> ColumnElement[bool]:
        """An official sees the certificates of their jurisdiction; a citizen-bound client only the
        citizen's own (row-level security admits nothing else either)."""
        if self.principal.citizen is not None:
            return CertificateRow.person_id.in_(
                select(Person.id).where(Person.rrn_blind_index == bytes.fromhex(self.principal.citizen))
            )
        return in_scope(CertificateRow, self.principal)

    # --- people and what they hold ----------------------------------------------------------------
    async def person(self, person_id: uuid.UUID) -> Person | None:
        return await self.session.scalar(
            select(Person).where(Person.id == person_id, in_scope(Person, self.principal))
        )

    async def citizen(self) -> Person | None:
        """The person a portal's or kiosk's token is bound to (policy `citizen_self`)."""
        if self.principal.citizen is None:
            return None
        return await self.session.scalar(
            select(Person).where(Person.rrn_blind_index == bytes.fromhex(self.principal.citizen))
        )

    async def basis(self, person_id: uuid.UUID) -> list[BasisRow]:
        rows = await self.session.execute(_BASIS, {"person": person_id})
        return [BasisRow(**row._mapping) for row in rows]

    async def sigungu(self, code: str) -> Sigungu | None:
        return await self.session.get(Sigungu, code)

    # --- issued certificates ------------------------------------------------------------------------
    async def search(self, where: CertificateFilter, limit: int, offset: int) -> Sequence[CertificateRow]:
        clauses = [self._visible()]
        if where.person_id is not None:
            clauses.append(CertificateRow.person_id == where.person_id)
        if where.certificate_type is not None:
            clauses.append(CertificateRow.certificate_type == where.certificate_type)
        if where.issued_from is not None:
            clauses.append(CertificateRow.issued_on >= where.issued_from)
        if where.issued_to is not None:
            clauses.append(CertificateRow.issued_on <= where.issued_to)
        query = (
            select(CertificateRow)
            .where(and_(*clauses))
            .order_by(CertificateRow.issued_at.desc(), CertificateRow.id)
            .limit(limit)
            .offset(offset)
        )
        return (await self.session.scalars(query)).all()

    async def by_number(self, number: str) -> CertificateRow | None:
        return await self.session.scalar(
            select(CertificateRow).where(CertificateRow.document_number == number, self._visible())
        )

    def add(self, row: object) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()


async def reserve_serial(sessions: async_sessionmaker[AsyncSession], sigungu_code: str, year: int) -> int:
    """The next 문서번호 serial of (시군구, year), in a transaction of its own committed at once: the
    counter row is then locked for a moment, not for the whole issuance (rendering the PDF takes tens
    of milliseconds). An issuance that fails after this leaves its number unused, as a sequence does;
    numbers stay unique and increasing."""
    statement = (
        insert(CertificateSerial)
        .values(sigungu_code=sigungu_code, year=year, last_serial=1)
        .on_conflict_do_update(
            index_elements=[CertificateSerial.sigungu_code, CertificateSerial.year],
            set_={"last_serial": CertificateSerial.last_serial + 1},
        )
        .returning(CertificateSerial.last_serial)
    )
    async with sessions() as session, session.begin():
        serial = await session.scalar(statement)
    assert serial is not None
    return int(serial)
