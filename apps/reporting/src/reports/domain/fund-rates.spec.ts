import { arrivalRate, revolvingRate } from './fund-rates';

describe('fund rates', () => {
  it('到位率 is received over committed: 300,000 of 400,000 yuan pledged arrived', () => {
    expect(arrivalRate(30_000_000, 40_000_000)).toEqual({ rate: 0.75, numerator: 30_000_000, denominator: 40_000_000 });
  });

  it('滚动率 is cumulative disbursed over received, and goes above 1 as repaid money is lent again', () => {
    // 800,000 yuan received, 86 loans then a second round: 2,000,000.01 yuan lent in all.
    expect(revolvingRate(200_000_001, 80_000_000)).toEqual({ rate: 2.5, numerator: 200_000_001, denominator: 80_000_000 });
    expect(revolvingRate(1, 3).rate).toBe(0.3333);
  });

  it('has no rate before anything is committed or received', () => {
    expect(arrivalRate(0, 0).rate).toBeNull();
    expect(revolvingRate(0, 0).rate).toBeNull();
  });
});
