"""`ieum synth population`: write a seeded synthetic population (households, residents, the 신청,
조사 and decisions behind their rights) with a progress bar, as the owner role like `ieum demo seed`.

`--households N` plans N households across every 시군구 and writes them with whatever the rules
grant them; `--only PROGRAM --count N` writes exactly N rights to one program (the payment-run
benchmark's population), each with only the household and case it needs."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.synthetic import PopulationSummary, entitlements_only, write_population
from api.synthetic.amounts import MONTHLY_CASH
from domain.rules.programs.common import Program

synth_app = typer.Typer(help="합성 데이터 (부하 시험·벤치마크·데모)", no_args_is_help=True)
out = Console()
PROGRAM_CHOICES = ", ".join(p.value for p in MONTHLY_CASH)


@synth_app.command("population")
def population(
    households: Annotated[int, typer.Option(help="households to plan (with --only: ignored)", min=0)] = 1000,
    seed: Annotated[int, typer.Option(help="the same seed and size give the same data")] = 1,
    program: Annotated[
        list[str] | None, typer.Option("--program", "-p", help=f"grant only these: {PROGRAM_CHOICES}")
    ] = None,
    only: Annotated[str | None, typer.Option(help="write exactly --count rights to this program")] = None,
    count: Annotated[int, typer.Option(help="with --only: how many rights", min=1)] = 100_000,
    sigungu: Annotated[str | None, typer.Option(help="everyone in this 5-digit 시군구")] = None,
    all_active: Annotated[
        bool, typer.Option(help="with --only: no right suspended, stopped or lost")
    ] = False,
) -> None:
    """Writes a synthetic population and prints what it wrote."""
    from api.cli import _fail, _urls

    try:
        programs = [Program(p) for p in program] if program else list(MONTHLY_CASH)
        target = Program(only) if only is not None else None
    except ValueError as exc:
        _fail(f"{exc} (one of {PROGRAM_CHOICES})")
        return
    owner = _urls().owner
    total = count if target is not None else households
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rights]:,}건"),
        TimeElapsedColumn(),
        console=out,
    ) as progress:
        task = progress.add_task("급여" if target is not None else "가구", total=total, rights=0)

        def advance(written_households: int, rights: int) -> None:
            done = rights if target is not None else written_households
            progress.update(task, completed=done, rights=rights)

        try:
            if target is not None:
                summary = asyncio.run(
                    entitlements_only(
                        owner,
                        program=target,
                        count=count,
                        seed=seed,
                        sigungu=sigungu,
                        progress=advance,
                        life_events=not all_active,
                    )
                )
            else:
                summary = asyncio.run(
                    write_population(
                        owner,
                        households=households,
                        seed=seed,
                        programs=programs,
                        sigungu=sigungu,
                        progress=advance,
                    )
                )
        except (RuntimeError, ValueError) as exc:
            _fail(str(exc))
            return
    print_summary(summary)


def print_summary(summary: PopulationSummary) -> None:
    table = Table("program", "entitlements", title=f"seed {summary.seed}")
    for name, value in summary.entitlements.items():
        table.add_row(name, f"{value:,}")
    table.add_row("[bold]total[/]", f"[bold]{summary.total_entitlements:,}[/]")
    out.print(table)
    out.print(
        f"가구 {summary.households:,} · 주민 {summary.persons:,} · 급여 {summary.total_entitlements:,}건 "
        f"(지급정지 {summary.suspended:,}, 재개 {summary.resumed:,}, 중지·상실 {summary.ended:,}, "
        f"급여 변경 {summary.amount_changes:,}, 월중 개시 {summary.mid_month_starts:,}) — "
        f"{summary.seconds:.1f}초"
    )
