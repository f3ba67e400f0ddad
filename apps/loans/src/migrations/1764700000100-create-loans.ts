import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loans service: projects (known from ProjectRegistered) and their revolving funds, the
 * double-entry ledger, loans with their schedules, repayments, arrears pauses and history.
 * Fen are integer (a loan is at most tens of thousands of yuan); ledger amounts are bigint
 * (a national fund's contributions are not).
 */
export class CreateLoans1764700000100 implements MigrationInterface {
  name = 'CreateLoans1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loans.projects (
      project_id uuid PRIMARY KEY,
      county_code char(6) NOT NULL,
      name text NOT NULL,
      charge_kind text NOT NULL,
      rate_basis_points int NOT NULL CHECK (rate_basis_points >= 0),
      default_threshold_days int NOT NULL DEFAULT 90 CHECK (default_threshold_days >= 1),
      interest_subsidy_basis_points int NOT NULL DEFAULT 0 CHECK (interest_subsidy_basis_points >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // One fund per project. Its row is the lock a disbursement takes (last) to see the available balance.
    await q.query(`CREATE TABLE loans.funds (
      project_id uuid PRIMARY KEY REFERENCES loans.projects (project_id),
      county_code char(6) NOT NULL,
      opened_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE loans.contributions (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES loans.funds (project_id),
      source text NOT NULL,
      stage text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      contributed_on date NOT NULL,
      round int CHECK (round >= 1),
      note text,
      recorded_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX contributions_by_project ON loans.contributions (project_id, contributed_on)`);

    await q.query(`CREATE TABLE loans.ledger_entries (
      id uuid PRIMARY KEY,
      seq bigserial UNIQUE,
      project_id uuid NOT NULL REFERENCES loans.funds (project_id),
      kind text NOT NULL,
      entry_date date NOT NULL,
      round int,
      loan_id uuid,
      source_id uuid,
      corrects_entry_id uuid REFERENCES loans.ledger_entries (id),
      memo text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, source_id)
    )`);
    await q.query(`CREATE INDEX ledger_entries_by_project ON loans.ledger_entries (project_id, seq)`);
    await q.query(`CREATE INDEX ledger_entries_by_loan ON loans.ledger_entries (loan_id) WHERE loan_id IS NOT NULL`);
    await q.query(`CREATE TABLE loans.ledger_lines (
      entry_id uuid NOT NULL REFERENCES loans.ledger_entries (id),
      line_no int NOT NULL,
      project_id uuid NOT NULL,
      account text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
      round int,
      PRIMARY KEY (entry_id, line_no)
    )`);
    // The fund's balances are sums of lines per account: an index-only scan, no shared balance row to queue on.
    await q.query(`CREATE INDEX ledger_lines_by_account ON loans.ledger_lines (project_id, account) INCLUDE (amount_fen, round)`);
    // Every entry balances, checked by the database at commit (a bug in a handler cannot book half an entry).
    await q.query(`CREATE FUNCTION loans.ledger_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT COALESCE(SUM(amount_fen), 0) FROM loans.ledger_lines WHERE entry_id = NEW.entry_id) <> 0 THEN
          RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON loans.ledger_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION loans.ledger_entry_balances()`);
    // Never edited, never deleted: a correction is a new entry.
    await q.query(`CREATE FUNCTION loans.ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON loans.ledger_entries FOR EACH ROW EXECUTE FUNCTION loans.ledger_is_append_only()`);
    await q.query(`CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON loans.ledger_lines FOR EACH ROW EXECUTE FUNCTION loans.ledger_is_append_only()`);

    await q.query(`CREATE TABLE loans.loans (
      id uuid PRIMARY KEY,
      application_id uuid NOT NULL UNIQUE,
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      mother_name_masked text NOT NULL,
      id_number_masked text NOT NULL,
      id_number_hash text,
      industry text NOT NULL,
      model text NOT NULL,
      partner_id text,
      amount_fen int NOT NULL CHECK (amount_fen > 0),
      term_months int NOT NULL CHECK (term_months >= 1),
      repayment_plan jsonb NOT NULL,
      charge_kind text NOT NULL,
      rate_basis_points int NOT NULL DEFAULT 0,
      subsidy_basis_points int NOT NULL DEFAULT 0,
      grace_days int NOT NULL DEFAULT 0,
      disbursement_mode text NOT NULL,
      approved_on date NOT NULL,
      status text NOT NULL,
      guarantee_id uuid,
      guarantee_effective_on date,
      guarantee_invoked_on date,
      agreement_signed_on date,
      agreement_signed_by text,
      disbursed_on date,
      disbursed_by text,
      round int,
      cash_fen int,
      in_kind_fen int,
      in_kind jsonb,
      card_number_sealed text,
      card_number_masked text,
      maturity_date date,
      schedule_version int NOT NULL DEFAULT 0,
      principal_outstanding_fen int NOT NULL DEFAULT 0 CHECK (principal_outstanding_fen >= 0),
      principal_repaid_fen int NOT NULL DEFAULT 0,
      fee_paid_fen int NOT NULL DEFAULT 0,
      written_off_fen int NOT NULL DEFAULT 0,
      postings_count int NOT NULL DEFAULT 0,
      days_past_due int NOT NULL DEFAULT 0,
      bucket text NOT NULL DEFAULT 'current',
      next_due_date date,
      aged_on date,
      defaulted_on date,
      repaid_on date,
      written_off_on date,
      write_off_reason text,
      write_off_override_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The arrears sweep reads only loans with an instalment due or overdue, in keyset order.
    await q.query(`CREATE INDEX loans_due_for_ageing ON loans.loans (next_due_date, id) WHERE status IN ('active', 'defaulted')`);
    await q.query(`CREATE INDEX loans_by_project ON loans.loans (project_id, status)`);
    await q.query(`CREATE INDEX loans_by_township ON loans.loans (township_code, created_at)`);

    await q.query(`CREATE TABLE loans.instalments (
      loan_id uuid NOT NULL REFERENCES loans.loans (id),
      schedule_version int NOT NULL,
      seq int NOT NULL,
      due_date date NOT NULL,
      principal_fen int NOT NULL CHECK (principal_fen >= 0),
      fee_fen int NOT NULL CHECK (fee_fen >= 0),
      -- Interest the mother owes because the subsidy (贴息) stopped while the instalment was overdue.
      subsidy_lost_fen int NOT NULL DEFAULT 0 CHECK (subsidy_lost_fen >= 0),
      principal_paid_fen int NOT NULL DEFAULT 0 CHECK (principal_paid_fen >= 0),
      fee_paid_fen int NOT NULL DEFAULT 0 CHECK (fee_paid_fen >= 0),
      paid_on date,
      days_past_due int NOT NULL DEFAULT 0,
      bucket text NOT NULL DEFAULT 'current',
      -- A reschedule supersedes the unpaid schedule; the old rows stay as history.
      superseded boolean NOT NULL DEFAULT false,
      PRIMARY KEY (loan_id, schedule_version, seq),
      CHECK (principal_paid_fen <= principal_fen)
    )`);
    await q.query(`CREATE INDEX instalments_unpaid ON loans.instalments (loan_id, due_date) WHERE paid_on IS NULL AND NOT superseded`);

    await q.query(`CREATE TABLE loans.repayments (
      id uuid PRIMARY KEY,
      loan_id uuid NOT NULL REFERENCES loans.loans (id),
      project_id uuid NOT NULL,
      paid_on date NOT NULL,
      amount_fen int NOT NULL CHECK (amount_fen > 0),
      fee_fen int NOT NULL CHECK (fee_fen >= 0),
      principal_fen int NOT NULL CHECK (principal_fen >= 0),
      source text NOT NULL,
      guarantor_role text,
      reference text,
      -- A posting caused by an event (a buyback, a guarantor payment) is keyed by that event's id.
      source_event_id uuid UNIQUE,
      allocation jsonb NOT NULL,
      posted_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX repayments_by_loan ON loans.repayments (loan_id, created_at DESC)`);

    await q.query(`CREATE TABLE loans.arrears_pauses (
      id uuid PRIMARY KEY,
      loan_id uuid NOT NULL REFERENCES loans.loans (id),
      from_date date NOT NULL,
      to_date date NOT NULL,
      reason text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_date >= from_date)
    )`);
    await q.query(`CREATE INDEX arrears_pauses_by_loan ON loans.arrears_pauses (loan_id, from_date)`);

    await q.query(`CREATE TABLE loans.loan_history (
      id bigserial PRIMARY KEY,
      loan_id uuid NOT NULL REFERENCES loans.loans (id),
      step text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      business_date date NOT NULL,
      actor text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX loan_history_by_loan ON loans.loan_history (loan_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['loan_history', 'arrears_pauses', 'repayments', 'instalments', 'loans', 'ledger_lines', 'ledger_entries', 'contributions', 'funds', 'projects']) {
      await q.query(`DROP TABLE IF EXISTS loans.${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS loans.ledger_entry_balances()`);
    await q.query(`DROP FUNCTION IF EXISTS loans.ledger_is_append_only()`);
  }
}
