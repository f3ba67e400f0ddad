import { addSums, NO_SUMS, portfolioFigures, PortfolioSums } from './portfolio-figures';

/**
 * A township's hand-made history as of 2026-06-30 (fen):
 * - A: 10,000 yuan, 3 instalments of 1,000 fallen due and paid; current.
 * - B: 5,000 yuan, 2,000 fallen due, 500 paid; 45 days late.
 * - C: 3,000 yuan, 600 fallen due, 1,000 paid ahead; current.
 * - D: 2,000 yuan, all 2,000 fallen due, 200 paid, defaulted and the 1,800 left written off.
 * Seven applicants, five eligible, four approved (A–D), one rejected; A's partner bought back
 * 3,000 yuan of pigs, 1,000 of it applied to her loan; three mothers followed up, two out of poverty.
 */
const township: PortfolioSums = {
  applicants: 7,
  eligible: 5,
  approved: 4,
  rejected: 1,
  disbursedLoans: 4,
  disbursedFen: 1_000_000 + 500_000 + 300_000 + 200_000,
  repaidPrincipalFen: 300_000 + 50_000 + 100_000 + 20_000,
  repaidFeeFen: 0,
  fallenDueFen: 300_000 + 200_000 + 60_000 + 200_000,
  repaidOfDueFen: 300_000 + 50_000 + 60_000 + 20_000,
  outstandingByBucket: { current: 700_000 + 200_000, '1-30': 0, '31-60': 450_000, '61-90': 0, '90+': 0 },
  defaultedLoans: 1,
  writtenOffFen: 180_000,
  buybackGrossFen: 300_000,
  buybackNetToMotherFen: 200_000,
  followedUpMothers: 3,
  outOfPovertyMothers: 2,
  incomeChangeFen: 160_000 - 20_000 + 1,
};

describe('portfolioFigures', () => {
  const sut = portfolioFigures;

  it('derives every figure of a group from its sums', () => {
    const figures = sut(township);
    expect(figures.outstandingFen).toBe(1_350_000); // 2,000,000 − 470,000 − 180,000: the buckets' sum too
    expect(figures.repaidFen).toBe(470_000);
    expect(figures.recovery).toEqual({ rate: 0.5658, numerator: 430_000, denominator: 760_000 }); // 0.565789…
    expect(figures.par1).toEqual({ rate: 0.3333, numerator: 450_000, denominator: 1_350_000 });
    expect(figures.par30).toEqual({ rate: 0.3333, numerator: 450_000, denominator: 1_350_000 });
    expect(figures.par90).toEqual({ rate: 0, numerator: 0, denominator: 1_350_000 });
    expect(figures.defaultRate).toEqual({ rate: 0.25, numerator: 1, denominator: 4 });
    expect(figures.outOfPoverty).toEqual({ rate: 0.6667, numerator: 2, denominator: 3 });
    expect(figures.averageIncomeChangeFen).toBe(46_667);
    expect([figures.writtenOffFen, figures.buybackGrossFen, figures.buybackNetToMotherFen]).toEqual([180_000, 300_000, 200_000]);
  });

  it('an empty group has counts of 0 and no rates', () => {
    const figures = sut(NO_SUMS);
    expect([figures.recovery.rate, figures.par30.rate, figures.defaultRate.rate, figures.outOfPoverty.rate, figures.averageIncomeChangeFen]).toEqual([null, null, null, null, null]);
    expect(figures.outstandingFen).toBe(0);
  });

  it('the rate of a total is computed from the summed sums, not averaged from the rows', () => {
    // A second township: 1 of 1 fallen due repaid. The mean of 0.5658 and 1 would be 0.7829.
    const other: PortfolioSums = { ...NO_SUMS, disbursedLoans: 1, disbursedFen: 100_000, fallenDueFen: 10_000, repaidOfDueFen: 10_000, repaidPrincipalFen: 10_000, outstandingByBucket: { ...NO_SUMS.outstandingByBucket, current: 90_000 } };
    const total = sut(addSums(township, other));
    expect(total.recovery).toEqual({ rate: 0.5714, numerator: 440_000, denominator: 770_000 }); // 0.571428…
    expect(total.par30).toEqual({ rate: 0.3125, numerator: 450_000, denominator: 1_440_000 });
  });
});
