import { ARREARS_BUCKETS } from '@xingfu/contracts';
import { BUCKETS, isAtRisk, OutstandingByBucket, portfolioAtRisk } from './portfolio-at-risk';

const book = (over: Partial<OutstandingByBucket>): OutstandingByBucket => ({ current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0, ...over });

describe('portfolio at risk', () => {
  it('puts each bucket at risk by its fewest days late: PAR1 ≥ 1 day, PAR30 > 30, PAR90 > 90', () => {
    const atRisk = (measure: 'par1' | 'par30' | 'par90') => BUCKETS.filter((b) => isAtRisk(b, measure));
    expect(atRisk('par1')).toEqual(['1-30', '31-60', '61-90', '90+']);
    expect(atRisk('par30')).toEqual(['31-60', '61-90', '90+']);
    expect(atRisk('par90')).toEqual(['90+']);
  });

  it('is outstanding principal at risk over all outstanding principal, on a hand-made book', () => {
    // A current (7,000 yuan left), B 45 days late (4,500), C 10 days late (1,500), D 120 days late (1,000).
    const sut = book({ current: 700_000, '1-30': 150_000, '31-60': 450_000, '90+': 100_000 });
    expect(portfolioAtRisk(sut, 'par1')).toEqual({ rate: 0.5, numerator: 700_000, denominator: 1_400_000 });
    // 550,000 / 1,400,000 = 0.392857… → 0.3929
    expect(portfolioAtRisk(sut, 'par30')).toEqual({ rate: 0.3929, numerator: 550_000, denominator: 1_400_000 });
    // 100,000 / 1,400,000 = 0.0714285… → 0.0714
    expect(portfolioAtRisk(sut, 'par90')).toEqual({ rate: 0.0714, numerator: 100_000, denominator: 1_400_000 });
  });

  it('rounds a two-thirds share up at the fourth decimal', () => {
    expect(portfolioAtRisk(book({ current: 1, '61-90': 2 }), 'par30').rate).toBe(0.6667);
  });

  it('has no rate when nothing is outstanding (every loan repaid or written off)', () => {
    expect(portfolioAtRisk(book({}), 'par30')).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});

describe('the buckets', () => {
  it('are the ones the loans service ages loans into (the contracts’ list)', () => {
    expect([...BUCKETS]).toEqual([...ARREARS_BUCKETS]);
  });
});
