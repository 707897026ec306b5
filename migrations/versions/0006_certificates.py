"""Certificates (증명서): issued documents with their verification code hash and encrypted PDF, the
entitlements each one states, and per-시군구 yearly document serials.

Row-level security: a certificate is visible in the 시군구/읍면동 it belongs to (`sigungu_code`, that of
the 보장기관 whose decisions it states; `emd_code`, that of the case) and to the citizen it is about.
The application role may insert certificates but never update or delete them: revocation and the
verification counters go through SECURITY DEFINER functions that change only those columns.

- `certificate_basis(person)`: the entitlements covering a person (as beneficiary, as a member of a
  household benefit, or as the 보호자 a child's 영유아 benefit is paid to) with the members' details
  the form prints; for an official, the ones in their jurisdiction; for a citizen-bound client, the
  citizen's own in any 시군구.
- `verify_certificate(number, code_hash)`: the public check. Counts the attempt on the certificate
  and returns only what verification shows.
- `certificates_stating(entitlement)` and `revoke_certificates(entitlement, ids, reason)`: for the
  official changing an entitlement, the certificates that state it, wherever they were issued.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import context, op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _app_role() -> str:
    role = str(context.config.attributes.get("app_role", "ieum_app"))
    assert role.replace("_", "").isalnum(), role
    return role


def _run(sql: str) -> None:
    """Executes a script statement by statement (asyncpg prepares each one)."""
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


TABLES = """
CREATE TABLE certificate_serials (
  sigungu_code varchar(5) NOT NULL REFERENCES sigungu(code),
  year smallint NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  last_serial integer NOT NULL CHECK (last_serial BETWEEN 1 AND 99999999),
  PRIMARY KEY (sigungu_code, year)
);
CREATE TABLE certificates (
  id uuid PRIMARY KEY,
  document_number varchar(20) NOT NULL UNIQUE,
  code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
  certificate_type varchar(24) NOT NULL,
  purpose varchar(24) NOT NULL,
  person_id uuid NOT NULL REFERENCES persons(id),
  holder_name_masked varchar(100) NOT NULL,
  sigungu_code varchar(5) NOT NULL REFERENCES sigungu(code),
  emd_code varchar(10),
  issuer varchar(120) NOT NULL,
  issued_on date NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  channel varchar(8) NOT NULL CHECK (channel IN ('official', 'portal', 'kiosk')),
  issued_by varchar(64) NOT NULL,
  period_start date,
  period_end date,
  full_rrn_printed boolean NOT NULL,
  printed_items varchar(24)[] NOT NULL,
  facts jsonb NOT NULL,
  pdf_ciphertext bytea NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  verification_count integer NOT NULL DEFAULT 0,
  failed_verification_count integer NOT NULL DEFAULT 0,
  last_verified_at timestamptz,
  CONSTRAINT ck_certificates_period CHECK (
    (period_start IS NULL) = (period_end IS NULL) AND (period_end IS NULL OR period_end >= period_start)),
  CONSTRAINT ck_certificates_revocation CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX ix_certificates_person_id ON certificates (person_id, issued_at);
CREATE INDEX ix_certificates_scope_issued ON certificates (sigungu_code, issued_on);
CREATE TABLE certificate_entitlements (
  certificate_id uuid NOT NULL REFERENCES certificates(id),
  entitlement_id uuid NOT NULL REFERENCES entitlements(id),
  program varchar(24) NOT NULL,
  certified_from date NOT NULL,
  certified_through date NOT NULL,
  PRIMARY KEY (certificate_id, entitlement_id),
  CONSTRAINT ck_certificate_entitlements_period CHECK (certified_through >= certified_from)
);
CREATE INDEX ix_certificate_entitlements_entitlement_id ON certificate_entitlements (entitlement_id);
"""


def _policies(app: str) -> str:
    return f"""
    CREATE POLICY citizen_self ON persons FOR SELECT TO {app}
      USING (coalesce(current_setting('ieum.citizen', true), '') <> ''
             AND rrn_blind_index = decode(current_setting('ieum.citizen', true), 'hex'));
    ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON certificates TO {app}
      USING (ieum_in_scope(sigungu_code, emd_code) OR ieum_citizen_bound(person_id))
      WITH CHECK (ieum_in_scope(sigungu_code, emd_code) OR ieum_citizen_bound(person_id));
    ALTER TABLE certificate_entitlements ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON certificate_entitlements TO {app}
      USING (EXISTS (SELECT 1 FROM certificates c WHERE c.id = certificate_id))
      WITH CHECK (EXISTS (SELECT 1 FROM certificates c WHERE c.id = certificate_id));
    """


def _functions(app: str) -> str:
    return f"""
    CREATE FUNCTION certificate_basis(p_person uuid)
    RETURNS TABLE (entitlement_id uuid, program varchar, state varchar, start_date date, end_date date,
                   cancelled_from date, sigungu_code varchar, emd_code varchar, beneficiary_id uuid,
                   members jsonb)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH holder AS (
        SELECT m.household_id, m.relation FROM household_members m
         WHERE m.person_id = p_person AND m.left_on IS NULL
      ), covering AS (
        SELECT e.* FROM entitlements e
         WHERE e.person_id = p_person
            OR EXISTS (SELECT 1 FROM entitlement_members m
                        WHERE m.entitlement_id = e.id AND m.person_id = p_person)
            -- 영유아 benefits are the child's, paid to the 보호자: a parent, or the head or spouse
            -- of the household the child lives in.
            OR (e.program IN ('parent_benefit', 'child_allowance', 'home_care_allowance', 'childcare_fee')
                AND (EXISTS (SELECT 1 FROM family_relations r
                              WHERE r.kind = 'parent_of' AND r.from_person_id = p_person
                                AND r.to_person_id = e.person_id)
                     OR EXISTS (SELECT 1 FROM holder h
                                  JOIN household_members c
                                    ON c.household_id = h.household_id AND c.left_on IS NULL
                                 WHERE h.relation IN ('head', 'spouse') AND c.person_id = e.person_id
                                   AND c.relation IN ('child', 'grandchild'))))
      )
      SELECT e.id, e.program, e.state, e.start_date, e.end_date, e.cancelled_from, e.sigungu_code,
             e.emd_code, e.person_id,
             coalesce((SELECT jsonb_agg(jsonb_build_object(
                          'person_id', p.id, 'name', p.name, 'birth_date', p.birth_date, 'sex', p.sex,
                          'foreign_resident', p.foreign_resident, 'relation', hm.relation)
                        ORDER BY p.birth_date, p.id)
                         FROM entitlement_members em
                         JOIN persons p ON p.id = em.person_id
                         LEFT JOIN household_members hm
                           ON hm.person_id = p.id AND hm.household_id = e.household_id
                          AND hm.left_on IS NULL
                        WHERE em.entitlement_id = e.id), '[]'::jsonb)
        FROM covering e
       WHERE ieum_in_scope(e.sigungu_code, e.emd_code) OR ieum_citizen_bound(p_person)
    $$;
    REVOKE ALL ON FUNCTION certificate_basis FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION certificate_basis TO {app};

    CREATE FUNCTION verify_certificate(p_number varchar, p_code_hash bytea)
    RETURNS TABLE (matched boolean, certificate_type varchar, issued_on date, issuer varchar,
                   holder_name_masked varchar, revoked boolean)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      v certificates%ROWTYPE;
    BEGIN
      SELECT * INTO v FROM certificates c WHERE c.document_number = p_number FOR UPDATE;
      IF NOT FOUND THEN
        RETURN;
      END IF;
      IF v.code_hash <> p_code_hash THEN
        UPDATE certificates SET failed_verification_count = failed_verification_count + 1
         WHERE id = v.id;
        RETURN QUERY SELECT false, NULL::varchar, NULL::date, NULL::varchar, NULL::varchar, NULL::boolean;
        RETURN;
      END IF;
      UPDATE certificates SET verification_count = verification_count + 1, last_verified_at = now()
       WHERE id = v.id;
      RETURN QUERY SELECT true, v.certificate_type, v.issued_on, v.issuer, v.holder_name_masked,
                          v.revoked_at IS NOT NULL;
    END $$;
    REVOKE ALL ON FUNCTION verify_certificate FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION verify_certificate TO {app};

    CREATE FUNCTION certificates_stating(p_entitlement uuid)
    RETURNS TABLE (certificate_id uuid, issued_on date, certified_through date)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT c.id, c.issued_on, ce.certified_through
        FROM certificate_entitlements ce
        JOIN certificates c ON c.id = ce.certificate_id
        JOIN entitlements e ON e.id = ce.entitlement_id
       WHERE ce.entitlement_id = p_entitlement AND c.revoked_at IS NULL
         AND ieum_in_scope(e.sigungu_code, e.emd_code)
    $$;
    REVOKE ALL ON FUNCTION certificates_stating FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION certificates_stating TO {app};

    CREATE FUNCTION revoke_certificates(p_entitlement uuid, p_ids uuid[], p_reason text)
    RETURNS integer
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH revoked AS (
        UPDATE certificates c SET revoked_at = now(), revoked_reason = p_reason
         WHERE c.id = ANY (p_ids) AND c.revoked_at IS NULL
           AND EXISTS (SELECT 1 FROM certificate_entitlements ce
                         JOIN entitlements e ON e.id = ce.entitlement_id
                        WHERE ce.certificate_id = c.id AND ce.entitlement_id = p_entitlement
                          AND ieum_in_scope(e.sigungu_code, e.emd_code))
        RETURNING 1
      )
      SELECT count(*)::integer FROM revoked
    $$;
    REVOKE ALL ON FUNCTION revoke_certificates FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION revoke_certificates TO {app};
    """


def upgrade() -> None:
    app = _app_role()
    _run(TABLES)
    _run(
        f"""
        GRANT SELECT, INSERT, UPDATE ON certificate_serials TO {app};
        GRANT SELECT, INSERT ON certificates, certificate_entitlements TO {app};
        """
    )
    _run(_policies(app))
    _run(_functions(app))


def downgrade() -> None:
    _run(
        """
        DROP FUNCTION revoke_certificates;
        DROP FUNCTION certificates_stating;
        DROP FUNCTION verify_certificate;
        DROP FUNCTION certificate_basis;
        DROP TABLE certificate_entitlements, certificates, certificate_serials;
        DROP POLICY citizen_self ON persons;
        """
    )
