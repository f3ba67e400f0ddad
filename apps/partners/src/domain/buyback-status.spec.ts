import { allowedBuybackSteps, BuybackStepError, isFinal, nextBuybackStatus } from './buyback-status';

describe('buyback state machine', () => {
  it('is confirmed or disputed once recorded', () => {
    expect(nextBuybackStatus('recorded', 'confirm')).toBe('confirmed');
    expect(nextBuybackStatus('recorded', 'dispute')).toBe('disputed');
    expect(allowedBuybackSteps('recorded')).toEqual(['confirm', 'dispute']);
  });

  it('a disputed one is only settled: upheld or corrected confirms it, voided voids it', () => {
    expect(() => nextBuybackStatus('disputed', 'confirm')).toThrow(BuybackStepError);
    expect(nextBuybackStatus('disputed', 'settle', 'upheld')).toBe('confirmed');
    expect(nextBuybackStatus('disputed', 'settle', 'corrected')).toBe('confirmed');
    expect(nextBuybackStatus('disputed', 'settle', 'voided')).toBe('voided');
    expect(allowedBuybackSteps('disputed')).toEqual(['settle']);
  });

  it('is final once confirmed or voided: no second confirmation, dispute or settlement', () => {
    for (const status of ['confirmed', 'voided'] as const) {
      expect(isFinal(status)).toBe(true);
      expect(allowedBuybackSteps(status)).toEqual([]);
      expect(() => nextBuybackStatus(status, 'confirm')).toThrow(/cannot take the step "confirm". Allowed next: none/);
      expect(() => nextBuybackStatus(status, 'dispute')).toThrow(BuybackStepError);
    }
    expect(() => nextBuybackStatus('recorded', 'settle', 'upheld')).toThrow(BuybackStepError);
    expect(isFinal('recorded')).toBe(false);
  });
});
