import { MigrationInterface, QueryRunner } from 'typeorm';
import { BLOCKING_STATUSES } from '../domain/application-status';

/** The intake side: county projects and their policy versions, applications and every step's record. */
export class CreateApplications1763800000100 implements MigrationInterface {
  name = 'CreateApplications1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE applications.projects (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      county_code char(6) NOT NULL,
      policy_version int NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX projects_county ON applications.projects (county_code)`);
    // Every policy version is kept: a screening names the version it used, so a later change never rewrites it.
    await q.query(`CREATE TABLE applications.project_policies (
      project_id uuid NOT NULL REFERENCES applications.projects(id),
      version int NOT NULL,
      aid_standard jsonb NOT NULL,
      loan_policy jsonb NOT NULL,
      credit_grades jsonb NOT NULL,
      credit_weights jsonb NOT NULL,
      public_notice_days int NOT NULL,
      changed_by uuid NOT NULL,
      effective_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, version)
    )`);
    await q.query(`CREATE TABLE applications.applications (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES applications.projects(id),
      status text NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      address text NOT NULL,
      mother_name text NOT NULL,
      id_number_sealed text NOT NULL,
      id_number_hash text NOT NULL,
      id_number_masked text NOT NULL,
      birth_date date NOT NULL,
      phone_sealed text NOT NULL,
      phone_masked text NOT NULL,
      household_size int NOT NULL,
      labourers int NOT NULL,
      annual_income_fen bigint NOT NULL,
      family_planning_status text NOT NULL,
      poverty_status text NOT NULL,
      debts_fen bigint NOT NULL,
      industry text NOT NULL,
      project_description text NOT NULL,
      requested_amount_fen bigint NOT NULL,
      model text NOT NULL,
      partner_id text,
      survey_date date NOT NULL,
      submitted_by uuid NOT NULL,
      screened_policy_version int,
      credit_score int,
      credit_grade text,
      credit_ceiling_fen bigint,
      approved_amount_fen bigint,
      term_months int,
      repayment_plan jsonb,
      disbursement_mode text,
      approved_by uuid,
      approved_on date,
      decision_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX applications_scope ON applications.applications (county_code, township_code, village_code, status)`);
    await q.query(`CREATE INDEX applications_project ON applications.applications (project_id, status)`);
    // One case per mother at a time: the keyed hash of her ID number among blocking statuses,
    // the domain's own list (a later change to it needs a migration that rebuilds this index;
    // an integration test compares the live index with the list).
    await q.query(`CREATE UNIQUE INDEX applications_one_case_per_mother ON applications.applications (id_number_hash)
                   WHERE status IN (${BLOCKING_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    await q.query(`CREATE TABLE applications.application_history (
      id bigserial PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      step text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor text NOT NULL,
      actor_role text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      details jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX application_history_application ON applications.application_history (application_id, id)`);
    await q.query(`CREATE TABLE applications.home_visits (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      visited_on date NOT NULL,
      findings text NOT NULL,
      verified boolean NOT NULL,
      recorded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE applications.screenings (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      project_id uuid NOT NULL,
      policy_version int NOT NULL,
      eligible boolean NOT NULL,
      checks jsonb NOT NULL,
      screened_on date NOT NULL,
      screened_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE applications.public_notices (
      id uuid PRIMARY KEY,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      start_date date NOT NULL,
      days int NOT NULL,
      end_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      opened_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by text
    )`);
    await q.query(`CREATE TABLE applications.public_notice_items (
      notice_id uuid NOT NULL REFERENCES applications.public_notices(id),
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      PRIMARY KEY (notice_id, application_id)
    )`);
    await q.query(`CREATE TABLE applications.objections (
      id uuid PRIMARY KEY,
      notice_id uuid NOT NULL REFERENCES applications.public_notices(id),
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      objector text,
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed')),
      note text,
      filed_by uuid NOT NULL,
      filed_at timestamptz NOT NULL DEFAULT now(),
      resolved_by uuid,
      resolved_at timestamptz
    )`);
    await q.query(`CREATE INDEX objections_open ON applications.objections (notice_id) WHERE status = 'open'`);
    await q.query(`CREATE TABLE applications.credit_assessments (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      components jsonb NOT NULL,
      weights jsonb NOT NULL,
      score int NOT NULL,
      grade text NOT NULL,
      ceiling_fen bigint NOT NULL,
      evidence text NOT NULL,
      policy_version int NOT NULL,
      assessed_by uuid NOT NULL,
      assessed_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE applications.follow_ups (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications.applications(id),
      visited_on date NOT NULL,
      production_status text NOT NULL,
      income_estimate_fen bigint NOT NULL,
      problems text NOT NULL,
      help_given text NOT NULL,
      recorded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['follow_ups', 'credit_assessments', 'objections', 'public_notice_items', 'public_notices', 'screenings', 'home_visits', 'application_history', 'applications', 'project_policies', 'projects']) {
      await q.query(`DROP TABLE applications.${table}`);
    }
  }
}
