/** The programme's arrears buckets, best to worst (as loans' sweep names them). */
export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function bucketRank(bucket: string | null): number {
  const rank = BUCKETS.indexOf((bucket ?? 'current') as Bucket);
  return rank < 0 ? 0 : rank;
}

/** The worse of two buckets. */
export function worseBucket(a: Bucket, b: Bucket): Bucket {
  return bucketRank(b) > bucketRank(a) ? b : a;
}

/** PAR1: any instalment ≥ 1 day late; PAR30: > 30 days (31-60 or worse); PAR90: > 90 days (90+). */
export function atRisk(bucket: Bucket): { par1: boolean; par30: boolean; par90: boolean } {
  const rank = bucketRank(bucket);
  return { par1: rank >= bucketRank('1-30'), par30: rank >= bucketRank('31-60'), par90: rank >= bucketRank('90+') };
}
