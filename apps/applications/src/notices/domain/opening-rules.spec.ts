import { openingProblems } from './opening-rules';

describe('when a public notice may open', () => {
  const ctx = { today: '2026-11-22', minDays: 7 };

  it('opens today or later, for at least the project’s days', () => {
    expect(openingProblems({ startDate: '2026-11-22', days: 7 }, ctx)).toEqual({});
    expect(openingProblems({ startDate: '2026-12-22', days: 30 }, ctx)).toEqual({});
  });

  it('refuses a back-dated notice, which would close at once and bypass the 公示', () => {
    expect(openingProblems({ startDate: '2020-01-01', days: 7 }, ctx)).toEqual({
      startDate: ['must be today (2026-11-22) or later: a back-dated notice would close before anyone could object'],
    });
    expect(openingProblems({ startDate: '2026-11-21', days: 7 }, ctx).startDate).toHaveLength(1);
  });

  it('refuses a notice shorter than the project’s public-notice days', () => {
    expect(openingProblems({ startDate: '2026-11-22', days: 1 }, ctx)).toEqual({ days: ["must be at least 7, the project's public-notice days"] });
  });

  it('refuses a start more than 30 days ahead', () => {
    expect(openingProblems({ startDate: '2026-12-23', days: 7 }, ctx).startDate).toEqual(['must be within 30 days of today (on or before 2026-12-22)']);
  });
});
