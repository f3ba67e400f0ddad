import { allowedEnrolmentSteps, EnrolmentStepError, isBuybackOverdue, nextEnrolmentStatus } from './enrolment-status';

describe('enrolment state machine', () => {
  it('is accepted or refused by the partner while pending, and nothing else', () => {
    expect(nextEnrolmentStatus('pending', 'accept')).toBe('accepted');
    expect(nextEnrolmentStatus('pending', 'refuse')).toBe('refused');
    expect(allowedEnrolmentSteps('pending')).toEqual(['accept', 'refuse']);
    expect(() => nextEnrolmentStatus('pending', 'deliver')).toThrow(EnrolmentStepError);
    expect(() => nextEnrolmentStatus('pending', 'record-buyback')).toThrow(/pending cannot take the step "record-buyback". Allowed next: accept, refuse/);
  });

  it('takes deliveries and buybacks once accepted; a refused one takes nothing', () => {
    expect(nextEnrolmentStatus('accepted', 'deliver')).toBe('accepted');
    expect(nextEnrolmentStatus('accepted', 'record-buyback')).toBe('bought_back');
    expect(nextEnrolmentStatus('bought_back', 'record-buyback')).toBe('bought_back');
    expect(allowedEnrolmentSteps('refused')).toEqual([]);
    expect(() => nextEnrolmentStatus('refused', 'accept')).toThrow(EnrolmentStepError);
    expect(() => nextEnrolmentStatus('accepted', 'accept')).toThrow(EnrolmentStepError);
  });

  it('is flagged overdue only while accepted, and a late buyback clears the flag', () => {
    expect(nextEnrolmentStatus('accepted', 'flag-overdue')).toBe('buyback_overdue');
    expect(() => nextEnrolmentStatus('bought_back', 'flag-overdue')).toThrow(EnrolmentStepError);
    expect(() => nextEnrolmentStatus('buyback_overdue', 'flag-overdue')).toThrow(EnrolmentStepError);
    expect(nextEnrolmentStatus('buyback_overdue', 'record-buyback')).toBe('bought_back');
    expect(allowedEnrolmentSteps('accepted')).not.toContain('flag-overdue');
  });

  it('is overdue from the expected buyback date + 30 days, not the day before, and never without a delivery', () => {
    const sut = (status: 'accepted' | 'bought_back', date: string) => isBuybackOverdue(status, '2027-03-22', '2027-04-21', date);
    expect(sut('accepted', '2027-04-20')).toBe(false);
    expect(sut('accepted', '2027-04-21')).toBe(true);
    expect(sut('bought_back', '2027-05-01')).toBe(false);
    expect(isBuybackOverdue('accepted', null, null, '2030-01-01')).toBe(false);
  });
});
