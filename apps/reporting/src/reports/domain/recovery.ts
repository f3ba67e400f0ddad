import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/**
 * What one loan's repayments count towards recovery: principal and fee repaid, but no more
 * than what has fallen due by the as-of date. A mother who pays ahead has repaid all that is
 * due (100%), not more; her early money counts once the instalments it paid fall due.
 */
export function repaidOfFallenDueFen(repaidFen: Fen, fallenDueFen: Fen): Fen {
  return Math.min(repaidFen, fallenDueFen);
}

/** 回收率: repaid (principal + fee, of what has fallen due) ÷ fallen due (instalments due on or before the as-of date). */
export function recoveryRate(repaidOfDueFen: Fen, fallenDueFen: Fen): Ratio {
  return ratioOf(repaidOfDueFen, fallenDueFen);
}
