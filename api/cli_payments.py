"""`ieum payments`: plan and work monthly payment runs from the command line, with a progress bar.

`run` plans the run of a program and month (in one 시군구, or in every 시군구 that has entitlements
of the program) and works it with `--workers` concurrent workers; `work` joins a run already
planned, e.g. from a second process or after a crash. Both connect as the application role, so
row-level security binds them exactly as it binds requests."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy import text

from api.payments.chunks import ChunkResult, RunHeader, scope_to
from api.payments.runs import DEFAULT_CHUNK_SIZE, parse_month, plan_run, read_header, work
from domain.errors import InvalidInput, NotFound
from domain.rules.programs.common import Program

payments_app = typer.Typer(help="급여 지급 (정기 지급 작업)", no_args_is_help=True)
out = Console()


def _worker_name(index: int) -> str:
    return f"cli:{socket.gethostname()}:{os.getpid()}:{index}"


async def _sigungu_codes(program: Program) -> list[str]:
    """Every 시군구 with entitlements of the program (read as the owner: it spans jurisdictions)."""
    from api.cli import _urls
    from api.db import create_database

    database = create_database(_urls().owner, pool_size=1)
    try:
        async with database.sessionmaker() as session:
            rows = await session.execute(
                text("SELECT DISTINCT sigungu_code FROM entitlements WHERE program = :p ORDER BY 1"),
                {"p": program.value},
            )
            return [r[0] for r in rows]
    finally:
        await database.engine.dispose()


async def _work_runs(runs: list[tuple[RunHeader, int]], workers: int) -> None:
    from api.cli import _urls
    from api.db import create_database

    database = create_database(_urls().app, pool_size=max(1, workers))
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[lines]:,}건 {task.fields[amount]:,}원"),
            TimeElapsedColumn(),
            console=out,
        ) as progress:
            for run, chunks in runs:
                task = progress.add_task(
                    f"{run.program.value} {run.month:%Y-%m} {run.sigungu_code}",
                    total=chunks,
                    lines=0,
                    amount=0,
                )
                done_before = await _done_chunks(database.sessionmaker, run)
                progress.update(task, completed=done_before)

                def advance(result: ChunkResult, task: TaskID = task) -> None:
                    fields = progress.tasks[task].fields
                    progress.update(
                        task,
                        advance=1,
                        lines=fields["lines"] + result.lines,
                        amount=fields["amount"] + result.gross,
                    )

                await asyncio.gather(
                    *(
                        work(database.sessionmaker, run, worker=_worker_name(i), on_chunk=advance)
                        for i in range(workers)
                    )
                )
        for run, _ in runs:
            async with database.sessionmaker() as session, session.begin():
                await scope_to(session, run.sigungu_code)
                row = (
                    await session.execute(
                        text(
                            "SELECT state, line_count, total_gross, total_net FROM payment_runs"
                            " WHERE id = :id"
                        ),
                        {"id": run.id},
                    )
                ).one()
            state = "완료" if row.state == "completed" else "미완료 (실패 청크 확인: 작업 상태 API)"
            out.print(
                f"{run.program.value} {run.month:%Y-%m} {run.sigungu_code} 지급일 {run.pay_date}: {state}"
                + (
                    f", {row.line_count:,}건 총액 {row.total_gross:,}원 이체액 {row.total_net:,}원"
                    if row.line_count is not None
                    else ""
                )
            )
    finally:
        await database.engine.dispose()


async def _done_chunks(sessionmaker: object, run: RunHeader) -> int:
    async with sessionmaker() as session, session.begin():  # type: ignore[operator]
        await scope_to(session, run.sigungu_code)
        return int(
            (
                await session.execute(
                    text("SELECT count(*) FROM payment_run_chunks WHERE run_id = :id AND state = 'done'"),
                    {"id": run.id},
                )
            ).scalar_one()
        )


async def _plan(
    program: Program, month: str, sigungu: list[str], chunk_size: int
) -> list[tuple[RunHeader, int]]:
    from api.cli import _urls
    from api.db import create_database

    database = create_database(_urls().app, pool_size=1)
    planned = []
    try:
        for code in sigungu:
            async with database.sessionmaker() as session, session.begin():
                result = await plan_run(
                    session,
                    program=program,
                    month=parse_month(month),
                    sigungu=code,
                    actor="cli",
                    chunk_size=chunk_size,
                )
            planned.append((result.run, result.chunks))
    finally:
        await database.engine.dispose()
    return planned


@payments_app.command("run")
def payments_run(
    program: Annotated[str, typer.Option(help="program code, e.g. basic_pension")],
    month: Annotated[str, typer.Option(help="the month paid for, YYYY-MM")],
    sigungu: Annotated[str | None, typer.Option(help="one 시군구 code (default: every 시군구)")] = None,
    workers: Annotated[int, typer.Option(min=1, max=32, help="concurrent workers")] = 2,
    chunk_size: Annotated[int, typer.Option(min=1, max=100_000)] = DEFAULT_CHUNK_SIZE,
) -> None:
    """Plans and works the payment run of PROGRAM for MONTH. Safe to repeat: a finished run pays
    nothing again, an interrupted one resumes where it stopped."""
    from api.cli import readable_errors

    @readable_errors
    def run() -> None:
        try:
            chosen = Program(program)
        except ValueError:
            raise InvalidInput(f"알 수 없는 급여입니다: {program}", fields={"program": "unknown"}) from None
        codes = [sigungu] if sigungu else asyncio.run(_sigungu_codes(chosen))
        if not codes:
            out.print(f"{program} 수급자격이 있는 시군구가 없습니다.")
            return
        runs = asyncio.run(_plan(chosen, month, codes, chunk_size))
        asyncio.run(_work_runs(runs, workers))

    run()


@payments_app.command("work")
def payments_work(
    run_id: Annotated[str, typer.Option("--run", help="the run's id")],
    sigungu: Annotated[str, typer.Option(help="the run's 시군구 code")],
    workers: Annotated[int, typer.Option(min=1, max=32)] = 1,
) -> None:
    """Joins the workers of a planned run (another process, or a resume after a crash)."""
    from api.cli import _urls, readable_errors
    from api.db import create_database

    @readable_errors
    def run() -> None:
        try:
            wanted = uuid.UUID(run_id)
        except ValueError:
            raise InvalidInput(f"작업 번호가 올바르지 않습니다: {run_id}", fields={"run": "format"}) from None

        async def load() -> tuple[RunHeader, int]:
            database = create_database(_urls().app, pool_size=1)
            try:
                async with database.sessionmaker() as session, session.begin():
                    await scope_to(session, sigungu)
                    header = await read_header(session, run_id=wanted)
                    if header is None:
                        raise NotFound("지급 작업을 찾을 수 없습니다.", fields={"run": "not_found"})
                    total = (
                        await session.execute(
                            text("SELECT total_chunks FROM payment_runs WHERE id = :id"), {"id": wanted}
                        )
                    ).scalar_one()
                    return header, int(total)
            finally:
                await database.engine.dispose()

        asyncio.run(_work_runs([asyncio.run(load())], workers))

    run()
