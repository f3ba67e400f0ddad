import { PORTFOLIO_SUMS, portfolioFigures, PortfolioSums } from './portfolio-figures';
import { addUp } from './sums';

const none = Object.fromEntries(PORTFOLIO_SUMS.map((k) => [k, 0])) as PortfolioSums;

/**
 * A township's hand-made history (fen):
 * - A: 10,000 yuan, 3,000 principal repaid; current.
 * - B: 5,000 yuan, 500 repaid (plus 30 fee); 45 days late.
 * - C: 3,000 yuan, 1,000 repaid ahead; 10 days late on a later instalment.
 * - D: 2,000 yuan, 200 repaid, defaulted, the 1,800 left written off (owes nothing now).
 * Seven applicants, five eligible, four approved (A–D), one rejected, one withdrawn; three
 * mothers followed up (incomes 2,500 → 4,100, 3,000 → 2,800, 0 → 0.01 yuan), two out of poverty.
 */
const township: PortfolioSums = {
  ...none,
  applicants: 7,
  eligible: 5,
  approved: 4,
  rejected: 1,
  withdrawn: 1,
  disbursedCount: 4,
  disbursedFen: 1_000_000 + 500_000 + 300_000 + 200_000,
  repaidPrincipalFen: 300_000 + 50_000 + 100_000 + 20_000,
  repaidFeeFen: 3_000,
  outstandingFen: 700_000 + 450_000 + 200_000,
  activeCount: 3,
  par1Count: 2,
  par1Fen: 450_000 + 200_000,
  par30Count: 1,
  par30Fen: 450_000,
  defaultedCount: 1,
  writtenOffCount: 1,
  writtenOffFen: 180_000,
  followedUp: 3,
  outOfPoverty: 2,
  firstIncomeFen: 250_000 + 300_000 + 0,
  latestIncomeFen: 410_000 + 280_000 + 1,
};

describe('portfolioFigures', () => {
  const sut = portfolioFigures;

  it('derives every rate of a group from its sums, keeping the sums', () => {
    const figures = sut(township);
    expect(figures.disbursedFen - figures.repaidPrincipalFen - figures.writtenOffFen).toBe(figures.outstandingFen);
    expect(figures.repaidFen).toBe(473_000);
    expect(figures.par1).toEqual({ rate: 0.4815, numerator: 650_000, denominator: 1_350_000 }); // 0.481481…
    expect(figures.par30).toEqual({ rate: 0.3333, numerator: 450_000, denominator: 1_350_000 });
    expect(figures.par90).toEqual({ rate: 0, numerator: 0, denominator: 1_350_000 });
    expect(figures.defaultRate).toEqual({ rate: 0.25, numerator: 1, denominator: 4 });
    expect(figures.outOfPovertyRate).toEqual({ rate: 0.6667, numerator: 2, denominator: 3 });
    expect(figures.incomeChangeFen).toBe(140_001);
    expect(figures.averageIncomeChangeFen).toBe(46_667); // 46,667.0
  });

  it('an empty group has counts of 0 and no rates', () => {
    const figures = sut(none);
    expect([figures.par30.rate, figures.defaultRate.rate, figures.outOfPovertyRate.rate, figures.averageIncomeChangeFen]).toEqual([null, null, null, null]);
  });

  it('the rate of a total comes from the summed sums, not from averaging the rows', () => {
    // A second township: one loan of 1,000 yuan, 900 outstanding, all of it 31–60 days late (PAR30 100%).
    const other: PortfolioSums = { ...none, disbursedCount: 1, disbursedFen: 100_000, repaidPrincipalFen: 10_000, outstandingFen: 90_000, par1Fen: 90_000, par30Fen: 90_000 };
    const total = sut(addUp(PORTFOLIO_SUMS, [township, other]));
    // (450,000 + 90,000) / 1,440,000 = 0.375; the mean of 0.3333 and 1 would be 0.6667.
    expect(total.par30).toEqual({ rate: 0.375, numerator: 540_000, denominator: 1_440_000 });
    expect(total.defaultRate).toEqual({ rate: 0.2, numerator: 1, denominator: 5 });
  });
});
