from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Official, OfficialGrantEvent, ServiceClient, Sigungu


class OfficialsRepository:
    """Account queries. `sigungu_code` scopes an administrator to the officials of their 시군구;
    None is the system operator's command line, which manages every 시군구."""

    def __init__(self, session: AsyncSession, sigungu_code: str | None) -> None:
        self.session = session
        self.sigungu_code = sigungu_code

    def _in_scope(self) -> ColumnElement[bool]:
        if self.sigungu_code is None:
            return true()
        return Official.sigungu_code == self.sigungu_code

    async def list(self) -> Sequence[Official]:
        return (
            await self.session.scalars(select(Official).where(self._in_scope()).order_by(Official.username))
        ).all()

    async def get(self, official_id: uuid.UUID) -> Official | None:
        return await self.session.scalar(
            select(Official).where(Official.id == official_id, self._in_scope()).with_for_update()
        )

    async def by_username(self, username: str) -> Official | None:
        return await self.session.scalar(
            select(Official).where(Official.username == username, self._in_scope()).with_for_update()
        )

    async def username_taken(self, username: str) -> bool:
        return await self.session.scalar(select(Official.id).where(Official.username == username)) is not None

    async def sigungu_exists(self, code: str) -> bool:
        return await self.session.scalar(select(Sigungu.code).where(Sigungu.code == code)) is not None

    async def grants(self, official_id: uuid.UUID) -> Sequence[OfficialGrantEvent]:
        return (
            await self.session.scalars(
                select(OfficialGrantEvent)
                .where(OfficialGrantEvent.official_id == official_id)
                .order_by(OfficialGrantEvent.id)
            )
        ).all()

    async def client_by_client_id(self, client_id: str) -> ServiceClient | None:
        return await self.session.scalar(select(ServiceClient).where(ServiceClient.client_id == client_id))

    def add(self, row: object) -> None:
        self.session.add(row)

    async def flush(self) -> None:
        await self.session.flush()
