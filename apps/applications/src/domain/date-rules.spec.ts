import { impossibleRecordDate, isWithinSaneDates } from './date-rules';

describe('date rules', () => {
  it('keeps request dates inside 2000–2099, so calendar arithmetic on them never overflows', () => {
    expect(isWithinSaneDates('2026-11-22')).toBe(true);
    expect(isWithinSaneDates('9999-12-31')).toBe(false);
    expect(isWithinSaneDates('1999-12-31')).toBe(false);
  });

  it('refuses a record dated after today, naming today', () => {
    expect(impossibleRecordDate('2026-11-23', '2026-11-22')).toBe('must not be after today (2026-11-22)');
    expect(impossibleRecordDate('2026-11-22', '2026-11-22')).toBeUndefined();
  });

  it('refuses a record dated before the event it follows, naming that event', () => {
    const approval = { date: '2026-11-17', what: 'the approval date' };
    expect(impossibleRecordDate('2026-11-16', '2026-11-22', approval)).toBe('must not be before the approval date (2026-11-17)');
    expect(impossibleRecordDate('2026-11-17', '2026-11-22', approval)).toBeUndefined();
  });
});
