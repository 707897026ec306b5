"""Alembic environment: runs migrations as the owner role over asyncpg.

The URL comes from `config.attributes["owner_url"]` when called from `api.migrate`, otherwise from the
project settings (DATABASE_URL or the embedded server). The application role's name is passed to
migrations as `app_role` so grants and row-level-security policies name it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from api.database_server import run_blocking
from api.models import Base

config = context.config
target_metadata = Base.metadata


def _owner_url() -> str:
    url = config.attributes.get("owner_url")
    if url:
        return str(url)
    from api.config import get_settings
    from api.database_server import resolve

    urls = resolve(get_settings())
    config.attributes.setdefault("app_role", urls.app_role)
    return urls.owner


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `ieum db upgrade`")
# run_blocking: migrations may be started from code that already runs an event loop (tests).
run_blocking(_run_online(_owner_url()))
