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

const PLACES = 10_000n;

function assertWhole(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} of a ratio must be a whole number (fen or a count), got ${value}`);
  return BigInt(value);
}

/**
 * numerator ÷ denominator rounded half-up to 4 decimals, exactly: the quotient is taken in
 * BigInt (no float near money, where 1/3 of a fen sum could round the wrong way), halves go
 * away from zero so a negative ratio mirrors its positive one. Null for ÷ 0.
 */
export function roundedRate(numerator: number, denominator: number): number | null {
  const n = assertWhole(numerator, 'numerator') * PLACES;
  const d = assertWhole(denominator, 'denominator');
  if (d === 0n) return null;
  const negative = n < 0n !== d < 0n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const rounded = (2n * an + ad) / (2n * ad);
  const rate = Number(negative ? -rounded : rounded) / Number(PLACES);
  return rate === 0 ? 0 : rate; // never -0
}

export function ratioOf(numerator: number, denominator: number): Ratio {
  return { rate: roundedRate(numerator, denominator), numerator, denominator };
}
