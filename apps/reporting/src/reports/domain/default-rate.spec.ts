import { defaultRate } from './default-rate';
import { outstandingFen } from './outstanding';

describe('default rate and outstanding', () => {
  it('default rate counts loans, not fen: 3 of 86 loans defaulted', () => {
    expect(defaultRate(3, 86)).toEqual({ rate: 0.0349, numerator: 3, denominator: 86 }); // 0.034883…
    expect(defaultRate(0, 0).rate).toBeNull();
  });

  it('outstanding is principal less repaid principal less written off', () => {
    expect(outstandingFen(200_000, 20_000, 180_000)).toBe(0);
    expect(outstandingFen(500_000, 50_000, 0)).toBe(450_000);
  });
});
