import { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES = ['due_fen', 'due_principal_fen', 'paid_fen'];
const KEY = 'project_id, county_code, township_code, round, due_date';

/**
 * reporting.due_township_cells — PK (project_id, county_code, township_code, round, due_date): the
 * figures of due_cells (due_fen, due_principal_fen, paid_fen; see 1765000000100) rolled up over
 * village, industry, model, partner and the loans' disbursement month, kept by the same writer in
 * the same transaction as due_cells. 回收率 groups by the month instalments fall due
 * (to_char(due_date)), never by the cohort month, so a recovery report whose groupBy and filters
 * use only project, county, township, round and month reads this: a row per township and due day
 * instead of one per village cohort and due day (12,000,000 due cells over a million loans, each
 * disbursed on its own day).
 */
export class DueTownshipCells1765000000300 implements MigrationInterface {
  name = 'DueTownshipCells1765000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reporting.due_township_cells (
      project_id uuid NOT NULL,
      county_code text NOT NULL,
      township_code text NOT NULL,
      round int NOT NULL,
      due_date date NOT NULL,
      ${FIGURES.map((f) => `${f} bigint NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (${KEY})
    )`);
    // An officer's report reads one township: without this it would scan every township's due days.
    await q.query(`CREATE INDEX due_township_cells_by_township ON reporting.due_township_cells (township_code, due_date)`);
    // In step with the due cells an existing database already holds.
    await q.query(`INSERT INTO reporting.due_township_cells (${KEY}, ${FIGURES.join(', ')})
      SELECT ${KEY}, ${FIGURES.map((f) => `sum(${f})`).join(', ')}
        FROM reporting.due_cells GROUP BY ${KEY}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reporting.due_township_cells');
  }
}
