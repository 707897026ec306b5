"""The 시군구 reference rows for rule tests, read from the same CSV the migration loads."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from domain.rules.regions import Region, regions_from_rows

CSV = Path(__file__).resolve().parents[2] / "reference" / "admin-divisions.csv"


@cache
def regions() -> dict[str, Region]:
    with CSV.open(encoding="utf-8") as handle:
        return regions_from_rows(csv.DictReader(handle))


def region_of(code: str) -> Region | None:
    return regions().get(code)
