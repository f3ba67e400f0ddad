import { MigrationInterface, QueryRunner } from 'typeorm';
import { HOLDING_STATUSES } from '../domain/guarantee-status';

/** Guarantees (one per approved application), their parties (a replaced party stays on record), demands and guarantor payments. */
export class CreateGuarantees1764600000100 implements MigrationInterface {
  name = 'CreateGuarantees1764600000100';

  async up(q: QueryRunner): Promise<void> {
    // A project's guarantee settings, known from ProjectRegistered (its county, for the scope); defaults until the project office sets them.
    await q.query(`CREATE TABLE guarantees.project_settings (
      project_id uuid PRIMARY KEY,
      county_code char(6) NOT NULL,
      household_limit int NOT NULL CHECK (household_limit >= 1),
      deadline_days int NOT NULL CHECK (deadline_days >= 1),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE guarantees.guarantees (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL UNIQUE,
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      mother_name_masked text NOT NULL,
      mother_id_masked text NOT NULL,
      mother_id_hash text,
      status text NOT NULL,
      reopened boolean NOT NULL DEFAULT false,
      household_limit int NOT NULL,
      deadline_days int NOT NULL,
      opened_on date NOT NULL,
      deadline date NOT NULL,
      effective_on date,
      lapsed_on date,
      reopened_on date,
      loan_id uuid,
      invoked_on date,
      overdue_fen bigint,
      outcome text,
      ended_on date,
      household_id_hash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX guarantees_open_by_deadline ON guarantees.guarantees (deadline) WHERE status = 'open'`);
    await q.query(`CREATE INDEX guarantees_held_by_household ON guarantees.guarantees (household_id_hash) WHERE status IN (${HOLDING_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    await q.query(`CREATE INDEX guarantees_by_loan ON guarantees.guarantees (loan_id)`);
    await q.query(`CREATE INDEX guarantees_by_township ON guarantees.guarantees (township_code, created_at)`);
    await q.query(`CREATE TABLE guarantees.parties (
      id uuid PRIMARY KEY,
      guarantee_id uuid NOT NULL REFERENCES guarantees.guarantees (id),
      role text NOT NULL,
      current boolean NOT NULL,
      status text NOT NULL,
      party_name text NOT NULL,
      head_name_sealed text,
      id_number_sealed text,
      id_number_hash text,
      id_number_masked text,
      phone_sealed text,
      phone_masked text,
      relation text,
      named_on date,
      signer_name text,
      signer_office text,
      signed_on date,
      declined_on date,
      decline_reason text,
      replaced_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX parties_one_current_per_role ON guarantees.parties (guarantee_id, role) WHERE current`);
    await q.query(`CREATE INDEX parties_by_household ON guarantees.parties (id_number_hash) WHERE id_number_hash IS NOT NULL`);
    await q.query(`CREATE TABLE guarantees.demands (
      id uuid PRIMARY KEY,
      guarantee_id uuid NOT NULL REFERENCES guarantees.guarantees (id),
      party_id uuid NOT NULL REFERENCES guarantees.parties (id),
      role text NOT NULL,
      loan_id uuid NOT NULL,
      demanded_on date NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      channel text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX demands_by_guarantee ON guarantees.demands (guarantee_id)`);
    await q.query(`CREATE TABLE guarantees.payments (
      id uuid PRIMARY KEY,
      guarantee_id uuid NOT NULL REFERENCES guarantees.guarantees (id),
      role text NOT NULL,
      repayment_id uuid NOT NULL UNIQUE,
      loan_id uuid NOT NULL,
      paid_on date NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX payments_by_guarantee ON guarantees.payments (guarantee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['payments', 'demands', 'parties', 'guarantees', 'project_settings']) await q.query(`DROP TABLE guarantees.${table}`);
  }
}
