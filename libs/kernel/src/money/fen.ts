/**
 * Money is Chinese yuan (CNY) held as an integer number of fen (1 yuan = 100 fen).
 * Floats never represent money here: 0.1 + 0.2 !== 0.3, and a loan ledger must balance
 * to the fen. Conversions from decimal text are done on the digits, not by multiplying.
 */

/** A whole number of fen. May be negative: ledger movements and balances can be. */
export type Fen = number;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_FEN = -MAX_FEN;
const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;
const BASIS_POINTS_PER_WHOLE = 10_000n;

export function isFen(v: unknown): v is Fen {
  return Number.isSafeInteger(v);
}

export function isNonNegativeFen(v: unknown): v is Fen {
  return isFen(v) && v >= 0;
}

export function assertFen(v: unknown, what = 'amount'): Fen {
  if (!isFen(v)) throw new MoneyError(`${what} must be a whole number of fen, got ${String(v)}`);
  return v;
}

/** Converts an exact BigInt result back to Fen, refusing anything Number cannot hold exactly. */
function fromBigInt(value: bigint, what: string): Fen {
  if (value > MAX_FEN || value < MIN_FEN) throw new MoneyError(`${what} is too large to represent exactly`);
  return Number(value);
}

/**
 * Parses yuan such as '1234', '1234.5' or '-0.05' into fen. More than two decimals,
 * exponents, separators and whitespace are rejected rather than rounded: an amount that
 * does not fit in fen is an input error. A number is accepted only when its shortest
 * decimal form has at most two decimals (so 0.1 + 0.2 is rejected).
 */
export function yuanToFen(yuan: string | number): Fen {
  const text = typeof yuan === 'number' ? String(yuan) : yuan;
  const m = typeof text === 'string' ? YUAN_TEXT.exec(text) : null;
  if (!m) throw new MoneyError(`Not a yuan amount with at most 2 decimals: ${JSON.stringify(String(yuan))}`);
  const [, minus, whole, decimals = ''] = m;
  const magnitude = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
  return fromBigInt(minus ? -magnitude : magnitude, 'amount');
}

/** Formats fen as yuan with exactly two decimals: 123450 → '1234.50', -5 → '-0.05'. */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${String(cents).padStart(2, '0')}`;
}

export function sumFen(values: Fen[]): Fen {
  // Accumulate in BigInt so an intermediate sum beyond 2^53 cannot silently lose a fen.
  let total = 0n;
  values.forEach((v, i) => {
    total += BigInt(assertFen(v, `values[${i}]`));
  });
  return fromBigInt(total, 'sum');
}

/**
 * Splits `total` into `parts` amounts that differ by at most one fen and add up to
 * `total` exactly. Leftover fen go one each to the first parts, so e.g. the first
 * instalments of a schedule carry the odd fen: 1000 / 3 → [334, 333, 333].
 * A negative total is split the same way by magnitude: -1000 / 3 → [-334, -333, -333].
 */
export function splitFen(total: Fen, parts: number): Fen[] {
  assertFen(total, 'total');
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new MoneyError(`parts must be a whole number of at least 1, got ${parts}`);
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const remainder = abs % parts;
  const base = (abs - remainder) / parts;
  return Array.from({ length: parts }, (_, i) => {
    const share = sign * (base + (i < remainder ? 1 : 0));
    return share === 0 ? 0 : share; // never -0, which would print and compare oddly
  });
}

/**
 * `amount × basisPoints / 10000` (100 bp = 1%), rounded half-up to a whole fen.
 * Halves round away from zero so a negative amount rounds symmetrically with its
 * positive counterpart. Integer arithmetic throughout, so no float drift.
 */
export function percentOfFen(amount: Fen, basisPoints: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(basisPoints)) {
    throw new MoneyError(`basisPoints must be a whole number, got ${basisPoints}`);
  }
  const product = BigInt(amount) * BigInt(basisPoints);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + BASIS_POINTS_PER_WHOLE / 2n) / BASIS_POINTS_PER_WHOLE;
  return fromBigInt(negative ? -rounded : rounded, 'result');
}

/**
 * The largest single amount a request may carry: 100 million yuan. Far above anything the
 * programme lends, earns or holds in one fund (loans are 1,000–50,000 yuan), and far below
 * where a bigint column, a sum of instalments or a product with a rate stops being exact.
 */
export const MAX_AMOUNT_FEN = 10_000_000_000;
