from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.models import Official, RefreshToken, ServiceClient


class AuthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def official_by_username(self, username: str) -> Official | None:
        return await self.session.scalar(
            select(Official).where(Official.username == username).with_for_update()
        )

    async def official(self, official_id: uuid.UUID) -> Official | None:
        return await self.session.get(Official, official_id)

    async def client_by_client_id(self, client_id: str) -> ServiceClient | None:
        return await self.session.scalar(select(ServiceClient).where(ServiceClient.client_id == client_id))

    async def refresh_token(self, token_hash: bytes) -> RefreshToken | None:
        return await self.session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash).with_for_update()
        )

    async def revoke_family(self, family_id: uuid.UUID, at: datetime) -> None:
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def add(self, row: object) -> None:
        self.session.add(row)
