import { Fen } from '@xingfu/kernel';
import { Ratio } from './ratio';
import { recoveryRate } from './recovery';

/** What the due cells add up for a group, over instalments due on or before the as-of date. */
export const RECOVERY_SUMS = ['dueFen', 'duePrincipalFen', 'paidFen'] as const;
export type RecoverySums = Record<(typeof RECOVERY_SUMS)[number], number>;

export interface RecoveryFigures extends RecoverySums {
  /** Fallen due and not (yet) repaid. */
  unpaidFen: Fen;
  recovery: Ratio;
}

export function recoveryFigures(s: RecoverySums): RecoveryFigures {
  return { ...s, unpaidFen: s.dueFen - s.paidFen, recovery: recoveryRate(s.paidFen, s.dueFen) };
}
