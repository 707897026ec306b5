"""What the parts of bench/rules_throughput.py share: paths, the 시군구 of the synthetic cohorts, the
goal, and the one shape every measured rate is reported in. Standard library only: the OpenFisca worker
imports it inside its own venv."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"  # git-ignored
SIGUNGU = ("11110", "41110", "28200", "26110", "36110", "48121", "43760")  # every 기본재산액 지역
BULK_GOAL = 100.0  # bulk over the single path, per household
sys.path.insert(0, str(ROOT))  # `domain`, and `tests` (the reference regions, the database setup)


def rate(count: int, seconds: float) -> dict[str, float]:
    return {
        "households": count,
        "seconds": seconds,
        "per_second": count / seconds,
        "us_each": seconds / count * 1e6,
    }


def bench_regions() -> list[Any]:
    """The `Region` rows of SIGUNGU, read from the reference CSV the migration loads."""
    from tests.rules.regions import region_of

    return [r for code in SIGUNGU if (r := region_of(code)) is not None]
