import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/** 脱贫率: mothers out of poverty at their latest follow-up ÷ mothers followed up (who is out: read-models/domain/application-figures.ts). */
export function outOfPovertyRate(outOfPovertyMothers: number, followedUpMothers: number): Ratio {
  return ratioOf(outOfPovertyMothers, followedUpMothers);
}

/** Income change of a group: the latest follow-ups' income estimates less the first ones' (negative when income fell). */
export function incomeChangeFen(firstIncomeFen: Fen, latestIncomeFen: Fen): Fen {
  return latestIncomeFen - firstIncomeFen;
}

/** The mean change per mother followed up, rounded half-up to a fen (halves away from zero); null with no one followed up. */
export function averageIncomeChangeFen(totalChangeFen: Fen, followedUpMothers: number): Fen | null {
  if (followedUpMothers === 0) return null;
  const sign = totalChangeFen < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(totalChangeFen));
  const n = BigInt(followedUpMothers);
  const rounded = Number((2n * abs + n) / (2n * n));
  return rounded === 0 ? 0 : sign * rounded;
}
