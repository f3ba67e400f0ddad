import { daysBetween } from '@xingfu/kernel';

/** How many days late a reminder may still go out: a catch-up sends the day before yesterday's, not last week's. */
export const STALE_AFTER_DAYS = 2;

/** A reminder meant for `dueOn` found (or about to be sent) on business date `today` more than 2 days later is stale: recorded, never sent. */
export function isStale(dueOn: string, today: string): boolean {
  return daysBetween(dueOn, today) > STALE_AFTER_DAYS;
}
