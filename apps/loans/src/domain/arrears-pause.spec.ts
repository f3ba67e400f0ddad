import { MAX_PAUSE_DAYS, pauseProblems } from './arrears-pause';

describe('an arrears pause', () => {
  it('takes a period of one day up to a year, recorded afterwards too', () => {
    expect(pauseProblems('2027-03-01', '2027-03-01', '2026-12-01')).toBeUndefined();
    expect(pauseProblems('2027-01-01', '2027-12-31', '2026-12-01')).toBeUndefined();
    expect(MAX_PAUSE_DAYS).toBe(365);
  });

  it('refuses a period that ends before it starts, lasts more than a year, or starts before the disbursement', () => {
    expect(pauseProblems('2027-03-02', '2027-03-01', null)).toEqual({ to: ['to must be on or after from (2027-03-02)'] });
    expect(pauseProblems('2027-01-01', '2028-01-01', null)?.to?.[0]).toMatch(/at most 365 days.*366/);
    expect(pauseProblems('2026-11-30', '2027-01-01', '2026-12-01')).toEqual({ from: ['from must not be before the disbursement on 2026-12-01'] });
  });
});
