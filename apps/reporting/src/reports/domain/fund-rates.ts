import { Fen } from '@xingfu/kernel';
import { Ratio, ratioOf } from './ratio';

/** 到位率: the committed money that has arrived, received ÷ committed. */
export function arrivalRate(receivedFen: Fen, committedFen: Fen): Ratio {
  return ratioOf(receivedFen, committedFen);
}

/** 滚动率: how many times the money received has been lent out, cumulative disbursed ÷ received (2.5 = lent two and a half times). */
export function revolvingRate(disbursedCumulativeFen: Fen, receivedFen: Fen): Ratio {
  return ratioOf(disbursedCumulativeFen, receivedFen);
}
