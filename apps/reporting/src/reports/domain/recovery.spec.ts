import { recoveryRate } from './recovery';

describe('recovery (回收率)', () => {
  const sut = recoveryRate;

  it('is repaid of fallen due over fallen due, on a hand-made history of three loans', () => {
    // As of 2026-06-30: A owed 3 × 1,000 yuan and paid them; B owed 2,000 and paid 500; C owed 600
    // and had paid 1,000 ahead, of which 600 paid what has fallen due (the rest waits for its instalment).
    const paidOfDue = 300_000 + 50_000 + 60_000;
    const due = 300_000 + 200_000 + 60_000;
    // 410,000 / 560,000 = 0.732142… → 0.7321
    expect(sut(paidOfDue, due)).toEqual({ rate: 0.7321, numerator: 410_000, denominator: 560_000 });
  });

  it('rounds a half of the fourth decimal up', () => {
    expect(sut(9_999, 20_000).rate).toBe(0.5); // 0.49995
    expect(sut(9_998, 20_000).rate).toBe(0.4999); // 0.4999
    expect(sut(2, 3).rate).toBe(0.6667);
  });

  it('has no rate while nothing has fallen due', () => {
    expect(sut(0, 0)).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});
