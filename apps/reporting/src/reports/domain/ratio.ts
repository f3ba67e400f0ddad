/**
 * How every ratio of the reports is given: the rate rounded half-up to 4 decimals (0.9123,
 * i.e. 91.23%: the basis points the loans service reports, over 10,000), null when the
 * denominator is 0 (no figure, not 0% and not 100%), and always with its numerator and
 * denominator (fen or counts), so a reader can check the rate and re-add it across rows.
 */
export interface Ratio {
  rate: number | null;
  numerator: number;
  denominator: number;
}

const PLACES = 10_000;

/**
 * numerator ÷ denominator rounded half-up to 4 decimals, exactly: an integer quotient
 * floor((2·n·10⁴ + d) / 2d), never a float product near money (where 1/3 of a fen sum could
 * round the wrong way); halves go away from zero so a negative ratio mirrors its positive one.
 * Null for ÷ 0.
 */
export function roundedRate(numerator: number, denominator: number): number | null {
  if (!Number.isSafeInteger(numerator)) throw new RangeError(`numerator of a ratio must be a whole number (fen or a count), got ${numerator}`);
  if (!Number.isSafeInteger(denominator)) throw new RangeError(`denominator of a ratio must be a whole number (fen or a count), got ${denominator}`);
  if (denominator === 0) return null;
  const negative = numerator < 0 !== denominator < 0;
  const [an, ad] = [Math.abs(numerator), Math.abs(denominator)];
  // In doubles while a + b ≤ 2^53 (a = the dividend, b = 2d): then a quotient that is no integer k+1
  // lies at least 1/b below it, more than half an ulp of k+1 (b·(k+1) ≤ a + b ≤ 2^53), so the
  // floor is exact. Beyond, in BigInt (slower: a report of 200 rows has 1,200 ratios).
  const dividend = 2 * an * PLACES + ad;
  const divisor = 2 * ad;
  const rounded = dividend + divisor <= 2 ** 53 ? Math.floor(dividend / divisor) : Number((2n * BigInt(an) * BigInt(PLACES) + BigInt(ad)) / (2n * BigInt(ad)));
  const rate = (negative ? -rounded : rounded) / PLACES;
  return rate === 0 ? 0 : rate; // never -0
}

export function ratioOf(numerator: number, denominator: number): Ratio {
  return { rate: roundedRate(numerator, denominator), numerator, denominator };
}
