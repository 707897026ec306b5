"""A decision may have no stored 결정통지서: decisions written by the synthetic population generator
(`api.synthetic`) were never notified to anyone, and a stand-in file would look as if one had been.
The notice route answers 404 with that reason for them.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE decisions ALTER COLUMN notice_pdf DROP NOT NULL")


def downgrade() -> None:
    op.execute("UPDATE decisions SET notice_pdf = '' WHERE notice_pdf IS NULL")
    op.execute("ALTER TABLE decisions ALTER COLUMN notice_pdf SET NOT NULL")
