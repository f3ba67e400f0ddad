import { ArrearsBucket, bucketDays } from '../../../domain/arrears';

/**
 * The list's bucket filter, on the business date: a loan's days past due as domain/arrears
 * standingOn counts them (days after its oldest unpaid due date, less the days of its pauses,
 * overlapping ones once; 0 within the grace), written as SQL so the filter, the count and the
 * paging run in the database. The bucket's day range comes from the domain (bucketDays), so
 * the floors live in one place; test/loans/arrears-reading checks the filter against the answer.
 */
export function bucketFilterSql(bucket: ArrearsBucket, asOfParam: string): { sql: string; params: Record<string, number> } {
  const { min, max } = bucketDays(bucket);
  const pausedDays = `(SELECT count(DISTINCT d) FROM loans.arrears_pauses p,
      generate_series(GREATEST(p.from_date, l.next_due_date + 1), LEAST(p.to_date, :${asOfParam}::date), interval '1 day') AS d
     WHERE p.loan_id = l.id AND p.to_date > l.next_due_date AND p.from_date <= :${asOfParam}::date)`;
  const unpaused = `(:${asOfParam}::date - l.next_due_date - ${pausedDays})`;
  const days = `(CASE WHEN l.next_due_date IS NULL OR l.next_due_date >= :${asOfParam}::date THEN 0 WHEN ${unpaused} > GREATEST(l.grace_days, 0) THEN ${unpaused} ELSE 0 END)`;
  const sql = max === null ? `${days} >= :bucketMin` : `${days} BETWEEN :bucketMin AND :bucketMax`;
  return { sql, params: max === null ? { bucketMin: min } : { bucketMin: min, bucketMax: max } };
}
