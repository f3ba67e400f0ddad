import { recoveryFigures } from './recovery-figures';

describe('recoveryFigures', () => {
  it('gives the rate, what is still unpaid of what fell due, and the sums', () => {
    const sut = recoveryFigures({ dueFen: 760_000, duePrincipalFen: 700_000, paidFen: 430_000 });
    expect(sut.recovery).toEqual({ rate: 0.5658, numerator: 430_000, denominator: 760_000 }); // 0.565789…
    expect(sut.unpaidFen).toBe(330_000);
    expect(sut.duePrincipalFen).toBe(700_000);
  });

  it('has no rate for a month in which nothing fell due', () => {
    expect(recoveryFigures({ dueFen: 0, duePrincipalFen: 0, paidFen: 0 }).recovery.rate).toBeNull();
  });
});
