"""`ieum` command line: run the API, migrate, manage accounts and clients, seed demo data, verify
the 접속기록 chain. Errors are printed as readable messages with a non-zero exit code."""

from __future__ import annotations

import asyncio
import getpass
import signal
import sys
import warnings
from collections.abc import Callable, Coroutine
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from api.config import PROJECT_ROOT, get_settings
from api.security.scopes import PROGRAMS, ClientKind, Role
from domain.errors import DomainError

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

app = typer.Typer(help="이음 (ieum) 복지 행정 플랫폼", no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="데이터베이스", no_args_is_help=True)
users_app = typer.Typer(help="공무원 계정", no_args_is_help=True)
clients_app = typer.Typer(help="서비스 클라이언트 (포털·무인민원발급기)", no_args_is_help=True)
demo_app = typer.Typer(help="데모 데이터", no_args_is_help=True)
audit_app = typer.Typer(help="접속기록", no_args_is_help=True)
sigungu_app = typer.Typer(help="시군구 설정", no_args_is_help=True)
for sub, name in (
    (db_app, "db"),
    (users_app, "users"),
    (clients_app, "clients"),
    (demo_app, "demo"),
    (audit_app, "audit"),
    (sigungu_app, "sigungu"),
):
    app.add_typer(sub, name=name)

out = Console()
err = Console(stderr=True)
T = TypeVar("T")


def _fail(message: str) -> None:
    err.print(f"[bold red]오류:[/] {message}")
    raise typer.Exit(1)


def readable_errors(func: Callable[..., T]) -> Callable[..., T]:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return func(*args, **kwargs)
        except DomainError as exc:
            fields = ", ".join(f"{k}: {v}" for k, v in exc.fields.items())
            _fail(exc.detail + (f" ({fields})" if fields else ""))
        except (RuntimeError, ValueError, OSError) as exc:
            _fail(str(exc))
        raise AssertionError("unreachable")

    return wrapper


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _urls() -> Any:
    from api.database_server import resolve

    return resolve(get_settings())


@app.command()
@readable_errors
def serve(
    host: Annotated[str, typer.Option(help="bind address")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    workers: Annotated[int, typer.Option(help="worker processes")] = 1,
) -> None:
    """API (and the SPA at / when it is built) on HOST:PORT."""
    import uvicorn

    _urls()  # start the embedded server (if used) before the workers do
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again under the handler it
    # found. With the default one the process dies without running exit hooks, and the embedded
    # PostgreSQL this process started would be left running: exit normally instead.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    out.print(f"[green]ieum API[/] http://{host}:{port}/  (API docs: /docs)")
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,
        access_log=True,
    )


@db_app.command("upgrade")
@readable_errors
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Creates the application role if needed and applies migrations."""
    from api.migrate import upgrade

    upgrade(_urls(), revision)
    out.print(f"[green]데이터베이스가 {revision} 까지 갱신되었습니다.[/]")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("비밀번호: ")
        if getpass.getpass("비밀번호 확인: ") != first:
            _fail("두 비밀번호가 다릅니다.")
        return first
    line = sys.stdin.readline().rstrip("\n")
    if not line:
        _fail("표준입력에서 비밀번호를 읽지 못했습니다 (echo 'pw' | ieum users create …).")
    return line


@users_app.command("create")
@readable_errors
def users_create(
    username: Annotated[str, typer.Argument(help="login id, e.g. jongno.kim")],
    role: Annotated[list[Role], typer.Option("--role", "-r", help="duty; repeat for several")],
    sigungu: Annotated[str, typer.Option(help="5-digit 시군구 code")],
    emd: Annotated[str | None, typer.Option(help="10-digit 읍면동 code (narrows the jurisdiction)")] = None,
    program: Annotated[
        list[str] | None, typer.Option("--program", "-p", help=f"one of {', '.join(PROGRAMS)}")
    ] = None,
    name: Annotated[str | None, typer.Option(help="display name")] = None,
) -> None:
    """Creates an official's account; the password is read from standard input."""
    from pydantic import ValidationError

    from api.admin_session import owner_session
    from api.officials.repository import OfficialsRepository
    from api.officials.schemas import OfficialCreate
    from api.officials.service import OfficialsService

    password = _read_password()
    try:
        data = OfficialCreate(
            username=username,
            display_name=name or username,
            password=password,
            roles=role,
            sigungu_code=sigungu,
            emd_code=emd,
            programs=program or [],
            reason="ieum users create",
        )
    except ValidationError as exc:
        _fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))

    async def run() -> None:
        async with owner_session(_urls().owner) as session:
            official = await OfficialsService(OfficialsRepository(session, None), "cli").create(data)
            out.print(
                f"[green]계정을 만들었습니다:[/] {official.username} ({', '.join(official.roles)}; "
                f"{official.sigungu_code}{' ' + official.emd_code if official.emd_code else ''})"
            )

    _run(run())


@users_app.command("disable")
@readable_errors
def users_disable(
    username: str, reason: Annotated[str, typer.Option(help="why (kept in the grant history)")] = "disabled"
) -> None:
    """Disables an account at once (its tokens stop working)."""
    _set_user_status(username, active=False, reason=reason)


@users_app.command("enable")
@readable_errors
def users_enable(username: str, reason: Annotated[str, typer.Option()] = "enabled") -> None:
    """Re-enables a disabled account."""
    _set_user_status(username, active=True, reason=reason)


@users_app.command("unlock")
@readable_errors
def users_unlock(username: str, reason: Annotated[str, typer.Option()] = "unlocked") -> None:
    """Unlocks an account locked after repeated failed sign-ins."""
    from api.admin_session import owner_session
    from api.officials.repository import OfficialsRepository
    from api.officials.service import OfficialsService

    async def run() -> None:
        async with owner_session(_urls().owner) as session:
            service = OfficialsService(OfficialsRepository(session, None), "cli")
            await service.unlock((await service.by_username(username)).id, reason)

    _run(run())
    out.print(f"[green]{username} 잠금을 해제했습니다.[/]")


def _set_user_status(username: str, *, active: bool, reason: str) -> None:
    from api.admin_session import owner_session
    from api.officials.repository import OfficialsRepository
    from api.officials.service import OfficialsService

    async def run() -> None:
        async with owner_session(_urls().owner) as session:
            service = OfficialsService(OfficialsRepository(session, None), "cli")
            await service.set_active((await service.by_username(username)).id, active, reason)

    _run(run())
    out.print(f"[green]{username}: {'사용' if active else '사용 중지'}[/]")


@users_app.command("list")
@readable_errors
def users_list(sigungu: Annotated[str | None, typer.Option(help="only this 시군구")] = None) -> None:
    """Lists accounts."""
    from api.admin_session import owner_session
    from api.officials.repository import OfficialsRepository

    async def run() -> list[Any]:
        async with owner_session(_urls().owner) as session:
            return list(await OfficialsRepository(session, sigungu).list())

    table = Table("username", "name", "roles", "시군구", "읍면동", "programs", "status")
    for o in _run(run()):
        status = "locked" if o.locked_at else ("active" if o.active else "disabled")
        table.add_row(
            o.username,
            o.display_name,
            ", ".join(o.roles),
            o.sigungu_code,
            o.emd_code or "",
            ", ".join(o.programs),
            status,
        )
    out.print(table)


@clients_app.command("create")
@readable_errors
def clients_create(
    name: Annotated[str, typer.Argument(help="e.g. '복지로'")],
    kind: Annotated[ClientKind, typer.Option(help="portal or kiosk")],
    client_id: Annotated[str | None, typer.Option(help="defaults to KIND-<random>")] = None,
) -> None:
    """Registers a portal or kiosk client and prints its secret once."""
    from api.admin_session import owner_session
    from api.officials.repository import OfficialsRepository
    from api.officials.service import OfficialsService

    async def run() -> tuple[str, str]:
        async with owner_session(_urls().owner) as session:
            client, secret = await OfficialsService(OfficialsRepository(session, None), "cli").create_client(
                name, kind, client_id
            )
            return client.client_id, secret

    cid, secret = _run(run())
    out.print(f"client_id:     [bold]{cid}[/]")
    out.print(f"client_secret: [bold]{secret}[/]")
    err.print("[yellow]이 비밀값은 다시 표시되지 않습니다. 안전한 곳에 보관하십시오.[/]")


@demo_app.command("seed")
@readable_errors
def demo_seed() -> None:
    """Loads demo officials, residents and households (safe to run again)."""
    from api.demo import DEMO_PASSWORD, seed

    summary = _run(seed(_urls().owner))
    out.print(f"[green]데모 데이터:[/] {summary}")
    out.print(f"데모 로그인: [bold]jongno.intake[/] / [bold]{DEMO_PASSWORD}[/] (그 밖의 계정은 README)")


@audit_app.command("verify")
@readable_errors
def audit_verify() -> None:
    """Checks the 접속기록 hash chain; exits 1 and names the first broken link if there is one."""
    from api.admin_session import owner_session
    from api.audit.verify import verify_chain

    async def run() -> Any:
        async with owner_session(_urls().owner) as session:
            return await verify_chain(session)

    report = _run(run())
    if report.ok:
        out.print(
            f"[green]접속기록 무결성 확인:[/] {report.records_checked}건, {report.lanes}개 체인 모두 정상"
        )
        return
    b = report.first_broken
    where = f"record {b.record_id} (lane {b.lane}, seq {b.lane_seq})"
    err.print(f"[bold red]접속기록 위·변조 의심:[/] {where}: {b.reason}")
    raise typer.Exit(1)


@app.command("openapi")
def openapi(
    output: Annotated[Path, typer.Option(help="where to write")] = PROJECT_ROOT / "openapi.yaml",
) -> None:
    """Writes the OpenAPI document generated from the app."""
    from api.openapi_export import render

    output.write_text(render())
    out.print(f"[green]{output}[/]")


def _register_payments() -> None:
    from api.cli_payments import payments_app

    app.add_typer(payments_app, name="payments")


_register_payments()


def _register_synth() -> None:
    from api.cli_synth import synth_app

    app.add_typer(synth_app, name="synth")


_register_synth()


def main() -> None:
    app()


@sigungu_app.command("duties")
@readable_errors
def sigungu_duties(
    code: Annotated[str, typer.Argument(help="시군구 코드 (5자리)")],
    investigator_may_decide: Annotated[
        bool,
        typer.Option(
            "--investigator-may-decide/--separate",
            help="allow the official who investigated a case to decide it (a small 군 with one 담당)",
        ),
    ],
) -> None:
    """Sets the 시군구's separation of investigation and decision (조사·결정 분리, on by default)."""
    from api.admin_session import owner_session
    from api.cases.duty_settings import set_investigator_may_decide

    async def run() -> str | None:
        async with owner_session(_urls().owner) as session:
            return await set_investigator_may_decide(session, code, investigator_may_decide)

    name = _run(run())
    if name is None:
        _fail(f"알 수 없는 시군구 코드입니다: {code}")
    state = (
        "조사한 공무원도 결정할 수 있음"
        if investigator_may_decide
        else "조사·결정 분리 (조사한 공무원은 결정 불가)"
    )
    out.print(f"[green]{name} ({code}):[/] {state}")
