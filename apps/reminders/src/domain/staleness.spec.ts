import { isStale, STALE_AFTER_DAYS } from './staleness';

describe('isStale', () => {
  const sut = isStale;

  it('lets a reminder go out on its day and up to 2 days late', () => {
    expect(STALE_AFTER_DAYS).toBe(2);
    expect(sut('2027-03-10', '2027-03-10')).toBe(false);
    expect(sut('2027-03-10', '2027-03-12')).toBe(false);
  });

  it('skips one found more than 2 days after its day: a T-7 caught up a week late is not sent', () => {
    expect(sut('2027-03-10', '2027-03-13')).toBe(true);
    expect(sut('2027-02-27', '2027-03-02')).toBe(true);
  });

  it('is never stale for a date still to come', () => {
    expect(sut('2027-03-12', '2027-03-10')).toBe(false);
  });
});
