import { assertSubsidyAllowed, clampedSubsidy, maxSubsidyBasisPoints } from './loan-settings';

describe('loan settings: the interest subsidy (贴息)', () => {
  it('may go up to the interest rate of a project charging interest', () => {
    expect(maxSubsidyBasisPoints('interest', 500)).toBe(500);
    expect(() => assertSubsidyAllowed(500, 'interest', 500)).not.toThrow();
    expect(() => assertSubsidyAllowed(501, 'interest', 500)).toThrow(expect.objectContaining({ kind: 'invalid', code: 'subsidy_above_rate', details: expect.objectContaining({ maxBasisPoints: 500 }) }));
  });

  it.each(['none', 'management_fee'] as const)('is 0 on a project charging %s: there is no interest to subsidise', (chargeKind) => {
    expect(maxSubsidyBasisPoints(chargeKind, 300)).toBe(0);
    expect(() => assertSubsidyAllowed(0, chargeKind, 300)).not.toThrow();
    expect(() => assertSubsidyAllowed(1, chargeKind, 300)).toThrow(expect.objectContaining({ code: 'subsidy_above_rate' }));
  });

  it('is cut to the new ceiling when a policy change lowers the rate or drops interest, and kept otherwise', () => {
    expect(clampedSubsidy(400, 'interest', 300)).toBe(300);
    expect(clampedSubsidy(200, 'interest', 300)).toBe(200);
    expect(clampedSubsidy(200, 'management_fee', 300)).toBe(0);
  });
});
