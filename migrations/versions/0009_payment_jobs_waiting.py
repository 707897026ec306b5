"""`payment_runs_waiting()`: the runs, in every 시군구, that still have chunks to claim, for the job
workers running inside the API processes. Row-level security keeps each 시군구's runs to its own
officials, so a worker cannot find them with a plain select; this function shows only what a worker
needs to start (the run's id and 시군구), never a line or a person. The worker then works the run in
that 시군구's jurisdiction like any request.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import context, op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _app_role() -> str:
    role = str(context.config.attributes.get("app_role", "ieum_app"))
    assert role.replace("_", "").isalnum(), role
    return role


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION payment_runs_waiting() RETURNS TABLE (run_id uuid, sigungu_code varchar)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
          SELECT r.id, r.sigungu_code FROM payment_runs r
           WHERE r.state = 'running'
             AND EXISTS (SELECT 1 FROM payment_run_chunks c WHERE c.run_id = r.id AND c.state = 'pending')
           ORDER BY r.created_at
        $$
        """
    )
    op.execute("REVOKE ALL ON FUNCTION payment_runs_waiting FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION payment_runs_waiting TO {_app_role()}")


def downgrade() -> None:
    op.execute("DROP FUNCTION payment_runs_waiting")
