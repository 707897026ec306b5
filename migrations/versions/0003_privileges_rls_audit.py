"""Application role privileges, row-level security by jurisdiction, and the append-only,
hash-chained 접속기록.

The application role (default `ieum_app`, passed in by `ieum db upgrade`) gets only what it needs:
no DELETE on people or on any log, no UPDATE on logs, and no direct INSERT into the 접속기록
(records are appended only through `audit_append`, so none escapes the chain). Row-level security
binds it (it owns no table), so a query that forgets its jurisdiction filter still sees only its
own 시군구/읍면동.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import context, op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AUDIT_LANES = 16


def _app_role() -> str:
    role = str(context.config.attributes.get("app_role", "ieum_app"))
    assert role.replace("_", "").isalnum(), role
    return role


def _run(sql: str) -> None:
    """Executes a script statement by statement (asyncpg prepares each one). Splits on `;` at line
    ends outside dollar-quoted bodies."""
    statement: list[str] = []
    in_body = False
    for line in sql.splitlines():
        statement.append(line)
        in_body ^= line.count("$$") % 2 == 1
        if not in_body and line.rstrip().endswith(";"):
            op.execute("\n".join(statement))
            statement = []
    rest = "\n".join(statement).strip()
    if rest:
        op.execute(rest)


def upgrade() -> None:
    app = _app_role()
    _run(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{app}') THEN
            RAISE EXCEPTION 'application role {app} does not exist: run `ieum db upgrade`';
          END IF;
        END $$;
        GRANT USAGE ON SCHEMA public TO {app};
        GRANT SELECT ON sigungu TO {app};
        GRANT SELECT, INSERT, UPDATE ON officials, service_clients, refresh_tokens TO {app};
        GRANT SELECT, INSERT ON official_grant_events TO {app};
        GRANT USAGE ON SEQUENCE official_grant_events_id_seq TO {app};
        GRANT SELECT, INSERT, UPDATE ON persons, households, household_members TO {app};
        GRANT SELECT, INSERT, DELETE ON family_relations TO {app};
        GRANT SELECT ON access_logs TO {app};
        GRANT SELECT ON audit_chain_heads TO {app};
        """
    )

    # Jurisdiction: the request sets ieum.sigungu / ieum.emd for its transaction from the official's
    # account row. Unset settings match nothing, so a connection without a scope sees no one.
    _run(
        """
        CREATE FUNCTION ieum_in_scope(p_sigungu text, p_emd text) RETURNS boolean
        LANGUAGE sql STABLE AS $$
          SELECT p_sigungu = current_setting('ieum.sigungu', true)
             AND (coalesce(current_setting('ieum.emd', true), '') = ''
                  OR p_emd = current_setting('ieum.emd', true))
        $$;
        """
    )
    for table in ("persons", "households"):
        _run(
            f"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            CREATE POLICY jurisdiction ON {table} TO {app}
              USING (ieum_in_scope(sigungu_code, emd_code))
              WITH CHECK (ieum_in_scope(sigungu_code, emd_code));
            """
        )
    _run(
        f"""
        ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
        CREATE POLICY jurisdiction ON household_members TO {app}
          USING (EXISTS (SELECT 1 FROM households h WHERE h.id = household_id))
          WITH CHECK (EXISTS (SELECT 1 FROM households h WHERE h.id = household_id));
        ALTER TABLE family_relations ENABLE ROW LEVEL SECURITY;
        CREATE POLICY jurisdiction ON family_relations TO {app}
          USING (EXISTS (SELECT 1 FROM persons p WHERE p.id IN (from_person_id, to_person_id)))
          WITH CHECK (EXISTS (SELECT 1 FROM persons p WHERE p.id IN (from_person_id, to_person_id)));
        """
    )

    # 접속기록: lanes of hash chains. A backend always appends to the lane of its pid, so concurrent
    # requests rarely wait on each other, and each lane is a strict chain verify can walk.
    _run(
        f"""
        INSERT INTO audit_chain_heads (lane, last_seq, last_hash)
        SELECT g, 0, decode(repeat('00', 32), 'hex') FROM generate_series(0, {AUDIT_LANES - 1}) g;

        CREATE FUNCTION audit_append(
            p_occurred_at timestamptz, p_request_id text, p_actor text, p_actor_kind text,
            p_actor_sigungu text, p_client_ip text, p_subjects uuid[], p_resource text,
            p_action text, p_purpose text, p_method text, p_route text, p_status integer,
            p_outcome text, p_content_hash bytea
        ) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
          v_lane smallint := pg_backend_pid() % {AUDIT_LANES};
          v_seq bigint;
          v_chain bytea;
          v_id bigint;
        BEGIN
          IF length(p_content_hash) <> 32 THEN
            RAISE EXCEPTION 'content hash must be 32 bytes';
          END IF;
          UPDATE audit_chain_heads
             SET last_seq = last_seq + 1, last_hash = sha256(last_hash || p_content_hash)
           WHERE lane = v_lane
          RETURNING last_seq, last_hash INTO v_seq, v_chain;
          INSERT INTO access_logs (
            lane, lane_seq, occurred_at, request_id, actor, actor_kind, actor_sigungu, client_ip,
            subjects, resource, action, purpose, method, route, status, outcome, content_hash,
            chain_hash
          ) VALUES (
            v_lane, v_seq, p_occurred_at, p_request_id, p_actor, p_actor_kind, p_actor_sigungu,
            p_client_ip, p_subjects, p_resource, p_action, p_purpose, p_method, p_route, p_status,
            p_outcome, p_content_hash, v_chain
          ) RETURNING id INTO v_id;
          RETURN v_id;
        END $$;
        REVOKE ALL ON FUNCTION audit_append FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION audit_append TO {app};
        """
    )


def downgrade() -> None:
    app = _app_role()
    _run(
        f"""
        DROP FUNCTION audit_append;
        DELETE FROM audit_chain_heads;
        DROP POLICY jurisdiction ON family_relations;
        DROP POLICY jurisdiction ON household_members;
        DROP POLICY jurisdiction ON households;
        DROP POLICY jurisdiction ON persons;
        ALTER TABLE family_relations DISABLE ROW LEVEL SECURITY;
        ALTER TABLE household_members DISABLE ROW LEVEL SECURITY;
        ALTER TABLE households DISABLE ROW LEVEL SECURITY;
        ALTER TABLE persons DISABLE ROW LEVEL SECURITY;
        DROP FUNCTION ieum_in_scope;
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app};
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {app};
        REVOKE USAGE ON SCHEMA public FROM {app};
        """
    )
