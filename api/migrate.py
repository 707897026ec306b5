"""`ieum db upgrade`: make sure the application role exists, then run Alembic to head."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from api.config import PROJECT_ROOT
from api.database_server import DatabaseUrls, asyncpg_connect_args, ensure_role, run_blocking


def alembic_config(urls: DatabaseUrls) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["owner_url"] = urls.owner
    config.attributes["app_role"] = urls.app_role
    return config


async def _ensure_app_role(urls: DatabaseUrls) -> None:
    import asyncpg

    conn = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", urls.app_role)
        if exists and urls.app_password is None:
            return
        can_create = await conn.fetchval(
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )
        if not can_create:
            if exists:
                return
            raise RuntimeError(
                f"role {urls.app_role} does not exist and the owner role may not create roles: "
                f"create it (LOGIN NOSUPERUSER NOBYPASSRLS) or grant CREATEROLE"
            )
        await ensure_role(conn, urls.app_role, urls.app_password)
    finally:
        await conn.close()


def upgrade(urls: DatabaseUrls, revision: str = "head") -> None:
    run_blocking(_ensure_app_role(urls))
    command.upgrade(alembic_config(urls), revision)


def downgrade(urls: DatabaseUrls, revision: str) -> None:
    command.downgrade(alembic_config(urls), revision)
