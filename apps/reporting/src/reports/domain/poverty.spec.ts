import { averageIncomeChangeFen, incomeChangeFen, outOfPovertyRate } from './poverty';

describe('follow-up figures', () => {
  it('脱贫率 is mothers out of poverty at their latest follow-up over mothers followed up', () => {
    expect(outOfPovertyRate(6, 7)).toEqual({ rate: 0.8571, numerator: 6, denominator: 7 });
    expect(outOfPovertyRate(0, 0).rate).toBeNull();
  });

  it('income change is the latest incomes less the first, and can be negative', () => {
    expect(incomeChangeFen(250_000, 410_000)).toBe(160_000);
    expect(incomeChangeFen(300_000, 280_000)).toBe(-20_000);
  });

  it('the mean change per mother rounds half-up to a fen, halves away from zero', () => {
    expect(averageIncomeChangeFen(140_001, 3)).toBe(46_667); // 46,667.0
    expect(averageIncomeChangeFen(140_000, 3)).toBe(46_667); // 46,666.67
    expect(averageIncomeChangeFen(3, 2)).toBe(2); // 1.5
    expect(averageIncomeChangeFen(-3, 2)).toBe(-2);
    expect(Object.is(averageIncomeChangeFen(-1, 3), 0)).toBe(true);
    expect(averageIncomeChangeFen(0, 0)).toBeNull();
  });
});
