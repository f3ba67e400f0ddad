import { Fen } from '@xingfu/kernel';
import { defaultRate } from './default-rate';
import { outstandingFen } from './outstanding';
import { averageIncomeChangeFen, outOfPovertyRate } from './poverty';
import { BUCKETS, OutstandingByBucket, portfolioAtRisk } from './portfolio-at-risk';
import { Ratio } from './ratio';
import { recoveryRate } from './recovery';

/**
 * What the read model adds up for a group of the portfolio (a township, a month, …): counts
 * and fen only, so groups add up by plain sums and every rate is computed once, here, from
 * the sums (a rate of a total is never an average of rates).
 */
export interface PortfolioSums {
  applicants: number;
  eligible: number;
  approved: number;
  rejected: number;
  disbursedLoans: number;
  disbursedFen: Fen;
  repaidPrincipalFen: Fen;
  repaidFeeFen: Fen;
  /** Instalments (principal + fee) due on or before the as-of date. */
  fallenDueFen: Fen;
  /** Of the repaid principal and fee, what paid instalments fallen due (per loan at most its fallen due). */
  repaidOfDueFen: Fen;
  outstandingByBucket: OutstandingByBucket;
  defaultedLoans: number;
  writtenOffFen: Fen;
  buybackGrossFen: Fen;
  buybackNetToMotherFen: Fen;
  followedUpMothers: number;
  outOfPovertyMothers: number;
  incomeChangeFen: Fen;
}

export interface PortfolioFigures {
  applicants: number;
  eligible: number;
  approved: number;
  rejected: number;
  disbursedLoans: number;
  disbursedFen: Fen;
  outstandingFen: Fen;
  fallenDueFen: Fen;
  repaidFen: Fen;
  repaidOfDueFen: Fen;
  recovery: Ratio;
  par1: Ratio;
  par30: Ratio;
  par90: Ratio;
  defaultedLoans: number;
  defaultRate: Ratio;
  writtenOffFen: Fen;
  buybackGrossFen: Fen;
  buybackNetToMotherFen: Fen;
  followedUpMothers: number;
  outOfPovertyMothers: number;
  outOfPoverty: Ratio;
  incomeChangeFen: Fen;
  averageIncomeChangeFen: Fen | null;
}

export function portfolioFigures(s: PortfolioSums): PortfolioFigures {
  return {
    applicants: s.applicants,
    eligible: s.eligible,
    approved: s.approved,
    rejected: s.rejected,
    disbursedLoans: s.disbursedLoans,
    disbursedFen: s.disbursedFen,
    outstandingFen: outstandingFen(s.disbursedFen, s.repaidPrincipalFen, s.writtenOffFen),
    fallenDueFen: s.fallenDueFen,
    repaidFen: s.repaidPrincipalFen + s.repaidFeeFen,
    repaidOfDueFen: s.repaidOfDueFen,
    recovery: recoveryRate(s.repaidOfDueFen, s.fallenDueFen),
    par1: portfolioAtRisk(s.outstandingByBucket, 'par1'),
    par30: portfolioAtRisk(s.outstandingByBucket, 'par30'),
    par90: portfolioAtRisk(s.outstandingByBucket, 'par90'),
    defaultedLoans: s.defaultedLoans,
    defaultRate: defaultRate(s.defaultedLoans, s.disbursedLoans),
    writtenOffFen: s.writtenOffFen,
    buybackGrossFen: s.buybackGrossFen,
    buybackNetToMotherFen: s.buybackNetToMotherFen,
    followedUpMothers: s.followedUpMothers,
    outOfPovertyMothers: s.outOfPovertyMothers,
    outOfPoverty: outOfPovertyRate(s.outOfPovertyMothers, s.followedUpMothers),
    incomeChangeFen: s.incomeChangeFen,
    averageIncomeChangeFen: averageIncomeChangeFen(s.incomeChangeFen, s.followedUpMothers),
  };
}

export const NO_SUMS: PortfolioSums = {
  applicants: 0,
  eligible: 0,
  approved: 0,
  rejected: 0,
  disbursedLoans: 0,
  disbursedFen: 0,
  repaidPrincipalFen: 0,
  repaidFeeFen: 0,
  fallenDueFen: 0,
  repaidOfDueFen: 0,
  outstandingByBucket: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
  defaultedLoans: 0,
  writtenOffFen: 0,
  buybackGrossFen: 0,
  buybackNetToMotherFen: 0,
  followedUpMothers: 0,
  outOfPovertyMothers: 0,
  incomeChangeFen: 0,
};

/** Two groups' sums as one (the total row of a report). */
export function addSums(a: PortfolioSums, b: PortfolioSums): PortfolioSums {
  const out = { ...a, outstandingByBucket: { ...a.outstandingByBucket } };
  for (const key of Object.keys(a) as (keyof PortfolioSums)[]) {
    if (key !== 'outstandingByBucket') out[key] = a[key] + b[key];
  }
  for (const bucket of BUCKETS) out.outstandingByBucket[bucket] = a.outstandingByBucket[bucket] + b.outstandingByBucket[bucket];
  return out;
}
