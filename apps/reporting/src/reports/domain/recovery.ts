import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/**
 * 回收率: repaid ÷ fallen due, both principal + fee, over the instalments due on or before the
 * as-of date. "Repaid" is what paid those instalments (each at most its due: the read model
 * allocates a loan's repayments oldest first), so a mother who pays ahead lifts the rate only
 * once the instalment she paid falls due, and never above 100%.
 */
export function recoveryRate(paidOfDueFen: Fen, fallenDueFen: Fen): Ratio {
  return ratioOf(paidOfDueFen, fallenDueFen);
}
