import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reminders knows, fed only by events (each once, through the inbox), and what it sent.
 *
 * - The read model: mothers (from ApplicationApproved: masked name, sealed phone, a keyed hash
 *   of the phone so messages can be merged per phone without opening it), loans and their
 *   current instalments, arrears pauses, guarantees and their demands, public notices,
 *   expected buybacks and follow-up visits.
 * - `reminders`: one row per reminder the sweep found due, keyed by its deterministic id
 *   (`<kind>-<subject>-<offset>`, the BullMQ job id too). PostgreSQL is the record: a job lost
 *   with Redis is enqueued again from the rows still `scheduled`.
 * - `messages`: what went to one recipient through one channel on one day (several reminders
 *   merged into one SMS), with the gateway's answer. Unique per phone and day: at most one SMS.
 * - `tasks`: the officer's (and project office's, and partner's) in-app list.
 *
 * Never a phone in clear: sealed with the PII key, shown masked.
 */
export class CreateReminders1764900000100 implements MigrationInterface {
  name = 'CreateReminders1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminders.project_settings (
      project_id uuid PRIMARY KEY,
      county_code char(6) NOT NULL,
      follow_up_interval_days int NOT NULL DEFAULT 90 CHECK (follow_up_interval_days BETWEEN 1 AND 366),
      templates jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE reminders.mothers (
      application_id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      name_masked text NOT NULL,
      phone_masked text NOT NULL,
      phone_sealed text NOT NULL,
      phone_hash char(64) NOT NULL,
      partner_id text,
      approved_on date NOT NULL
    )`);
    await q.query(`CREATE TABLE reminders.loans (
      loan_id uuid PRIMARY KEY,
      application_id uuid NOT NULL,
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'repaid', 'defaulted', 'written_off')),
      schedule_version int NOT NULL DEFAULT 1,
      disbursed_on date,
      defaulted_on date,
      closed_on date
    )`);
    await q.query(`CREATE INDEX loans_by_application ON reminders.loans (application_id)`);
    await q.query(`CREATE TABLE reminders.instalments (
      loan_id uuid NOT NULL REFERENCES reminders.loans (loan_id),
      schedule_version int NOT NULL,
      seq int NOT NULL,
      due_date date NOT NULL,
      due_fen bigint NOT NULL CHECK (due_fen >= 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
      paid_on date,
      overdue_since date,
      PRIMARY KEY (loan_id, schedule_version, seq)
    )`);
    // The sweep asks "which unpaid instalments fall due around this date": due_date first.
    await q.query(`CREATE INDEX instalments_unpaid_by_due ON reminders.instalments (due_date, loan_id) WHERE paid_on IS NULL`);
    await q.query(`CREATE TABLE reminders.arrears_pauses (
      pause_id uuid PRIMARY KEY,
      loan_id uuid NOT NULL,
      from_date date NOT NULL,
      to_date date NOT NULL
    )`);
    await q.query(`CREATE INDEX arrears_pauses_by_loan ON reminders.arrears_pauses (loan_id)`);
    await q.query(`CREATE TABLE reminders.guarantees (
      guarantee_id uuid PRIMARY KEY,
      application_id uuid NOT NULL,
      project_id uuid NOT NULL,
      county_code char(6) NOT NULL,
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      deadline date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'effective', 'lapsed', 'invoked', 'released')),
      household_phone_sealed text,
      household_phone_hash char(64)
    )`);
    await q.query(`CREATE INDEX guarantees_by_application ON reminders.guarantees (application_id)`);
    await q.query(`CREATE TABLE reminders.guarantee_demands (
      demand_id uuid PRIMARY KEY,
      guarantee_id uuid NOT NULL,
      loan_id uuid NOT NULL,
      role text NOT NULL,
      party_name text NOT NULL,
      liability_fen bigint NOT NULL,
      demanded_on date NOT NULL,
      channel text NOT NULL,
      phone_sealed text,
      phone_hash char(64)
    )`);
    await q.query(`CREATE TABLE reminders.notices (
      notice_id uuid PRIMARY KEY,
      county_code char(6),
      township_code char(9) NOT NULL,
      village_code char(12) NOT NULL,
      end_date date NOT NULL,
      closed_on date
    )`);
    await q.query(`CREATE TABLE reminders.expected_buybacks (
      enrolment_id uuid PRIMARY KEY,
      application_id uuid NOT NULL,
      project_id uuid NOT NULL,
      partner_id uuid NOT NULL,
      township_code char(9) NOT NULL,
      expected_on date NOT NULL,
      bought_on date
    )`);
    await q.query(`CREATE TABLE reminders.follow_ups (
      application_id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      township_code char(9) NOT NULL,
      last_visit_on date NOT NULL,
      next_due_on date NOT NULL
    )`);
    await q.query(`CREATE INDEX follow_ups_by_due ON reminders.follow_ups (next_due_on)`);

    await q.query(`CREATE TABLE reminders.reminders (
      id text PRIMARY KEY,
      kind text NOT NULL,
      subject_id text NOT NULL,
      "offset" text NOT NULL,
      due_on date NOT NULL,
      swept_on date NOT NULL,
      recipient_role text NOT NULL CHECK (recipient_role IN ('mother', 'guarantor', 'officer', 'project_manager', 'partner')),
      recipient_name text,
      channel text NOT NULL CHECK (channel IN ('sms', 'log', 'task')),
      phone_sealed text,
      phone_hash char(64),
      project_id uuid,
      county_code char(6),
      township_code char(9),
      partner_id text,
      loan_id uuid,
      facts jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'sending', 'sent', 'skipped_stale', 'skipped_paid', 'skipped_paused', 'skipped_closed', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      message_id text,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX reminders_open ON reminders.reminders (due_on) WHERE status IN ('scheduled', 'sending')`);
    await q.query(`CREATE INDEX reminders_by_loan ON reminders.reminders (loan_id, due_on)`);
    await q.query(`CREATE INDEX reminders_by_phone_day ON reminders.reminders (phone_hash, due_on) WHERE phone_hash IS NOT NULL`);
    await q.query(`CREATE TABLE reminders.messages (
      id text PRIMARY KEY,
      channel text NOT NULL,
      recipient_role text NOT NULL,
      phone_hash char(64),
      send_day date NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      gateway_answer jsonb,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // At most one SMS a day per phone number.
    await q.query(`CREATE UNIQUE INDEX one_sms_per_phone_per_day ON reminders.messages (phone_hash, send_day) WHERE channel = 'sms'`);
    await q.query(`CREATE TABLE reminders.tasks (
      id uuid PRIMARY KEY,
      reminder_id text NOT NULL UNIQUE REFERENCES reminders.reminders (id),
      recipient_role text NOT NULL,
      county_code char(6),
      township_code char(9),
      partner_id text,
      title text NOT NULL,
      body text NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      done_by uuid,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX tasks_open_by_township ON reminders.tasks (township_code, due_on) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'messages', 'reminders', 'follow_ups', 'expected_buybacks', 'notices', 'guarantee_demands', 'guarantees', 'arrears_pauses', 'instalments', 'loans', 'mothers', 'project_settings']) {
      await q.query(`DROP TABLE IF EXISTS reminders.${table}`);
    }
  }
}
