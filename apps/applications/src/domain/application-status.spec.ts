import { allowedSteps, APPLICATION_STATUSES, IllegalStepError, isBlocking, nextStatus, Step, UNREPAID_LOAN_STATUSES } from './application-status';

describe('application state machine', () => {
  it.each([
    ['submitted', 'home-visit', 'verified', 'verified'],
    ['submitted', 'home-visit', 'unverified', 'submitted'],
    ['verified', 'home-visit', 'unverified', 'verified'],
    ['verified', 'screening', 'eligible', 'eligible'],
    ['verified', 'screening', 'ineligible', 'ineligible'],
    ['eligible', 'public-notice', undefined, 'in_notice'],
    ['in_notice', 'objection', undefined, 'in_notice'],
    ['in_notice', 'notice-closed', undefined, 'notice_passed'],
    ['in_notice', 'objection-upheld', undefined, 'rejected'],
    ['notice_passed', 'credit-assessment', undefined, 'credit_assessed'],
    ['credit_assessed', 'approval', undefined, 'approved'],
    ['approved', 'follow-up', undefined, 'approved'],
    ['approved', 'loan-repaid', undefined, 'closed'],
    ['closed', 'follow-up', undefined, 'closed'],
  ] as const)('%s --%s(%s)--> %s', (from, step, outcome, to) => {
    expect(nextStatus(from, step, outcome)).toBe(to);
  });

  it.each(['submitted', 'verified', 'eligible', 'in_notice', 'notice_passed', 'credit_assessed'] as const)(
    'lets an open application (%s) be rejected or withdrawn',
    (status) => {
      expect(nextStatus(status, 'rejection')).toBe('rejected');
      expect(nextStatus(status, 'withdrawal')).toBe('withdrawn');
    },
  );

  it.each(['approved', 'rejected', 'withdrawn', 'ineligible', 'closed'] as const)('does not let a %s application be rejected', (status) => {
    expect(() => nextStatus(status, 'rejection')).toThrow(IllegalStepError);
  });

  it('refuses screening before a verified home visit, naming the current state and what is allowed', () => {
    try {
      nextStatus('submitted', 'screening', 'eligible');
      fail('expected an IllegalStepError');
    } catch (error) {
      const sut = error as IllegalStepError;
      expect(sut.current).toBe('submitted');
      expect(sut.allowed.sort()).toEqual(['home-visit', 'rejection', 'withdrawal']);
    }
  });

  it('refuses approval before credit assessment and credit assessment before the notice passed', () => {
    expect(() => nextStatus('notice_passed', 'approval')).toThrow(IllegalStepError);
    expect(() => nextStatus('in_notice', 'credit-assessment')).toThrow(IllegalStepError);
    expect(() => nextStatus('eligible', 'credit-assessment')).toThrow(IllegalStepError);
  });

  it('allows follow-ups only after approval, also once the loan is repaid', () => {
    const withFollowUp = APPLICATION_STATUSES.filter((s) => allowedSteps(s).includes('follow-up' as Step));
    expect(withFollowUp).toEqual(['approved', 'closed']);
  });

  it('closes only an approved application when its loan is repaid, a step no user is offered', () => {
    expect(nextStatus('approved', 'loan-repaid')).toBe('closed');
    for (const status of APPLICATION_STATUSES.filter((s) => s !== 'approved')) {
      expect(() => nextStatus(status, 'loan-repaid')).toThrow(IllegalStepError);
    }
    expect(allowedSteps('approved')).toEqual(['follow-up']);
  });

  it('counts a closed application neither as an open case nor as an unpaid loan, so she may apply again', () => {
    expect(isBlocking('closed')).toBe(false);
    expect(UNREPAID_LOAN_STATUSES).not.toContain('closed');
    expect(UNREPAID_LOAN_STATUSES).toContain('approved');
  });

  it('offers nothing from a terminal state but follow-ups after repayment', () => {
    expect(allowedSteps('rejected')).toEqual([]);
    expect(allowedSteps('withdrawn')).toEqual([]);
    expect(allowedSteps('closed')).toEqual(['follow-up']);
  });

  it('blocks a second application while one is open or approved, not after rejection, withdrawal or ineligibility', () => {
    expect(isBlocking('submitted')).toBe(true);
    expect(isBlocking('approved')).toBe(true);
    expect(isBlocking('rejected')).toBe(false);
    expect(isBlocking('withdrawn')).toBe(false);
    expect(isBlocking('ineligible')).toBe(false);
    expect(isBlocking('closed')).toBe(false);
  });
});
