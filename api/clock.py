"""Dates as the offices see them: 한국 표준시 (Asia/Seoul)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> date:
    return datetime.now(SEOUL).date()
