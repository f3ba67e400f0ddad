import { ClientBase } from 'pg';

/**
 * The reporting bench's read model, written by SQL (one INSERT … SELECT generate_series per
 * fact table, then the cells by one aggregate of those facts), so the figures depend only on
 * the report route and the baseline query, not on the consumers.
 *
 * The book: `loans` loans over 36 disbursement months (2024-01 … 2026-12), 20 counties (a project
 * each) × 10 townships × 10 villages. Each village works two industries and one partner model
 * (company ones with the county's partner), one round per year, as villages do: so a cell (village ×
 * industry × month …) holds several loans, as in the programme, rather than one each. Per hundred
 * loans: 3 defaulted (written off once 18 months old), 5 late (two 1–30 days, one each 31–60, 61–90,
 * 90+), the rest on time; 12-month terms, principal repaid pro rata with a 3% fee. One approved
 * application per loan, submitted the month before, plus one rejected per twenty; a third of the
 * mothers followed up; a buyback for every other loan of a company-model village. The cells (and
 * the township rollup) are then what the consumers would have made of those facts.
 */
export interface ReportingBook {
  loans: number;
}

export const COUNTIES = 20;
const TOWNSHIPS_PER_COUNTY = 10;
const VILLAGES_PER_TOWNSHIP = 10;
const VILLAGES = COUNTIES * TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP;
const MONTHS = 36;

/** An id that sorts in creation order (as bench/loans/seed.ts): prefix, then the row number. */
const uuidSql = (prefix: number, expr: string) => `(lpad(to_hex(${prefix}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
export const projectIdSql = (countyExpr: string) => `(lpad(to_hex(${countyExpr} + 1), 8, '0') || '-0000-4000-8000-000000000000')::uuid`;
const PREFIX = { loan: 0x31, application: 0x32, rejected: 0x33, buyback: 0x34 } as const;

/** The dims of loan `i`, as SQL expressions over the series column `i`. */
const dims = `
  (i / ${MONTHS}) % ${VILLAGES} AS v,
  i % ${MONTHS} AS m`;
const county = `((v / ${TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP}) + 230100)::text`;
const township = `${county} || lpad(((v / ${VILLAGES_PER_TOWNSHIP}) % ${TOWNSHIPS_PER_COUNTY})::text, 3, '0')`;
const village = `${township} || lpad((v % ${VILLAGES_PER_TOWNSHIP})::text, 3, '0')`;
const industry = `(ARRAY['pig','cattle','mushroom','chicken'])[1 + (v + (i / ${MONTHS * VILLAGES}) % 2) % 4]`;
const model = `(ARRAY['self','company','park'])[1 + v % 3]`;
const partner = `CASE WHEN v % 3 = 1 THEN 'partner-' || (v / ${TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP}) END`;
const project = projectIdSql(`(v / ${TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP})`);
const round = `1 + m / 12`;
const disbursedOn = `('2024-01-01'::date + make_interval(months => m) + ((i % 28) || ' days')::interval)::date`;

export async function seedReadModel(db: ClientBase, book: ReportingBook, progress: (line: string) => void): Promise<void> {
  // A loan's story from its row number: its age in months on 2026-12-01, its fate per hundred.
  await db.query(
    `INSERT INTO reporting.loans (loan_id, application_id, project_id, county_code, township_code, village_code, industry, model, partner_id, round,
       disbursed_on, disbursed_month, principal_fen, repaid_principal_fen, repaid_fee_fen, written_off_fen, status, bucket, bucket_as_of,
       defaulted_on, written_off_on, repaid_on, schedule_version)
     SELECT ${uuidSql(PREFIX.loan, 'i')}, ${uuidSql(PREFIX.application, 'i')}, ${project}, ${county}, ${township}, ${village}, ${industry}, ${model}, ${partner}, ${round},
       ${disbursedOn}, to_char(${disbursedOn}, 'YYYY-MM'), principal, repaid, repaid * 3 / 100, written_off,
       CASE WHEN written_off > 0 THEN 'written_off' WHEN fate = 'default' THEN 'defaulted' WHEN repaid = principal THEN 'repaid' ELSE 'active' END,
       CASE WHEN principal - repaid - written_off <= 0 THEN 'current' ELSE bucket END, '2026-11-30',
       CASE WHEN fate = 'default' THEN ${disbursedOn} + 200 END, CASE WHEN written_off > 0 THEN ${disbursedOn} + 400 END,
       CASE WHEN written_off = 0 AND fate <> 'default' AND repaid = principal THEN ${disbursedOn} + 365 END, 1
     FROM (
       SELECT i, v, m, principal, fate, bucket,
         CASE WHEN fate = 'default' THEN principal / 10 ELSE least(principal, principal * greatest(0, least(age, 12) - (fate = 'late')::int) / 12) END AS repaid,
         CASE WHEN fate = 'default' AND age >= 18 THEN principal - principal / 10 ELSE 0 END AS written_off
       FROM (
         SELECT i, ${dims}, 300000 + (i % 5) * 100000 AS principal, 35 - i % ${MONTHS} AS age,
           CASE WHEN i % 100 < 3 THEN 'default' WHEN i % 100 < 8 THEN 'late' ELSE 'on time' END AS fate,
           (ARRAY['90+','90+','90+','1-30','1-30','31-60','61-90','90+','current'])[1 + least(i % 100, 8)] AS bucket
         FROM generate_series(1, $1::int) AS i
       ) base
     ) loans`,
    [book.loans],
  );
  progress(`${book.loans} loans written`);
  await db.query(
    `INSERT INTO reporting.applications (application_id, project_id, county_code, township_code, village_code, industry, model, partner_id, round,
       submitted_on, month, requested_fen, screened_on, eligible, approved_on, amount_fen, status)
     SELECT ${uuidSql(PREFIX.application, 'i')}, ${project}, ${county}, ${township}, ${village}, ${industry}, ${model}, ${partner}, ${round},
       ${disbursedOn} - 40, to_char(${disbursedOn} - 40, 'YYYY-MM'), 500000, ${disbursedOn} - 35, true, ${disbursedOn} - 10, 500000, 'approved'
     FROM (SELECT i, ${dims} FROM generate_series(1, $1::int) AS i) base`,
    [book.loans],
  );
  await db.query(
    `INSERT INTO reporting.applications (application_id, project_id, county_code, township_code, village_code, industry, model, partner_id, round,
       submitted_on, month, requested_fen, screened_on, eligible, rejected, rejection_reason, status)
     SELECT ${uuidSql(PREFIX.rejected, 'i')}, ${project}, ${county}, ${township}, ${village}, ${industry}, ${model}, ${partner}, 0,
       ${disbursedOn} - 40, to_char(${disbursedOn} - 40, 'YYYY-MM'), 500000, ${disbursedOn} - 35, false, true, '收入超标', 'rejected'
     FROM (SELECT i, ${dims} FROM generate_series(1, $1::int / 20) AS j, LATERAL (SELECT j * 20 AS i) x) base`,
    [book.loans],
  );
  await db.query(
    `INSERT INTO reporting.follow_ups (application_id, visits, first_visited_on, first_income_fen, latest_visited_on, latest_income_fen, out_of_poverty)
     SELECT ${uuidSql(PREFIX.application, 'i')}, 2, '2025-01-10', 200000 + (i % 1000) * 100, '2026-06-10', 200000 + (i % 1000) * 100 + (i % 7) * 30000,
       200000 + (i % 1000) * 100 + (i % 7) * 30000 > 400000
     FROM generate_series(3, $1::int, 3) AS i`,
    [book.loans],
  );
  // A buyback for every other loan of a company-model village (the partner buys the pigs back), 15,000 yuan gross.
  await db.query(
    `INSERT INTO reporting.buybacks (buyback_id, application_id, partner_id, project_id, county_code, township_code, confirmed_on, month,
       gross_fen, stock_cost_fen, withheld_fen, net_paid_fen, returned_fen)
     SELECT ${uuidSql(PREFIX.buyback, 'i')}, ${uuidSql(PREFIX.application, 'i')}, ${partner}, ${project}, ${county}, ${township},
       ${disbursedOn} + 180, to_char(${disbursedOn} + 180, 'YYYY-MM'), 1500000, 200000, 300000, 1000000, i % 3 * 10000
     FROM (SELECT i, ${dims} FROM generate_series(2, $1::int, 2) AS i) base WHERE v % 3 = 1`,
    [book.loans],
  );
  progress('applications, follow-ups and buybacks written');
  await seedCells(db);
}

const CELL_KEY = 'project_id, county_code, township_code, village_code, industry, model, partner_id, round, month';

/**
 * The cells as the consumers keep them: each fact's share summed per key (loans, with their
 * buybacks, in their disbursement month; applications in their submission month), then the
 * township rollup from the cells.
 */
async function seedCells(db: ClientBase): Promise<void> {
  const outstanding = `CASE WHEN status IN ('repaid', 'written_off') THEN 0 ELSE greatest(0, principal_fen - repaid_principal_fen - written_off_fen) END`;
  await db.query(
    `INSERT INTO reporting.portfolio_cells (${CELL_KEY}, disbursed_count, disbursed_fen, repaid_principal_fen, repaid_fee_fen, written_off_count, written_off_fen,
       defaulted_count, repaid_count, active_count, principal_outstanding_fen, par1_count, par1_fen, par30_count, par30_fen, par90_count, par90_fen,
       buyback_count, buyback_gross_fen, buyback_net_to_mother_fen)
     SELECT project_id, county_code, township_code, village_code, industry, model, COALESCE(partner_id, ''), round, disbursed_month,
       count(*), sum(principal_fen), sum(repaid_principal_fen), sum(repaid_fee_fen), count(*) FILTER (WHERE written_off_fen > 0), sum(written_off_fen),
       count(*) FILTER (WHERE defaulted_on IS NOT NULL), count(*) FILTER (WHERE status = 'repaid'), count(*) FILTER (WHERE ${outstanding} > 0), sum(${outstanding}),
       count(*) FILTER (WHERE ${outstanding} > 0 AND bucket <> 'current'), COALESCE(sum(${outstanding}) FILTER (WHERE bucket <> 'current'), 0),
       count(*) FILTER (WHERE ${outstanding} > 0 AND bucket IN ('31-60', '61-90', '90+')), COALESCE(sum(${outstanding}) FILTER (WHERE bucket IN ('31-60', '61-90', '90+')), 0),
       count(*) FILTER (WHERE ${outstanding} > 0 AND bucket = '90+'), COALESCE(sum(${outstanding}) FILTER (WHERE bucket = '90+'), 0),
       COALESCE(sum(b.n), 0), COALESCE(sum(b.gross), 0), COALESCE(sum(b.net), 0)
     FROM reporting.loans LEFT JOIN (
       SELECT application_id, count(*) AS n, sum(gross_fen) AS gross, sum(net_paid_fen + returned_fen) AS net FROM reporting.buybacks GROUP BY application_id
     ) b USING (application_id)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
  await db.query(
    `INSERT INTO reporting.portfolio_cells AS c (${CELL_KEY}, applicants, eligible, approved, rejected, withdrawn, followed_up, out_of_poverty, first_income_fen, latest_income_fen)
     SELECT a.project_id, a.county_code, a.township_code, a.village_code, a.industry, a.model, COALESCE(a.partner_id, ''), a.round, a.month,
       count(*), count(*) FILTER (WHERE a.eligible), count(*) FILTER (WHERE a.approved_on IS NOT NULL), count(*) FILTER (WHERE a.rejected), count(*) FILTER (WHERE a.withdrawn),
       count(f.application_id), count(*) FILTER (WHERE f.out_of_poverty), COALESCE(sum(f.first_income_fen), 0), COALESCE(sum(f.latest_income_fen), 0)
     FROM reporting.applications a LEFT JOIN reporting.follow_ups f USING (application_id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ON CONFLICT (${CELL_KEY}) DO UPDATE SET applicants = EXCLUDED.applicants, eligible = EXCLUDED.eligible, approved = EXCLUDED.approved, rejected = EXCLUDED.rejected,
       withdrawn = EXCLUDED.withdrawn, followed_up = EXCLUDED.followed_up, out_of_poverty = EXCLUDED.out_of_poverty,
       first_income_fen = EXCLUDED.first_income_fen, latest_income_fen = EXCLUDED.latest_income_fen`,
  );
  const figures = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'portfolio_township_cells' AND data_type = 'bigint'`)).rows.map(
    (r: { column_name: string }) => r.column_name,
  );
  await db.query(
    `INSERT INTO reporting.portfolio_township_cells (project_id, county_code, township_code, round, month, ${figures.join(', ')})
     SELECT project_id, county_code, township_code, round, month, ${figures.map((f: string) => `sum(${f})`).join(', ')}
     FROM reporting.portfolio_cells GROUP BY 1, 2, 3, 4, 5`,
  );
}

/**
 * What falls due, for the recovery report: each loan's 12 monthly instalments (principal ÷ 12 and
 * its 3% fee) from a month after disbursement, summed into due_cells per cell and due date; an
 * instalment is paid when the loan's repaid principal covers it (oldest first), as the consumers allocate.
 */
export async function seedDueCells(db: ClientBase): Promise<void> {
  await db.query(
    `INSERT INTO reporting.due_cells (${CELL_KEY}, due_date, due_fen, due_principal_fen, paid_fen)
     SELECT project_id, county_code, township_code, village_code, industry, model, COALESCE(partner_id, ''), round, disbursed_month,
       (disbursed_on + make_interval(months => k))::date, sum(due), sum(principal_fen / 12), sum(CASE WHEN repaid_principal_fen >= k * (principal_fen / 12) THEN due ELSE 0 END)
     FROM (SELECT l.*, k, principal_fen / 12 + principal_fen / 12 * 3 / 100 AS due FROM reporting.loans l, generate_series(1, 12) AS k) i
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  );
  // The rollup the recovery route reads when it groups by township or coarser, as the writer keeps it.
  await db.query(
    `INSERT INTO reporting.due_township_cells (project_id, county_code, township_code, round, due_date, due_fen, due_principal_fen, paid_fen)
     SELECT project_id, county_code, township_code, round, due_date, sum(due_fen), sum(due_principal_fen), sum(paid_fen)
     FROM reporting.due_cells GROUP BY 1, 2, 3, 4, 5`,
  );
}
