import { defaultRate } from './default-rate';

describe('default rate', () => {
  it('counts loans, not fen: 3 of 86 loans defaulted', () => {
    expect(defaultRate(3, 86)).toEqual({ rate: 0.0349, numerator: 3, denominator: 86 }); // 0.034883…
  });

  it('has no rate before a loan is disbursed', () => {
    expect(defaultRate(0, 0).rate).toBeNull();
  });
});
