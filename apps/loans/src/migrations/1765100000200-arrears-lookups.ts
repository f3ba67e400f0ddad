import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the arrears sweep's lookups need once it touches only the loans that change:
 * - statistics on instalments_ageing's key (a partial expression index gets none of its own),
 *   so the planner sees that few instalments are due for a look and uses the index;
 * - loans_in_arrears by next_due_date: the sweep sets back to current the loans stored in
 *   arrears whose oldest unpaid instalment is no longer due (next_due_date after the date, or
 *   none), a range at the end of this index instead of a heap visit to every loan in arrears;
 * - loans_defaulting: active loans by their oldest unpaid due date, so the look for loans old
 *   enough to default reads those only, not the defaulted ones (thousands in a large book).
 */
export class ArrearsLookups1765100000200 implements MigrationInterface {
  name = 'ArrearsLookups1765100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE STATISTICS loans.instalments_ageing_key ON (COALESCE(ages_on, due_date + 1)) FROM loans.instalments`);
    await q.query(`DROP INDEX IF EXISTS loans.loans_in_arrears`);
    await q.query(`CREATE INDEX loans_in_arrears ON loans.loans (next_due_date) WHERE days_past_due > 0 AND status IN ('active', 'defaulted')`);
    await q.query(`CREATE INDEX loans_defaulting ON loans.loans (next_due_date) WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS loans.loans_defaulting`);
    await q.query(`DROP INDEX IF EXISTS loans.loans_in_arrears`);
    await q.query(`CREATE INDEX loans_in_arrears ON loans.loans (id) WHERE days_past_due > 0 AND status IN ('active', 'defaulted')`);
    await q.query(`DROP STATISTICS IF EXISTS loans.instalments_ageing_key`);
  }
}
