"""The 시군구's case-workflow settings (`domain.cases.separation_of_duties.DutySetting`), written by
the owner connection (`ieum sigungu duties`): the application role may only read them."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def set_investigator_may_decide(session: AsyncSession, sigungu_code: str, allowed: bool) -> str | None:
    """Sets the setting; returns the 시군구's name, or None (nothing written) for an unknown code."""
    name: str | None = await session.scalar(
        text("SELECT name FROM sigungu WHERE code = :c"), {"c": sigungu_code}
    )
    if name is not None:
        await session.execute(
            text(
                "INSERT INTO sigungu_settings (sigungu_code, investigator_may_decide) VALUES (:c, :v)"
                " ON CONFLICT (sigungu_code) DO UPDATE SET investigator_may_decide = :v"
            ),
            {"c": sigungu_code, "v": allowed},
        )
    return name
