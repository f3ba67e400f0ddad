import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/**
 * PARn: outstanding principal of the loans with an instalment more than n days late (PAR1: at
 * least 1 day) ÷ all outstanding principal. Which loans are at risk is the read model's rule
 * (read-models/domain/arrears-bucket.ts: by the worst bucket of the current schedule); a
 * written-off or repaid loan owes nothing, so it is in neither sum.
 */
export function portfolioAtRisk(atRiskOutstandingFen: Fen, outstandingFen: Fen): Ratio {
  return ratioOf(atRiskOutstandingFen, outstandingFen);
}
