"""The 시군구 table as rule-engine regions, read once per process. It is reference data that only a
migration changes, and the public simulation should not need a database round trip per request."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.models import Sigungu
from domain.rules.regions import Region, regions_from_rows


async def read_regions(session: AsyncSession) -> dict[str, Region]:
    rows = await session.scalars(select(Sigungu))
    return regions_from_rows(
        {
            "sigungu_code": r.code,
            "sigungu_name": r.name,
            "sido_code": r.sido_code,
            "kind": r.kind,
            "parent_city_code": r.parent_city_code or "",
            "is_population_decline_area": "true" if r.is_population_decline_area else "false",
        }
        for r in rows
    )


class RegionCache:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._regions: dict[str, Region] | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> dict[str, Region]:
        if self._regions is None:
            async with self._lock:
                if self._regions is None:
                    async with self._sessions() as session:
                        self._regions = await read_regions(session)
        return self._regions
