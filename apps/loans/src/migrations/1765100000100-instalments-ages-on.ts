import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The arrears sweep looks at an unpaid instalment only on the business date its state can next
 * change (domain/arrears-ageing agesOn): the day it enters its next bucket, or the next day while
 * a subsidy is being lost; 'infinity' once nothing is left to change. Never looked at yet (a new
 * schedule, a pause just recorded): NULL, read as the day after its due date. The partial index
 * holds only unpaid instalments of current schedules, keyed by that date, so a sweep reads the
 * few that change on its date instead of every instalment due, and a paid one leaves it.
 *
 * Days past due are not kept fresh in the rows any more: they are computed when read
 * (domain/arrears standingOn). Existing rows start NULL, so the first sweep looks at every
 * instalment fallen due once and stores its date.
 */
export class InstalmentsAgesOn1765100000100 implements MigrationInterface {
  name = 'InstalmentsAgesOn1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loans.instalments ADD COLUMN ages_on date`);
    await q.query(`CREATE INDEX instalments_ageing ON loans.instalments ((COALESCE(ages_on, due_date + 1)), loan_id) WHERE paid_on IS NULL AND NOT superseded`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS loans.instalments_ageing`);
    await q.query(`ALTER TABLE loans.instalments DROP COLUMN IF EXISTS ages_on`);
  }
}
