"""Engine and the one-transaction-per-request session.

`get_session` owns the transaction: it commits when the request's work succeeded and rolls back on
any error. The request's 접속기록 is appended inside that same transaction just before the commit,
so the record and the work land together or not at all. When the work fails, the record of the
attempt (denied, not found, rejected) is written in a transaction of its own after the rollback.
The dependency runs with `scope="function"`, so all of this happens before the response is sent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from api.audit.trail import AuditTrail, write_attempt, write_success
from api.errors import status_for_exception


@dataclass
class Database:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]


def create_database(url: str, *, pool_size: int = 10) -> Database:
    """At most 2 × `pool_size` connections, opened as needed and kept once open. SQLAlchemy closes
    an overflow connection the moment it is returned, so a worker that stays busier than `pool_size`
    would log in again several times a second (a new backend, SCRAM, cold caches, every statement
    prepared again): in bench/audited_read.py that was 2-3× the database CPU per request."""
    engine = create_async_engine(
        url,
        pool_size=2 * pool_size,
        max_overflow=0,
        pool_pre_ping=False,
        connect_args={"server_settings": {"application_name": "ieum-api"}},
    )
    return Database(engine, async_sessionmaker(engine, expire_on_commit=False, autoflush=True))


async def assert_unprivileged(engine: AsyncEngine) -> None:
    """Refuses to serve through a role that would slip past row-level security."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT r.rolsuper, r.rolbypassrls,"
                    " EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public'"
                    "         AND t.tableowner = current_user)"
                    " FROM pg_roles r WHERE r.rolname = current_user"
                )
            )
        ).one()
    if any(row):
        raise RuntimeError(
            "the application database role is a superuser, bypasses RLS or owns tables; "
            "give the API its own unprivileged role (IEUM_APP_DB_ROLE)"
        )


def database_of(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    db = database_of(request)
    async with db.sessionmaker() as session:
        try:
            yield session
        except BaseException as exc:
            await session.rollback()
            trail: AuditTrail | None = getattr(request.state, "audit_trail", None)
            if trail is not None:
                await write_attempt(db.sessionmaker, trail, status_for_exception(exc))
            raise
        else:
            trail = getattr(request.state, "audit_trail", None)
            if trail is not None:
                await write_success(session, trail)
            await session.commit()


SessionDep = Annotated[AsyncSession, Depends(_session, scope="function")]
