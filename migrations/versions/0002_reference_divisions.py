"""Reference data: 시도/시군구 with their 5-digit codes, from reference/admin-divisions.csv
(행정안전부 법정동코드 KIKcd_B.20260720; see shared rules region-classes.md §1).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CSV = Path(__file__).resolve().parents[2] / "reference" / "admin-divisions.csv"

sigungu = sa.table(
    "sigungu",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("sido_code", sa.String),
    sa.column("sido_name", sa.String),
    sa.column("kind", sa.String),
    sa.column("parent_city_code", sa.String),
    sa.column("is_population_decline_area", sa.Boolean),
)


def upgrade() -> None:
    with CSV.open(encoding="utf-8") as handle:
        rows = [
            {
                "code": r["sigungu_code"],
                "name": r["sigungu_name"],
                "sido_code": r["sido_code"],
                "sido_name": r["sido_name"],
                "kind": r["kind"],
                "parent_city_code": r["parent_city_code"] or None,
                "is_population_decline_area": r["is_population_decline_area"] == "true",
            }
            for r in csv.DictReader(handle)
        ]
    # Cities before their 일반구, which refer to them.
    rows.sort(key=lambda r: r["parent_city_code"] is not None)
    op.bulk_insert(sigungu, rows)


def downgrade() -> None:
    op.execute("DELETE FROM sigungu")
