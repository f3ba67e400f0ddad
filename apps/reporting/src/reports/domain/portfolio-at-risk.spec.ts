import { portfolioAtRisk } from './portfolio-at-risk';

describe('portfolio at risk', () => {
  const sut = portfolioAtRisk;

  it('is outstanding principal at risk over all outstanding principal, on a hand-made book', () => {
    // A current (7,000 yuan left), B 45 days late (4,500), C 10 days late (1,500), D 120 days late (1,000).
    const outstanding = 700_000 + 450_000 + 150_000 + 100_000;
    expect(sut(450_000 + 150_000 + 100_000, outstanding)).toEqual({ rate: 0.5, numerator: 700_000, denominator: 1_400_000 }); // PAR1
    expect(sut(450_000 + 100_000, outstanding)).toEqual({ rate: 0.3929, numerator: 550_000, denominator: 1_400_000 }); // PAR30: 0.392857…
    expect(sut(100_000, outstanding)).toEqual({ rate: 0.0714, numerator: 100_000, denominator: 1_400_000 }); // PAR90: 0.0714285…
  });

  it('rounds a two-thirds share up at the fourth decimal', () => {
    expect(sut(2, 3).rate).toBe(0.6667);
  });

  it('has no rate when nothing is outstanding (every loan repaid or written off)', () => {
    expect(sut(0, 0)).toEqual({ rate: null, numerator: 0, denominator: 0 });
  });
});
