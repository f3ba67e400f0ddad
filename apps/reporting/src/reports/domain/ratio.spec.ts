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
