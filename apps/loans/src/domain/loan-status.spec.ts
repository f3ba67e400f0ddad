import { allowedSteps, LOAN_STATUSES, LOAN_STEPS, LoanStepError, nextStatus } from './loan-status';

describe('the loan state machine', () => {
  it('goes from approval to repaid through guarantee, agreement and disbursement', () => {
    let status = nextStatus('awaiting_guarantee', 'guarantee-effective');
    expect(status).toBe('awaiting_agreement');
    status = nextStatus(status, 'agreement');
    expect(status).toBe('agreement_signed');
    status = nextStatus(status, 'disbursement');
    expect(status).toBe('active');
    expect(nextStatus(status, 'repayment')).toBe('active');
    expect(nextStatus(status, 'repaid-in-full')).toBe('repaid');
  });

  it('refuses the agreement before the guarantee is effective, naming what is allowed', () => {
    expect(() => nextStatus('awaiting_guarantee', 'agreement')).toThrow(LoanStepError);
    try {
      nextStatus('awaiting_guarantee', 'agreement');
    } catch (error) {
      expect((error as LoanStepError).allowed).toEqual([]);
    }
    expect(() => nextStatus('awaiting_agreement', 'disbursement')).toThrow(/cannot take the step "disbursement"/);
  });

  it('defaults, still takes repayments, and is written off only once defaulted', () => {
    expect(nextStatus('active', 'default')).toBe('defaulted');
    expect(nextStatus('defaulted', 'repayment')).toBe('defaulted');
    expect(nextStatus('defaulted', 'repaid-in-full')).toBe('repaid');
    expect(nextStatus('defaulted', 'write-off')).toBe('written_off');
    expect(() => nextStatus('active', 'write-off')).toThrow(LoanStepError);
    expect(nextStatus('defaulted', 'reschedule')).toBe('active');
  });

  it('ends: nothing follows repaid or written off', () => {
    for (const status of ['repaid', 'written_off'] as const) {
      for (const step of LOAN_STEPS) expect(() => nextStatus(status, step)).toThrow(LoanStepError);
      expect(allowedSteps(status)).toEqual([]);
    }
  });

  it('never offers a system step to a user', () => {
    for (const status of LOAN_STATUSES) {
      expect(allowedSteps(status)).not.toContain('default');
      expect(allowedSteps(status)).not.toContain('repaid-in-full');
      expect(allowedSteps(status)).not.toContain('guarantee-effective');
    }
    expect(allowedSteps('active')).toEqual(['repayment', 'arrears-pause', 'reschedule']);
  });
});
