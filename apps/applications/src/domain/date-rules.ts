/**
 * Every date a request carries lies in these years: wide enough for any real record, narrow
 * enough that adding a loan term or a notice period never leaves the calendar (9999-12-31 plus
 * seven days is a date neither PostgreSQL nor a client can hold).
 */
export const SANE_DATES = { earliest: '2000-01-01', latest: '2099-12-31' } as const;

/** `YYYY-MM-DD` strings order as the dates they name, so plain comparison is enough here. */
export function isWithinSaneDates(date: string): boolean {
  return date >= SANE_DATES.earliest && date <= SANE_DATES.latest;
}

/**
 * Why a date that records something done (a visit, a survey) is impossible: after today, or
 * before the event it follows (named, for the message). Undefined when it is possible.
 */
export function impossibleRecordDate(date: string, today: string, follows?: { date: string; what: string }): string | undefined {
  if (date > today) return `must not be after today (${today})`;
  if (follows && date < follows.date) return `must not be before ${follows.what} (${follows.date})`;
  return undefined;
}
