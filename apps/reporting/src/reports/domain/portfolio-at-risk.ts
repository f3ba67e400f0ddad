import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/** The arrears buckets the loans service ages a loan into, by its most overdue instalment (as the contracts name them). */
export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** The fewest days late a loan of the bucket has: 90+ means more than 90 (91 or more), as the loans service ages. */
const FEWEST_DAYS_LATE: Record<Bucket, number> = { current: 0, '1-30': 1, '31-60': 31, '61-90': 61, '90+': 91 };

/**
 * PAR1: any instalment at least 1 day late; PAR30: more than 30 days late; PAR90: more than 90.
 * Each threshold falls on a bucket boundary, so a bucket is wholly at risk or wholly not.
 */
export const PAR_DAYS_LATE = { par1: 1, par30: 31, par90: 91 } as const;
export type ParMeasure = keyof typeof PAR_DAYS_LATE;

export function isAtRisk(bucket: Bucket, measure: ParMeasure): boolean {
  return FEWEST_DAYS_LATE[bucket] >= PAR_DAYS_LATE[measure];
}

/** Outstanding principal (fen) per bucket of the loans' worst instalment. */
export type OutstandingByBucket = Record<Bucket, Fen>;

/** PARn = outstanding principal of the loans at risk ÷ all outstanding principal (a written-off loan owes none). */
export function portfolioAtRisk(outstanding: OutstandingByBucket, measure: ParMeasure): Ratio {
  const all = BUCKETS.reduce((sum, b) => sum + outstanding[b], 0);
  const atRisk = BUCKETS.filter((b) => isAtRisk(b, measure)).reduce((sum, b) => sum + outstanding[b], 0);
  return ratioOf(atRisk, all);
}
