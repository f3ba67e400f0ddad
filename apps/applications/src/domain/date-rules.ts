export { isWithinSaneDates, SANE_DATES } from '@xingfu/kernel';

/**
 * Why a date that records something done (a visit, a survey) is impossible: after today, or
 * before the event it follows (named, for the message). Undefined when it is possible.
 */
export function impossibleRecordDate(date: string, today: string, follows?: { date: string; what: string }): string | undefined {
  if (date > today) return `must not be after today (${today})`;
  if (follows && date < follows.date) return `must not be before ${follows.what} (${follows.date})`;
  return undefined;
}
