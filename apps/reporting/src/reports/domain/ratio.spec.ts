import { ratioOf, roundedRate } from './ratio';

describe('roundedRate', () => {
  const sut = roundedRate;

  it.each([
    [9123, 10000, 0.9123],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [1, 1, 1],
    [5, 2, 2.5],
    [0, 7, 0],
  ])('%i ÷ %i is %d', (n, d, rate) => {
    expect(sut(n, d)).toBe(rate);
  });

  it('rounds a half up, at the fifth decimal exactly', () => {
    // 1 / 20000 = 0.00005: a half of the last place.
    expect(sut(1, 20000)).toBe(0.0001);
    // 0.12345 and 0.12355 are halves; floats hold neither exactly, the BigInt quotient does.
    expect(sut(12345, 100000)).toBe(0.1235);
    expect(sut(12355, 100000)).toBe(0.1236);
    expect(sut(12344999, 100000000)).toBe(0.1234);
  });

  it('rounds a negative half away from zero, as its positive mirror, and never gives -0', () => {
    expect(sut(-1, 20000)).toBe(-0.0001);
    expect(sut(1, -20000)).toBe(-0.0001);
    expect(Object.is(sut(-1, 30000), 0)).toBe(true);
  });

  it('is exact for fen sums beyond what a double multiplies exactly', () => {
    // (2^53 - 1) × 10000 is far beyond 2^53: a float product would lose the last digits.
    expect(sut(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(sut(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe(1);
  });

  it('rounds as the exact BigInt quotient does, also around 2^53 where doubles stop being exact', () => {
    const exact = (n: number, d: number) => {
      const q = (2n * BigInt(Math.abs(n)) * 10000n + BigInt(Math.abs(d))) / (2n * BigInt(Math.abs(d)));
      const rate = Number(n < 0 !== d < 0 ? -q : q) / 10000;
      return rate === 0 ? 0 : rate;
    };
    let seed = 7;
    const next = (below: number) => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * below);
    };
    const boundary = Math.floor(2 ** 53 / 20000); // where 2·n·10⁴ reaches 2^53
    const cases: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      cases.push([next(1e9), 1 + next(1e9)]);
      cases.push([boundary - 500 + next(1000), 1 + next(boundary)]);
      cases.push([next(Number.MAX_SAFE_INTEGER), 1 + next(Number.MAX_SAFE_INTEGER)]);
      cases.push([-next(1e6), 1 + next(1e6)]);
      // Just below and at a half, scaled up: where a double's rounding of the quotient would cross the floor.
      const k = 1 + next(Math.floor(Number.MAX_SAFE_INTEGER / 100000));
      cases.push([12345 * k - 1, 100000 * k], [12345 * k, 100000 * k]);
    }
    for (const [n, d] of cases) expect({ n, d, rate: sut(n, d) }).toEqual({ n, d, rate: exact(n, d) });
  });

  it('gives no figure (null) when the denominator is 0, even with a numerator', () => {
    expect(sut(0, 0)).toBeNull();
    expect(sut(5, 0)).toBeNull();
  });

  it('refuses a fraction of a fen or an unsafe integer', () => {
    expect(() => sut(1.5, 3)).toThrow(RangeError);
    expect(() => sut(1, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('ratioOf', () => {
  it('keeps the numerator and the denominator beside the rate', () => {
    expect(ratioOf(1, 3)).toEqual({ rate: 0.3333, numerator: 1, denominator: 3 });
    expect(ratioOf(0, 0)).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});
