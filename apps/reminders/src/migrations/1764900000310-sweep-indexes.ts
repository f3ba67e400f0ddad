import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily sweep asks each read-model table for the subjects whose date one of its offsets
 * reaches (`<date column> = ANY(<a few dates>)`), every business date and once per missed day on
 * a catch-up: an index on that date for the tables the first migration left without one, so a
 * sweep reads a few rows, not every loan and guarantee, however many the programme holds.
 */
export class SweepIndexes1764900000310 implements MigrationInterface {
  name = 'SweepIndexes1764900000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX loans_by_defaulted_on ON reminders.loans (defaulted_on) WHERE defaulted_on IS NOT NULL`);
    await q.query(`CREATE INDEX guarantee_demands_by_demanded_on ON reminders.guarantee_demands (demanded_on)`);
    await q.query(`CREATE INDEX guarantees_by_deadline ON reminders.guarantees (deadline)`);
    await q.query(`CREATE INDEX notices_by_end_date ON reminders.notices (end_date)`);
    await q.query(`CREATE INDEX expected_buybacks_by_expected_on ON reminders.expected_buybacks (expected_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['expected_buybacks_by_expected_on', 'notices_by_end_date', 'guarantees_by_deadline', 'guarantee_demands_by_demanded_on', 'loans_by_defaulted_on']) {
      await q.query(`DROP INDEX IF EXISTS reminders.${index}`);
    }
  }
}
