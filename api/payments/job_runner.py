"""The payment job worker inside an API process: it looks for runs with chunks to claim (woken at
once when a run is started through the API, otherwise every few seconds) and works them chunk by
chunk. Every API process runs one, and `ieum payments work` processes may join; chunk claims keep
them from ever sharing a chunk. Stopping the process at any moment loses at most the chunk in
flight, which stays pending for the next worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.payments.chunks import scope_to
from api.payments.runs import read_header, work_many

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], *, idle_seconds: float = 5.0) -> None:
        self._sessionmaker = sessionmaker
        self._idle_seconds = idle_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.name = f"api:{socket.gethostname()}:{os.getpid()}"

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="payment-jobs")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def wake(self) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            try:
                await self.work_waiting()
            except Exception:
                log.exception("payment job worker: a pass failed; trying again shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._idle_seconds)
            self._wake.clear()

    async def work_waiting(self) -> int:
        """Works every run that has chunks left; returns the chunks this pass processed."""
        async with self._sessionmaker() as session:
            waiting = (await session.execute(text("SELECT * FROM payment_runs_waiting()"))).all()
        runs = []
        for row in waiting:
            async with self._sessionmaker() as session, session.begin():
                await scope_to(session, row.sigungu_code)
                run = await read_header(session, run_id=row.run_id)
            if run is not None:
                runs.append(run)
        return await work_many(self._sessionmaker, runs, worker=self.name) if runs else 0
