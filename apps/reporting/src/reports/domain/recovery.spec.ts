import { recoveryRate, repaidOfFallenDueFen } from './recovery';

describe('recovery (回收率)', () => {
  it('counts a loan’s repayments up to what has fallen due, never its early money', () => {
    const sut = repaidOfFallenDueFen;
    expect(sut(30_000, 60_000)).toBe(30_000);
    expect(sut(100_000, 60_000)).toBe(60_000); // paid ahead: 100% of what is due, not 167%
    expect(sut(0, 0)).toBe(0);
  });

  it('is repaid of fallen due over fallen due, on a hand-made history of three loans', () => {
    // As of 2026-06-30: A owed 3 × 1,000 yuan and paid them; B owed 2,000 and paid 500; C owed 600 and paid 1,000 ahead.
    const loans = [
      { dueFen: 300_000, repaidFen: 300_000 },
      { dueFen: 200_000, repaidFen: 50_000 },
      { dueFen: 60_000, repaidFen: 100_000 },
    ];
    const repaidOfDue = loans.reduce((sum, l) => sum + repaidOfFallenDueFen(l.repaidFen, l.dueFen), 0);
    const due = loans.reduce((sum, l) => sum + l.dueFen, 0);
    const sut = recoveryRate(repaidOfDue, due);
    // 410,000 / 560,000 = 0.732142… → 0.7321
    expect(sut).toEqual({ rate: 0.7321, numerator: 410_000, denominator: 560_000 });
  });

  it('rounds a half of the fourth decimal up', () => {
    expect(recoveryRate(9_999, 20_000).rate).toBe(0.5); // 0.49995
    expect(recoveryRate(9_998, 20_000).rate).toBe(0.4999);
  });

  it('has no rate while nothing has fallen due', () => {
    expect(recoveryRate(0, 0)).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});
