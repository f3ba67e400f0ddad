import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the read model needs so that events in any order give the same state:
 * - `waiting_events`: an event whose record is not known yet (InstalmentPaid before its
 *   schedule, GuaranteeLapsed before GuaranteeOpened, a buyback before its delivery) waits here,
 *   named by what it waits for (`loan:<id>`, `schedule:<loanId>.v<n>`, …), and is applied when
 *   that record is written, in the order it came;
 * - `repayments` and `schedule_versions`: what postings covered is spread over the schedule that
 *   was current on their date (each version from its reschedule date to the next one's), from
 *   the stored sets, so it does not matter whether a posting or a reschedule is heard first;
 * - `loans.rescheduled_on`: a reschedule makes a defaulted loan active again, so whether a loan
 *   is defaulted is "latest default after latest reschedule", not the last event heard;
 * - `guarantees.status_rank` and `opened_deadline`: a guarantee's steps only go forward (open,
 *   lapsed, reopened, lapsed again, effective, invoked, released), so a late step never undoes a
 *   later one; the first deadline tells a second lapse from the first.
 */
export class ReadModelOrder1764900000300 implements MigrationInterface {
  name = 'ReadModelOrder1764900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminders.waiting_events (
      seq bigserial PRIMARY KEY,
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      waits_for text NOT NULL,
      envelope jsonb NOT NULL,
      parked_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consumer, event_id)
    )`);
    await q.query(`CREATE INDEX waiting_events_by_subject ON reminders.waiting_events (waits_for, seq)`);
    await q.query(`CREATE TABLE reminders.repayments (
      repayment_id uuid PRIMARY KEY,
      loan_id uuid NOT NULL,
      posted_on date NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0)
    )`);
    await q.query(`CREATE INDEX repayments_by_loan ON reminders.repayments (loan_id)`);
    await q.query(`CREATE TABLE reminders.schedule_versions (
      loan_id uuid NOT NULL,
      schedule_version int NOT NULL,
      -- The reschedule date; NULL for the first schedule, current from the start.
      starts_on date,
      PRIMARY KEY (loan_id, schedule_version)
    )`);
    await q.query(`ALTER TABLE reminders.loans ADD COLUMN rescheduled_on date`);
    await q.query(`ALTER TABLE reminders.guarantees ADD COLUMN status_rank smallint NOT NULL DEFAULT 0, ADD COLUMN opened_deadline date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminders.guarantees DROP COLUMN opened_deadline, DROP COLUMN status_rank`);
    await q.query(`ALTER TABLE reminders.loans DROP COLUMN rescheduled_on`);
    await q.query(`DROP TABLE IF EXISTS reminders.schedule_versions`);
    await q.query(`DROP TABLE IF EXISTS reminders.repayments`);
    await q.query(`DROP TABLE IF EXISTS reminders.waiting_events`);
  }
}
