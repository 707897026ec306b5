"""처분 취소 of an entitlement: a `cancelled` state and the first day treated as never held
(`cancelled_from`, on or after the start date).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATES = "'active', 'suspended', 'stopped', 'lost'"


def upgrade() -> None:
    op.execute("ALTER TABLE entitlements DROP CONSTRAINT entitlements_state_check")
    op.execute(
        "ALTER TABLE entitlements ADD CONSTRAINT entitlements_state_check"
        f" CHECK (state IN ({STATES}, 'cancelled'))"
    )
    op.execute("ALTER TABLE entitlements ADD COLUMN cancelled_from date")
    op.execute(
        "ALTER TABLE entitlements ADD CONSTRAINT ck_entitlements_cancelled CHECK ("
        " (state = 'cancelled') = (cancelled_from IS NOT NULL)"
        " AND (cancelled_from IS NULL OR cancelled_from >= start_date))"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE entitlements DROP CONSTRAINT ck_entitlements_cancelled")
    op.execute("ALTER TABLE entitlements DROP COLUMN cancelled_from")
    op.execute("ALTER TABLE entitlements DROP CONSTRAINT entitlements_state_check")
    op.execute(
        f"ALTER TABLE entitlements ADD CONSTRAINT entitlements_state_check CHECK (state IN ({STATES}))"
    )
