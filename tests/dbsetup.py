"""A fresh test database for each test run: on the embedded server under var/test (its own cluster,
apart from the development data), or on the server named by DATABASE_URL."""

from __future__ import annotations

import json

import asyncpg
from sqlalchemy.engine import make_url

from api.config import Settings
from api.database_server import DatabaseUrls, asyncpg_connect_args, resolve, run_blocking
from api.migrate import upgrade


async def _drop(admin_dsn: dict[str, object], database: str) -> None:
    conn = await asyncpg.connect(**admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await conn.close()


async def _create(admin_dsn: dict[str, object], database: str, owner: str) -> None:
    conn = await asyncpg.connect(**admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    finally:
        await conn.close()


def _dsn(url: str, database: str) -> dict[str, object]:
    return asyncpg_connect_args(url, database)


def _admin(settings: Settings) -> dict[str, object]:
    base = resolve(settings)
    if settings.database_url:
        return _dsn(base.owner, make_url(base.owner).database or "postgres")
    creds = json.loads((settings.var_dir / "db-credentials.json").read_text())
    return _dsn(base.owner, "postgres") | {"user": "postgres", "password": creds["postgres"]}


def drop_database(settings: Settings, name: str) -> None:
    run_blocking(_drop(_admin(settings), name))


def fresh_database(settings: Settings, name: str) -> DatabaseUrls:
    """Drops and re-creates `name`, migrates it to head, and returns its URLs."""
    if settings.database_url:
        base = resolve(settings)
        admin = _dsn(base.owner, make_url(base.owner).database or "postgres")
        owner = str(make_url(base.owner).username)
        run_blocking(_drop(admin, name))
        run_blocking(_create(admin, name, owner))
        urls = resolve(settings, database=name)
    else:
        base = resolve(settings)  # starts the embedded server and its roles
        creds = json.loads((settings.var_dir / "db-credentials.json").read_text())
        admin = _dsn(base.owner, "postgres") | {"user": "postgres", "password": creds["postgres"]}
        run_blocking(_drop(admin, name))
        urls = resolve(settings, database=name)  # re-creates it, owned by the owner role
    upgrade(urls)
    return urls


def superuser_dsn(settings: Settings, urls: DatabaseUrls) -> dict[str, object]:
    """The embedded server's superuser (for tests that play an attacker with full powers)."""
    creds = json.loads((settings.var_dir / "db-credentials.json").read_text())
    database = make_url(urls.owner).database or "postgres"
    return _dsn(urls.owner, database) | {"user": "postgres", "password": creds["postgres"]}
