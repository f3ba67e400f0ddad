import { ClientBase } from 'pg';

/**
 * The baseline: the portfolio by township computed straight from the fact tables, as a report
 * would without cells — every loan (with its outstanding principal and PAR), every application
 * with its follow-up, every buyback, aggregated per township on each request. The same figures as the cells give.
 */
export const BARE_PORTFOLIO_BY_TOWNSHIP = `
  WITH l AS (
    SELECT township_code,
      CASE WHEN status IN ('repaid', 'written_off') THEN 0 ELSE greatest(0, principal_fen - repaid_principal_fen - written_off_fen) END AS outstanding,
      principal_fen, repaid_principal_fen, repaid_fee_fen, written_off_fen, status, bucket, defaulted_on
    FROM reporting.loans WHERE status IS NOT NULL
  ), loans AS (
    SELECT township_code, count(*) AS disbursed_count, sum(principal_fen) AS disbursed_fen, sum(repaid_principal_fen) AS repaid_principal_fen,
      sum(repaid_fee_fen) AS repaid_fee_fen, sum(outstanding) AS outstanding_fen, count(*) FILTER (WHERE outstanding > 0) AS active_count,
      count(*) FILTER (WHERE status = 'repaid') AS repaid_count,
      COALESCE(sum(outstanding) FILTER (WHERE bucket <> 'current'), 0) AS par1_fen,
      COALESCE(sum(outstanding) FILTER (WHERE bucket IN ('31-60', '61-90', '90+')), 0) AS par30_fen,
      COALESCE(sum(outstanding) FILTER (WHERE bucket = '90+'), 0) AS par90_fen,
      count(*) FILTER (WHERE defaulted_on IS NOT NULL) AS defaulted_count, count(*) FILTER (WHERE written_off_fen > 0) AS written_off_count,
      sum(written_off_fen) AS written_off_fen
    FROM l GROUP BY township_code
  ), applications AS (
    SELECT a.township_code, count(*) AS applicants, count(*) FILTER (WHERE a.eligible) AS eligible, count(*) FILTER (WHERE a.approved_on IS NOT NULL) AS approved,
      count(*) FILTER (WHERE a.rejected) AS rejected, count(*) FILTER (WHERE a.withdrawn) AS withdrawn, count(f.application_id) AS followed_up,
      count(*) FILTER (WHERE f.out_of_poverty) AS out_of_poverty, COALESCE(sum(f.first_income_fen), 0) AS first_income_fen, COALESCE(sum(f.latest_income_fen), 0) AS latest_income_fen
    FROM reporting.applications a LEFT JOIN reporting.follow_ups f USING (application_id) GROUP BY a.township_code
  ), buybacks AS (
    SELECT township_code, count(*) AS buyback_count, sum(gross_fen) AS buyback_gross_fen, sum(net_paid_fen + returned_fen) AS buyback_net_to_mother_fen
    FROM reporting.buybacks GROUP BY township_code
  )
  SELECT * FROM applications FULL JOIN loans USING (township_code) FULL JOIN buybacks USING (township_code) ORDER BY township_code`;

export interface BareRun {
  latenciesMs: number[];
  rows: Record<string, string>[];
  plan: string;
}

/** The baseline `runs` times on one warm connection (the first run warms the cache and is not counted). */
export async function runBareAggregate(db: ClientBase, runs: number): Promise<BareRun> {
  let rows = (await db.query(BARE_PORTFOLIO_BY_TOWNSHIP)).rows;
  const latenciesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = (await db.query(BARE_PORTFOLIO_BY_TOWNSHIP)).rows;
    latenciesMs.push(performance.now() - started);
  }
  const explained = await db.query(`EXPLAIN ${BARE_PORTFOLIO_BY_TOWNSHIP}`);
  const plan = explained.rows.map((r: Record<string, string>) => r['QUERY PLAN'].trim()).filter((line: string) => /Scan|Aggregate|Join/.test(line)).slice(0, 6).join(' / ');
  return { latenciesMs, rows, plan };
}
