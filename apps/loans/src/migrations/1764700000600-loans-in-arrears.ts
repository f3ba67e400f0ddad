import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loans the arrears sweep must set back to current: in arrears on their last ageing, but
 * whose overdue instalments have since been paid (their next_due_date moved past the date, so
 * loans_due_for_ageing no longer finds them). Few at any time, so a small partial index.
 */
export class LoansInArrears1764700000600 implements MigrationInterface {
  name = 'LoansInArrears1764700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX loans_in_arrears ON loans.loans (id) WHERE days_past_due > 0 AND status IN ('active', 'defaulted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS loans.loans_in_arrears`);
  }
}
