"""Sessions for administrative commands: the owner connection, one transaction per command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool


@asynccontextmanager
async def owner_session(owner_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_async_engine(owner_url, poolclass=NullPool)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            yield session
    finally:
        await engine.dispose()
