"""`payment_chunk_claim(runs)`: the next pending chunk of any of the given payment runs, locked for
the calling transaction (`FOR UPDATE SKIP LOCKED`). A worker process given a
whole month's runs (one per 시군구) claims across them with one statement per chunk instead of
asking each 시군구 in turn; row-level security would hide the other 시군구' runs from a plain select.
It returns only ids and ranges, never a line or a person: the worker then sets that 시군구's
jurisdiction and processes the chunk like any other.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import context, op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _app_role() -> str:
    role = str(context.config.attributes.get("app_role", "ieum_app"))
    assert role.replace("_", "").isalnum(), role
    return role


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION payment_chunk_claim(p_runs uuid[])
          RETURNS TABLE (run_id uuid, seq integer, after_id uuid, through_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
          SELECT c.run_id, c.seq, c.after_id, c.through_id
            FROM payment_run_chunks c
           WHERE c.run_id = ANY(p_runs) AND c.state = 'pending'
           ORDER BY array_position(p_runs, c.run_id), c.seq
           LIMIT 1
             FOR UPDATE SKIP LOCKED
        $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION payment_chunk_claim FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION payment_chunk_claim TO {_app_role()}")


def downgrade() -> None:
    op.execute("DROP FUNCTION payment_chunk_claim")
