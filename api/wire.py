"""Request field types that accept what the OpenAPI document promises and no more.

FastAPI validates requests in pydantic's lax mode, which also takes a number for a date (as a Unix
time), the string "1" or `true` for an integer, and a date-time without a UTC offset. A client
relying on that would rely on something the contract does not say, so these types refuse it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from domain.rules.household_codec import MAX_AMOUNT

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# RFC 3339 `date-time`, the JSON Schema format: the offset is required.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII)


def _iso_date(value: object) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("날짜는 YYYY-MM-DD 형식이어야 합니다.")


def _rfc3339(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str) and _RFC3339.fullmatch(value):
        return value
    raise ValueError("일시는 RFC 3339 형식(예: 2026-01-01T09:00:00+09:00)이어야 합니다.")


def _storable(value: datetime) -> datetime:
    """Stored and compared in UTC: 0001-01-01T00:00:00+09:00 has no UTC counterpart in Python."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("일시가 표현할 수 있는 범위를 벗어났습니다.") from None


def _json_integer(value: object) -> object:
    # A float with no fractional part is a JSON integer (1.0); a string or a boolean is not.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("정수여야 합니다.")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
DateTimeWithOffset = Annotated[datetime, BeforeValidator(_rfc3339), AfterValidator(_storable)]
JsonInteger = Annotated[int, BeforeValidator(_json_integer)]


# An optional won amount. The bounds come before the validator so that the JSON Schema states them
# (`minimum`/`maximum`) inside the `anyOf` with null; after it, pydantic could only write them as
# `ge`/`le`, which no client reads.
OptionalWon = Annotated[int, Field(ge=0, le=MAX_AMOUNT), BeforeValidator(_json_integer)] | None
