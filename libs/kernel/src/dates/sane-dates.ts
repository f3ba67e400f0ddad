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
