"""Case workflow: applications and their program cases, 금융정보 consents, investigations with
evidence, decisions with notices, entitlements and their 사후관리, idempotency records, and the
citizen binding that lets a portal act for the one citizen it authenticated.

Row-level security follows 0003: an application and everything under it is visible in its own
시군구/읍면동; an entitlement in the 시군구/읍면동 that granted it. A transaction bound to a citizen
(`ieum.citizen`, the blind index of the citizen a portal asserted) also sees that citizen's own
applications and entitlements. The 중복지원 check must see benefits held in every 시군구, so it goes
through `held_benefits`, a SECURITY DEFINER function that returns only what the check needs.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import context, op

revision = "0004"
down_revision = "0003"
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


PROGRAMS = (
    "'livelihood','medical','housing','education','basic_pension','disability_pension',"
    "'parent_benefit','child_allowance','childcare_fee','home_care_allowance','emergency_livelihood'"
)

TABLES = f"""
CREATE TABLE sigungu_settings (
  sigungu_code varchar(5) PRIMARY KEY REFERENCES sigungu(code),
  investigator_may_decide boolean NOT NULL DEFAULT false
);
CREATE TABLE applications (
  id uuid PRIMARY KEY,
  household_id uuid NOT NULL REFERENCES households(id),
  applicant_person_id uuid NOT NULL REFERENCES persons(id),
  sigungu_code varchar(5) NOT NULL REFERENCES sigungu(code),
  emd_code varchar(10),
  emd_name varchar(40),
  channel varchar(12) NOT NULL CHECK (channel IN ('visit', 'online', 'ex_officio')),
  applied_on date NOT NULL,
  received_by varchar(64) NOT NULL,
  received_by_kind varchar(16) NOT NULL,
  ex_officio_consent boolean NOT NULL DEFAULT false,
  residence_basis varchar(12) NOT NULL DEFAULT 'registered'
    CHECK (residence_basis IN ('registered', 'actual')),
  actual_address text,
  actual_since date,
  privacy_notice_version varchar(40) NOT NULL,
  privacy_notice_given_on date NOT NULL,
  extension_reason varchar(40),
  extension_detail text,
  extension_granted_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ck_applications_actual_residence CHECK (
    residence_basis = 'registered' OR (actual_address IS NOT NULL AND actual_since IS NOT NULL)),
  CONSTRAINT ck_applications_ex_officio_consent CHECK (channel <> 'ex_officio' OR ex_officio_consent),
  CONSTRAINT ck_applications_extension CHECK (
    (extension_reason IS NULL) = (extension_detail IS NULL)
    AND (extension_reason IS NULL) = (extension_granted_on IS NULL))
);
CREATE INDEX ix_applications_household_id ON applications (household_id);
CREATE INDEX ix_applications_applicant_person_id ON applications (applicant_person_id);
CREATE INDEX ix_applications_scope_applied ON applications (sigungu_code, applied_on);
CREATE TABLE application_programs (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications(id),
  program varchar(24) NOT NULL CHECK (program IN ({PROGRAMS})),
  state varchar(16) NOT NULL DEFAULT 'received' CHECK (state IN
    ('received', 'investigating', 'investigated', 'approved', 'rejected', 'withdrawn', 'dismissed')),
  investigation_refusals integer NOT NULL DEFAULT 0 CHECK (investigation_refusals >= 0),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT uq_application_programs_program UNIQUE (application_id, program)
);
CREATE TABLE financial_consents (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  role varchar(12) NOT NULL CHECK (role IN ('applicant', 'member', 'obligor')),
  given_on date NOT NULL,
  document_id varchar(60) NOT NULL,
  withdrawn_on date,
  recorded_by varchar(64) NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_financial_consents_person UNIQUE (application_id, person_id),
  CONSTRAINT ck_financial_consents_period CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications(id),
  program varchar(24),
  event varchar(40) NOT NULL,
  from_state varchar(16),
  to_state varchar(16),
  actor varchar(64) NOT NULL,
  actor_kind varchar(16) NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  reason text,
  detail jsonb NOT NULL DEFAULT '{{}}'
);
CREATE INDEX ix_case_events_application_id ON case_events (application_id, id);
CREATE TABLE investigations (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
  state varchar(12) NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'completed')),
  as_of date NOT NULL,
  started_by varchar(64) NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  gathered_at timestamptz,
  completed_by varchar(64),
  completed_at timestamptz,
  not_obtained jsonb NOT NULL DEFAULT '[]',
  facts jsonb NOT NULL DEFAULT '{{}}',
  household jsonb,
  results jsonb,
  parameters jsonb,
  recognized_income bigint,
  version integer NOT NULL DEFAULT 1
);
CREATE TABLE evidence (
  id uuid PRIMARY KEY,
  investigation_id uuid NOT NULL REFERENCES investigations(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  role varchar(12) NOT NULL CHECK (role IN ('member', 'obligor')),
  kind varchar(20) NOT NULL,
  source varchar(12) NOT NULL CHECK (source IN ('linked', 'official')),
  agency varchar(20),
  record_id varchar(120) NOT NULL,
  record jsonb NOT NULL,
  status varchar(8) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'voided')),
  reason text,
  replaces_id uuid REFERENCES evidence(id),
  entered_by varchar(64) NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  voided_by varchar(64),
  void_reason text,
  CONSTRAINT ck_evidence_official_reason CHECK (source = 'linked' OR reason IS NOT NULL),
  CONSTRAINT ck_evidence_void_reason CHECK (status = 'active' OR void_reason IS NOT NULL)
);
CREATE INDEX ix_evidence_investigation_id ON evidence (investigation_id);
CREATE TABLE decisions (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications(id),
  application_program_id uuid NOT NULL UNIQUE REFERENCES application_programs(id),
  program varchar(24) NOT NULL,
  outcome varchar(12) NOT NULL CHECK (outcome IN ('approved', 'rejected')),
  reason_codes varchar(40)[] NOT NULL DEFAULT '{{}}',
  note text,
  monthly_amount bigint CHECK (monthly_amount >= 0),
  start_date date,
  decided_by varchar(64) NOT NULL,
  decided_on date NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  basis jsonb NOT NULL,
  exclusivity jsonb NOT NULL DEFAULT '{{}}',
  notice_number varchar(40) NOT NULL UNIQUE,
  notice_pdf bytea NOT NULL,
  CONSTRAINT ck_decisions_approval CHECK (
    outcome <> 'approved' OR (monthly_amount IS NOT NULL AND start_date IS NOT NULL))
);
CREATE INDEX ix_decisions_application_id ON decisions (application_id);
CREATE SEQUENCE notice_number_seq;
CREATE TABLE entitlements (
  id uuid PRIMARY KEY,
  decision_id uuid NOT NULL REFERENCES decisions(id),
  program varchar(24) NOT NULL CHECK (program IN ({PROGRAMS})),
  person_id uuid NOT NULL REFERENCES persons(id),
  household_id uuid NOT NULL REFERENCES households(id),
  sigungu_code varchar(5) NOT NULL REFERENCES sigungu(code),
  emd_code varchar(10),
  state varchar(12) NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'suspended', 'stopped', 'lost')),
  state_reason varchar(40),
  monthly_amount bigint NOT NULL CHECK (monthly_amount >= 0),
  start_date date NOT NULL,
  end_date date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ck_entitlements_period CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX ix_entitlements_decision_id ON entitlements (decision_id);
CREATE INDEX ix_entitlements_person_id ON entitlements (person_id);
CREATE INDEX ix_entitlements_scope ON entitlements (sigungu_code, program, state);
CREATE TABLE entitlement_members (
  entitlement_id uuid NOT NULL REFERENCES entitlements(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  PRIMARY KEY (entitlement_id, person_id)
);
CREATE INDEX ix_entitlement_members_person_id ON entitlement_members (person_id);
CREATE TABLE entitlement_amounts (
  id bigserial PRIMARY KEY,
  entitlement_id uuid NOT NULL REFERENCES entitlements(id),
  monthly_amount bigint NOT NULL CHECK (monthly_amount >= 0),
  effective_from date NOT NULL,
  reason varchar(40) NOT NULL,
  note text,
  recorded_by varchar(64) NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_entitlement_amounts_entitlement_id ON entitlement_amounts (entitlement_id, effective_from);
CREATE TABLE entitlement_events (
  id bigserial PRIMARY KEY,
  entitlement_id uuid NOT NULL REFERENCES entitlements(id),
  event varchar(40) NOT NULL,
  from_state varchar(12),
  to_state varchar(12),
  reason_code varchar(40),
  note text,
  effective_on date NOT NULL,
  actor varchar(64) NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_entitlement_events_entitlement_id ON entitlement_events (entitlement_id, id);
CREATE TABLE change_proposals (
  id uuid PRIMARY KEY,
  entitlement_id uuid NOT NULL REFERENCES entitlements(id),
  kind varchar(20) NOT NULL CHECK (kind IN ('income', 'household', 'assets', 'other')),
  reported_on date NOT NULL,
  effective_from date NOT NULL,
  description text NOT NULL,
  before_amount bigint NOT NULL,
  after_amount bigint NOT NULL,
  after_eligible boolean NOT NULL,
  trace jsonb NOT NULL DEFAULT '[]',
  inputs jsonb NOT NULL DEFAULT '{{}}',
  state varchar(12) NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'rejected')),
  reported_by varchar(64) NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  decided_by varchar(64),
  decided_at timestamptz,
  decision_note text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX ix_change_proposals_entitlement_id ON change_proposals (entitlement_id);
CREATE TABLE appeals (
  id uuid PRIMARY KEY,
  decision_id uuid NOT NULL REFERENCES decisions(id),
  program varchar(24) NOT NULL,
  filed_on date NOT NULL,
  grounds text NOT NULL,
  state varchar(12) NOT NULL DEFAULT 'filed',
  outcome_note text,
  recorded_by varchar(64) NOT NULL,
  decided_by varchar(64),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX ix_appeals_decision_id ON appeals (decision_id);
CREATE TABLE idempotency_records (
  client_id uuid NOT NULL,
  key varchar(255) NOT NULL,
  request_hash bytea NOT NULL,
  method varchar(8) NOT NULL,
  route varchar(200) NOT NULL,
  state varchar(12) NOT NULL CHECK (state IN ('in_flight', 'completed')),
  status integer,
  response bytea,
  headers jsonb NOT NULL DEFAULT '{{}}',
  subjects uuid[] NOT NULL DEFAULT '{{}}',
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (client_id, key)
);
"""


def _policies(app: str) -> str:
    by_application = "EXISTS (SELECT 1 FROM applications a WHERE a.id = application_id)"
    by_entitlement = "EXISTS (SELECT 1 FROM entitlements e WHERE e.id = entitlement_id)"
    sql = f"""
    CREATE FUNCTION ieum_citizen_bound(p_person uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT coalesce(current_setting('ieum.citizen', true), '') <> ''
         AND EXISTS (SELECT 1 FROM persons p WHERE p.id = p_person
                     AND p.rrn_blind_index = decode(current_setting('ieum.citizen', true), 'hex'))
    $$;
    REVOKE ALL ON FUNCTION ieum_citizen_bound FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION ieum_citizen_bound TO {app};
    CREATE FUNCTION citizen_residence()
    RETURNS TABLE (person_id uuid, household_id uuid, sigungu_code varchar, emd_code varchar,
                   emd_name varchar)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT p.id, m.household_id, p.sigungu_code, p.emd_code, p.emd_name
        FROM persons p
        LEFT JOIN household_members m ON m.person_id = p.id AND m.left_on IS NULL
       WHERE coalesce(current_setting('ieum.citizen', true), '') <> ''
         AND p.rrn_blind_index = decode(current_setting('ieum.citizen', true), 'hex')
    $$;
    REVOKE ALL ON FUNCTION citizen_residence FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION citizen_residence TO {app};
    CREATE POLICY case_link ON persons FOR SELECT TO {app}
      USING (EXISTS (SELECT 1 FROM applications a WHERE a.applicant_person_id = persons.id
                     AND ieum_in_scope(a.sigungu_code, a.emd_code)));
    CREATE POLICY case_link ON households FOR SELECT TO {app}
      USING (EXISTS (SELECT 1 FROM applications a WHERE a.household_id = households.id
                     AND ieum_in_scope(a.sigungu_code, a.emd_code)));
    ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON applications TO {app}
      USING (ieum_in_scope(sigungu_code, emd_code) OR ieum_citizen_bound(applicant_person_id))
      WITH CHECK (ieum_in_scope(sigungu_code, emd_code) OR ieum_citizen_bound(applicant_person_id));
    ALTER TABLE entitlements ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON entitlements TO {app}
      USING (ieum_in_scope(sigungu_code, emd_code) OR ieum_citizen_bound(person_id))
      WITH CHECK (ieum_in_scope(sigungu_code, emd_code));
    """
    for table in ("application_programs", "financial_consents", "case_events", "investigations", "decisions"):
        sql += f"""
    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON {table} TO {app}
      USING ({by_application}) WITH CHECK ({by_application});
    """
    sql += f"""
    ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON evidence TO {app}
      USING (EXISTS (SELECT 1 FROM investigations i WHERE i.id = investigation_id))
      WITH CHECK (EXISTS (SELECT 1 FROM investigations i WHERE i.id = investigation_id));
    ALTER TABLE appeals ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON appeals TO {app}
      USING (EXISTS (SELECT 1 FROM decisions d WHERE d.id = decision_id))
      WITH CHECK (EXISTS (SELECT 1 FROM decisions d WHERE d.id = decision_id));
    """
    for table in ("entitlement_members", "entitlement_amounts", "entitlement_events", "change_proposals"):
        sql += f"""
    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY jurisdiction ON {table} TO {app}
      USING ({by_entitlement}) WITH CHECK ({by_entitlement});
    """
    return sql


def _held_benefits(app: str) -> str:
    """Benefits held (paid or suspended) by the given people in any 시군구: the 중복지원 check's view
    past row-level security. It returns the program, the granting 시군구 and the entitlement id —
    nothing about the person that the caller did not already give."""
    return f"""
    CREATE FUNCTION held_benefits(p_people uuid[])
    RETURNS TABLE (person_id uuid, program varchar, sigungu_code varchar, entitlement_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT e.person_id, e.program, e.sigungu_code, e.id
        FROM entitlements e
       WHERE e.state IN ('active', 'suspended') AND e.person_id = ANY (p_people)
      UNION
      SELECT m.person_id, e.program, e.sigungu_code, e.id
        FROM entitlement_members m JOIN entitlements e ON e.id = m.entitlement_id
       WHERE e.state IN ('active', 'suspended') AND m.person_id = ANY (p_people)
    $$;
    REVOKE ALL ON FUNCTION held_benefits FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION held_benefits TO {app};
    """


def _support_obligors(app: str) -> str:
    """The 부양의무자 (1촌의 직계혈족 and their spouses, 국민기초생활보장법 제2조제5호) of the given
    people, wherever they are registered: the 조사 must reach a son in another 시군구 (법 제22조).
    Only for people the caller may see (in its jurisdiction, or in a household with an application
    it handles); it returns what the linked-data queries and the notice need, nothing more. `group_id`
    is the relative whose household the row belongs to (a relative and their spouse form one)."""
    return f"""
    CREATE FUNCTION support_obligors(p_people uuid[])
    RETURNS TABLE (person_id uuid, name varchar, birth_date date, blind_index bytea,
                   relative_of uuid, relation varchar, group_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH allowed AS (
        SELECT q.id FROM persons q
         WHERE q.id = ANY (p_people)
           AND (ieum_in_scope(q.sigungu_code, q.emd_code)
                OR EXISTS (SELECT 1 FROM applications a
                             JOIN household_members m ON m.household_id = a.household_id
                            WHERE m.person_id = q.id AND m.left_on IS NULL
                              AND ieum_in_scope(a.sigungu_code, a.emd_code)))
      ), relatives AS (
        SELECT r.to_person_id AS pid, r.from_person_id AS of, 'child'::varchar AS relation
          FROM family_relations r JOIN allowed ON allowed.id = r.from_person_id
         WHERE r.kind = 'parent_of'
        UNION
        SELECT r.from_person_id, r.to_person_id, 'parent'::varchar
          FROM family_relations r JOIN allowed ON allowed.id = r.to_person_id
         WHERE r.kind = 'parent_of'
      ), direct AS (
        SELECT * FROM relatives WHERE NOT (pid = ANY (p_people))
      ), spouses AS (
        SELECT CASE WHEN s.from_person_id = d.pid THEN s.to_person_id ELSE s.from_person_id END AS pid,
               d.of, (d.relation || '_spouse')::varchar AS relation, d.pid AS group_id
          FROM direct d JOIN family_relations s
            ON s.kind = 'spouse_of' AND d.pid IN (s.from_person_id, s.to_person_id)
      )
      SELECT p.id, p.name, p.birth_date, p.rrn_blind_index, d.of, d.relation, d.pid
        FROM direct d JOIN persons p ON p.id = d.pid
      UNION
      SELECT p.id, p.name, p.birth_date, p.rrn_blind_index, s.of, s.relation, s.group_id
        FROM spouses s JOIN persons p ON p.id = s.pid
       WHERE NOT (s.pid = ANY (p_people))
    $$;
    REVOKE ALL ON FUNCTION support_obligors FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION support_obligors TO {app};
    """


def upgrade() -> None:
    app = _app_role()
    _run(TABLES)
    _run(
        f"""
        GRANT SELECT ON sigungu_settings TO {app};
        GRANT SELECT, INSERT, UPDATE ON applications, application_programs, investigations,
          entitlements, change_proposals, appeals TO {app};
        GRANT SELECT, INSERT, UPDATE ON financial_consents, evidence TO {app};
        GRANT SELECT, INSERT ON case_events, decisions, entitlement_members, entitlement_amounts,
          entitlement_events TO {app};
        GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_records TO {app};
        GRANT USAGE ON SEQUENCE case_events_id_seq, entitlement_amounts_id_seq,
          entitlement_events_id_seq, notice_number_seq TO {app};
        """
    )
    _run(_policies(app))
    _run(_held_benefits(app))
    _run(_support_obligors(app))


def downgrade() -> None:
    _run(
        """
        DROP FUNCTION support_obligors;
        DROP FUNCTION held_benefits;
        DROP TABLE idempotency_records, appeals, change_proposals, entitlement_events,
          entitlement_amounts, entitlement_members, entitlements, decisions, evidence,
          investigations, case_events, financial_consents, application_programs, applications,
          sigungu_settings;
        DROP SEQUENCE notice_number_seq;
        DROP POLICY case_link ON households;
        DROP POLICY case_link ON persons;
        DROP FUNCTION citizen_residence;
        DROP FUNCTION ieum_citizen_bound;
        """
    )
