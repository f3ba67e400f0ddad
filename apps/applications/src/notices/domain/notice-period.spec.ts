import { closeDelayMs, noticeEndDate, noticeEndsAt, noticeHasEnded } from './notice-period';

describe('public notice period', () => {
  it('lasts the given days, the start day counted', () => {
    expect(noticeEndDate('2026-11-10', 7)).toBe('2026-11-16');
    expect(noticeEndDate('2026-12-28', 7)).toBe('2027-01-03');
    expect(noticeEndDate('2026-11-10', 1)).toBe('2026-11-10');
  });

  it('ends at midnight Beijing time after its last day', () => {
    expect(noticeEndsAt('2026-11-16').toISOString()).toBe('2026-11-16T16:00:00.000Z');
  });

  it('has not ended during its last day, and has ended at midnight', () => {
    expect(noticeHasEnded('2026-11-16', new Date('2026-11-16T15:59:59.999Z'))).toBe(false);
    expect(noticeHasEnded('2026-11-16', new Date('2026-11-16T16:00:00.000Z'))).toBe(true);
  });

  it('waits exactly until the end, and not at all once it passed', () => {
    expect(closeDelayMs('2026-11-16', new Date('2026-11-16T15:00:00Z'))).toBe(3600_000);
    expect(closeDelayMs('2026-11-16', new Date('2026-11-20T00:00:00Z'))).toBe(0);
  });
});
