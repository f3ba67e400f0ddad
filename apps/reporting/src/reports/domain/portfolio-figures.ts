import { Fen } from '@xingfu/kernel';
import { defaultRate } from './default-rate';
import { averageIncomeChangeFen, incomeChangeFen, outOfPovertyRate } from './poverty';
import { portfolioAtRisk } from './portfolio-at-risk';
import { Ratio } from './ratio';

/** What the portfolio cells add up for a group (a township, a month, …): counts and fen. */
export const PORTFOLIO_SUMS = [
  'applicants',
  'eligible',
  'approved',
  'rejected',
  'withdrawn',
  'disbursedCount',
  'disbursedFen',
  'repaidPrincipalFen',
  'repaidFeeFen',
  'outstandingFen',
  'activeCount',
  'repaidCount',
  'par1Count',
  'par1Fen',
  'par30Count',
  'par30Fen',
  'par90Count',
  'par90Fen',
  'defaultedCount',
  'writtenOffCount',
  'writtenOffFen',
  'followedUp',
  'outOfPoverty',
  'firstIncomeFen',
  'latestIncomeFen',
  'buybackCount',
  'buybackGrossFen',
  'buybackNetToMotherFen',
] as const;
export type PortfolioSums = Record<(typeof PORTFOLIO_SUMS)[number], number>;

/** The figures of a group: its sums and every rate from them, computed here once. */
export interface PortfolioFigures extends PortfolioSums {
  repaidFen: Fen;
  par1: Ratio;
  par30: Ratio;
  par90: Ratio;
  defaultRate: Ratio;
  outOfPovertyRate: Ratio;
  incomeChangeFen: Fen;
  averageIncomeChangeFen: Fen | null;
}

export function portfolioFigures(s: PortfolioSums): PortfolioFigures {
  const change = incomeChangeFen(s.firstIncomeFen, s.latestIncomeFen);
  return {
    ...s,
    repaidFen: s.repaidPrincipalFen + s.repaidFeeFen,
    par1: portfolioAtRisk(s.par1Fen, s.outstandingFen),
    par30: portfolioAtRisk(s.par30Fen, s.outstandingFen),
    par90: portfolioAtRisk(s.par90Fen, s.outstandingFen),
    defaultRate: defaultRate(s.defaultedCount, s.disbursedCount),
    outOfPovertyRate: outOfPovertyRate(s.outOfPoverty, s.followedUp),
    incomeChangeFen: change,
    averageIncomeChangeFen: averageIncomeChangeFen(change, s.followedUp),
  };
}
