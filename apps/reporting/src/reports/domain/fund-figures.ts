import { Fen } from '@xingfu/kernel';
import { arrivalRate, revolvingRate } from './fund-rates';
import { Ratio } from './ratio';

/** A project's fund, from its contributions and its loans' cells. */
export const FUND_SUMS = ['committedFen', 'receivedFen', 'disbursedFen', 'repaidPrincipalFen', 'writtenOffFen', 'outstandingFen'] as const;
export type FundSums = Record<(typeof FUND_SUMS)[number], number>;

export interface FundFigures extends FundSums {
  /** 到位率 */
  arrival: Ratio;
  /** 滚动率 */
  revolving: Ratio;
}

export function fundFigures(s: FundSums): FundFigures {
  return { ...s, arrival: arrivalRate(s.receivedFen, s.committedFen), revolving: revolvingRate(s.disbursedFen, s.receivedFen) };
}
