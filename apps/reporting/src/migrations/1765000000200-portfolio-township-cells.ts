import { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES = [
  'applicants', 'eligible', 'approved', 'rejected', 'withdrawn', 'followed_up', 'out_of_poverty', 'first_income_fen', 'latest_income_fen',
  'disbursed_count', 'disbursed_fen', 'repaid_principal_fen', 'repaid_fee_fen', 'written_off_count', 'written_off_fen', 'defaulted_count',
  'repaid_count', 'active_count', 'principal_outstanding_fen', 'par1_count', 'par1_fen', 'par30_count', 'par30_fen', 'par90_count', 'par90_fen',
  'buyback_count', 'buyback_gross_fen', 'buyback_net_to_mother_fen',
];

/**
 * Two additions to the cells of 1765000000100 (see its header for every figure):
 *
 * - Buybacks in the portfolio cells, through the loan of the buyback's application (its dims, month = the
 *   loan's disbursement month, like the loan's other sums; counted once the loan is disbursed):
 *   - buyback_count              confirmed buybacks
 *   - buyback_gross_fen          Σ gross (weight × price)
 *   - buyback_net_to_mother_fen  Σ net paid to her by the partner + what loans returned of the withholding
 *     (BuybackExcessReturned)
 * - reporting.portfolio_township_cells — PK (project_id, county_code, township_code, round, month): the same
 *   figures as portfolio_cells rolled up over village, industry, model and partner, kept by the same writer
 *   in the same transaction. A report whose groupBy and filters use only those five dims reads it: a few
 *   thousand rows instead of every village × industry × partner cohort.
 */
export class PortfolioTownshipCells1765000000200 implements MigrationInterface {
  name = 'PortfolioTownshipCells1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting.portfolio_cells
      ADD COLUMN buyback_count bigint NOT NULL DEFAULT 0,
      ADD COLUMN buyback_gross_fen bigint NOT NULL DEFAULT 0,
      ADD COLUMN buyback_net_to_mother_fen bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE TABLE reporting.portfolio_township_cells (
      project_id uuid NOT NULL,
      county_code text NOT NULL,
      township_code text NOT NULL,
      round int NOT NULL,
      month char(7) NOT NULL,
      ${FIGURES.map((f) => `${f} bigint NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (project_id, county_code, township_code, round, month)
    )`);
    // In step with the cells an existing database already holds.
    await q.query(`INSERT INTO reporting.portfolio_township_cells (project_id, county_code, township_code, round, month, ${FIGURES.join(', ')})
      SELECT project_id, county_code, township_code, round, month, ${FIGURES.map((f) => `sum(${f})`).join(', ')}
        FROM reporting.portfolio_cells GROUP BY project_id, county_code, township_code, round, month`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reporting.portfolio_township_cells');
    await q.query('ALTER TABLE reporting.portfolio_cells DROP COLUMN buyback_count, DROP COLUMN buyback_gross_fen, DROP COLUMN buyback_net_to_mother_fen');
  }
}
