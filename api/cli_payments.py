"""`ieum payments`: plan and work monthly payment runs from the command line, with a progress bar.

`run` plans the run of a program and month (in one 시군구, or in every 시군구 that has entitlements
of the program) and works it with `--workers` worker processes; `work` joins a run already planned,
e.g. from another machine or after a crash. Several workers are several processes
(`api.payments.worker_pool`): a line is Python work, and one process computes on one core. Workers
connect as the application role, so row-level security binds them exactly as it binds requests."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Mapping
from typing import Annotated, Any

import asyncpg
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import text

from api.payments.chunks import ChunkResult, RunHeader, scope_to
from api.payments.runs import DEFAULT_CHUNK_SIZE, parse_month, plan_run, read_header, work_many
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


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[lines]:,}건 {task.fields[amount]:,}원"),
        TimeElapsedColumn(),
        console=out,
    )


async def _work_runs(runs: list[tuple[RunHeader, int]], workers: int) -> None:
    from api.cli import _urls
    from api.db import create_database

    database = create_database(_urls().app, pool_size=1)
    try:
        if workers > 1:
            await _work_in_processes(runs, workers)
        else:
            await _work_here(database.sessionmaker, runs)
        await _report(runs)
    finally:
        await database.engine.dispose()


async def _work_in_processes(runs: list[tuple[RunHeader, int]], workers: int) -> None:
    """`workers` processes work the runs; this one shows their progress from the chunks table (read
    as the owner: counts across 시군구, no personal data)."""
    from api.cli import _urls
    from api.database_server import asyncpg_connect_args
    from api.payments.worker_pool import start_workers, wait_for

    urls = _urls()
    processes = start_workers(urls.app, [run for run, _ in runs], [_worker_name(i) for i in range(workers)])
    waiting = asyncio.ensure_future(wait_for(processes))
    owner = await asyncpg.connect(**asyncpg_connect_args(urls.owner))
    try:
        with _progress() as progress:
            bars = _Bars(progress, runs)
            while True:
                finished = waiting.done()
                bars.show(
                    {row["run_id"]: row for row in await owner.fetch(_PROGRESS, [r.id for r, _ in runs])}
                )
                if finished:
                    break
                await asyncio.wait({waiting}, timeout=0.5)
    finally:
        await owner.close()
    failed = [code for code in waiting.result() if code != 0]
    if failed:
        out.print(
            f"작업 프로세스 {len(failed)}개가 비정상 종료했습니다 (종료 코드 {failed});"
            " 다시 실행하면 이어서 합니다."
        )


_PROGRESS = (
    "SELECT run_id, count(*) FILTER (WHERE state = 'done') AS done, coalesce(sum(line_count), 0) AS lines,"
    " coalesce(sum(total_gross), 0) AS gross FROM payment_run_chunks WHERE run_id = ANY($1) GROUP BY run_id"
)


def _label(run: RunHeader) -> str:
    return f"{run.program.value} {run.month:%Y-%m} {run.sigungu_code}"


async def _work_here(sessionmaker: Any, runs: list[tuple[RunHeader, int]]) -> None:
    progress_of: dict[uuid.UUID, dict[str, int]] = {}
    with _progress() as progress:
        bars = _Bars(progress, runs)
        for run, _ in runs:
            progress_of[run.id] = {"done": await _done_chunks(sessionmaker, run), "lines": 0, "gross": 0}
        bars.show(progress_of)

        def advance(run: RunHeader, result: ChunkResult) -> None:
            seen = progress_of[run.id]
            seen["done"] += 1
            seen["lines"] += result.lines
            seen["gross"] += result.gross
            bars.show(progress_of)

        await work_many(sessionmaker, [run for run, _ in runs], worker=_worker_name(0), on_chunk=advance)


class _Bars:
    """One bar per run when there are a few (one 시군구, or a handful), else one bar for the month:
    a national month has a run per 시군구, and 250 bars are noise."""

    def __init__(self, progress: Progress, runs: list[tuple[RunHeader, int]]) -> None:
        self.progress = progress
        self.runs = runs
        if len(runs) <= _BAR_PER_RUN_UP_TO:
            self.tasks = {
                run.id: progress.add_task(_label(run), total=n, lines=0, amount=0) for run, n in runs
            }
        else:
            first = runs[0][0]
            label = f"{first.program.value} {first.month:%Y-%m} ({len(runs)}개 시군구)"
            self.month = progress.add_task(label, total=sum(n for _, n in runs), lines=0, amount=0)

    def show(self, seen: Mapping[uuid.UUID, Mapping[str, int]]) -> None:
        if len(self.runs) <= _BAR_PER_RUN_UP_TO:
            for run_id, task in self.tasks.items():
                if run_id in seen:
                    row = seen[run_id]
                    self.progress.update(task, completed=row["done"], lines=row["lines"], amount=row["gross"])
            return
        rows = [seen[run.id] for run, _ in self.runs if run.id in seen]
        self.progress.update(
            self.month,
            completed=sum(r["done"] for r in rows),
            lines=sum(r["lines"] for r in rows),
            amount=sum(r["gross"] for r in rows),
        )


_BAR_PER_RUN_UP_TO = 8


async def _report(runs: list[tuple[RunHeader, int]]) -> None:
    """Each run's outcome, or for a national month the totals and the runs left incomplete (read as
    the owner: sums across 시군구, no personal data)."""
    from api.cli import _urls
    from api.database_server import asyncpg_connect_args

    owner = await asyncpg.connect(**asyncpg_connect_args(_urls().owner))
    try:
        rows = {
            row["id"]: row
            for row in await owner.fetch(
                "SELECT id, state, line_count, total_gross, total_net FROM payment_runs WHERE id = ANY($1)",
                [run.id for run, _ in runs],
            )
        }
    finally:
        await owner.close()
    unfinished = [run for run, _ in runs if rows[run.id]["state"] != "completed"]
    shown = [run for run, _ in runs] if len(runs) <= _BAR_PER_RUN_UP_TO else unfinished
    for run in shown:
        row = rows[run.id]
        state = "완료" if row["state"] == "completed" else "미완료 (실패 청크 확인: 작업 상태 API)"
        totals = (
            f", {row['line_count']:,}건 총액 {row['total_gross']:,}원 이체액 {row['total_net']:,}원"
            if row["line_count"] is not None
            else ""
        )
        out.print(f"{_label(run)} 지급일 {run.pay_date}: {state}{totals}")
    if len(runs) > _BAR_PER_RUN_UP_TO:
        done = [rows[run.id] for run, _ in runs if rows[run.id]["state"] == "completed"]
        first = runs[0][0]
        out.print(
            f"{first.program.value} {first.month:%Y-%m}: {len(runs)}개 시군구 중 {len(done)}곳 완료,"
            f" {sum(r['line_count'] for r in done):,}건 총액 {sum(r['total_gross'] for r in done):,}원"
            f" 이체액 {sum(r['total_net'] for r in done):,}원"
            + (f"; 미완료 {len(unfinished)}곳 (위 목록)" if unfinished else "")
        )


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
    workers: Annotated[int, typer.Option(min=1, max=32, help="worker processes")] = 2,
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
    workers: Annotated[int, typer.Option(min=1, max=32, help="worker processes")] = 1,
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
