import { Ratio, ratioOf } from './ratio';

/** Default rate: loans that ever defaulted ÷ loans disbursed, by count (the fen lost are the written-off figure beside it). */
export function defaultRate(defaultedLoans: number, disbursedLoans: number): Ratio {
  return ratioOf(defaultedLoans, disbursedLoans);
}
