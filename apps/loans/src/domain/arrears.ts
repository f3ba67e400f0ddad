import { addDays, daysBetween } from '@xingfu/kernel';

/**
 * Arrears on a business date: how many days an instalment is past due, which bucket that puts
 * it in, which bucket it entered since it was last aged, and when the loan is in default.
 * Plain data in, plain data out; the sweep applies it to the rows.
 *
 * How the days are counted (the programme's reading of "days past due", one place):
 * - Only days AFTER the due date count, and only days outside the loan's arrears pauses
 *   (a pause's from and to are both included). The due date itself is day 0.
 * - Grace: an instalment is not overdue until more than `graceDays` such days have passed
 *   (with 5 grace days, due 1 March: not overdue through 6 March). Once it is, its days past
 *   due count from the due date, not from the end of the grace (so on 7 March it is 6 days
 *   past due): grace excuses a few days' delay; it does not move the due date.
 *   Paused days count for neither, so a pause inside the grace period extends it.
 */
export const ARREARS_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number];
export type OverdueBucket = Exclude<ArrearsBucket, 'current'>;

/** The first day past due of each bucket above current ("90+" is 91 days and more: 90 is still 61–90). */
const BUCKET_FLOORS: readonly [OverdueBucket, number][] = [
  ['90+', 91],
  ['61-90', 61],
  ['31-60', 31],
  ['1-30', 1],
];

/** The project default when it names none: more than 90 days past due is default. */
export const DEFAULT_THRESHOLD_DAYS = 90;

export interface PausePeriod {
  /** First and last business date of the pause, both included. */
  from: string;
  to: string;
}

/** Days in (dueDate, asOf] that lie in no pause (overlapping pauses count once). */
export function unpausedDaysAfter(dueDate: string, asOf: string, pauses: readonly PausePeriod[]): number {
  const elapsed = daysBetween(dueDate, asOf);
  if (elapsed <= 0) return 0;
  return elapsed - pausedDaysWithin(addDays(dueDate, 1), asOf, pauses);
}

/** Days past due of an instalment on `asOf`: 0 while it is not yet overdue (see the rule above). */
export function daysPastDue(dueDate: string, asOf: string, graceDays: number, pauses: readonly PausePeriod[] = []): number {
  const days = unpausedDaysAfter(dueDate, asOf, pauses);
  return days > Math.max(0, graceDays) ? days : 0;
}

export function bucketOf(daysPastDue: number): ArrearsBucket {
  return BUCKET_FLOORS.find(([, floor]) => daysPastDue >= floor)?.[0] ?? 'current';
}

const rank = (bucket: string): number => ARREARS_BUCKETS.indexOf(bucket as ArrearsBucket);

/**
 * The bucket an instalment entered between its last aged state and now, or undefined when it
 * entered none (same bucket, or a lower one after a pause recorded afterwards). When a catch-up
 * skips buckets at once (a loan first aged long after its due date), only the bucket it is in
 * now is entered: one InstalmentOverdue, for where it stands, not one per bucket it crossed.
 * The sweep runs once per business date, so normally it crosses one at a time anyway.
 */
export function bucketEntered(previous: string, now: ArrearsBucket): OverdueBucket | undefined {
  return now !== 'current' && rank(now) > rank(previous) ? now : undefined;
}

/**
 * Where a loan stands on `asOf`, computed when it is read (GET /loans/:id, the list, the sweep):
 * the days past due of its oldest unpaid instalment (`oldestUnpaidDue`, the loan's
 * next_due_date) and their bucket. Nothing stores the days, so they are never stale.
 */
export interface ArrearsStanding {
  daysPastDue: number;
  bucket: ArrearsBucket;
}

export function standingOn(oldestUnpaidDue: string | null, asOf: string, graceDays: number, pauses: readonly PausePeriod[] = []): ArrearsStanding {
  const days = oldestUnpaidDue && oldestUnpaidDue < asOf ? daysPastDue(oldestUnpaidDue, asOf, graceDays, pauses) : 0;
  return { daysPastDue: days, bucket: bucketOf(days) };
}

/** The days past due a bucket covers, both included (current: 0; 90+: 91 and up), for a filter in SQL. */
export function bucketDays(bucket: ArrearsBucket): { min: number; max: number | null } {
  if (bucket === 'current') return { min: 0, max: 0 };
  const floors = [...BUCKET_FLOORS].reverse();
  const at = floors.findIndex(([b]) => b === bucket);
  const next = floors[at + 1];
  return { min: floors[at][1], max: next ? next[1] - 1 : null };
}

/**
 * The first business date after `asOf` on which the instalment due on `dueDate` enters another
 * bucket, with the pauses known now; null when it is in 90+ and no bucket is left. The sweep
 * stores it (instalments.ages_on) and looks at an instalment again only on that date, so a loan
 * is touched when something changes, not every day. A pause recorded later only delays the date
 * (its handler clears ages_on, so the sweep looks again the next day and stores the new one).
 */
export function nextBucketDate(dueDate: string, asOf: string, graceDays: number, pauses: readonly PausePeriod[] = []): string | null {
  const now = daysPastDue(dueDate, asOf, graceDays, pauses);
  const floor = [...BUCKET_FLOORS].reverse().find(([, f]) => f > now)?.[1];
  if (floor === undefined) return null;
  // The first date with `target` unpaused days after the due date (past the grace too).
  const target = Math.max(floor, Math.max(0, graceDays) + 1);
  let date = addDays(dueDate, target);
  for (let counted = unpausedDaysAfter(dueDate, date, pauses); counted < target; counted = unpausedDaysAfter(dueDate, date, pauses)) {
    date = addDays(date, target - counted);
  }
  return date > asOf ? date : addDays(asOf, 1);
}

/** The first date after `asOf` that lies in no pause: the next day an overdue instalment ages at all. */
export function nextUnpausedDate(asOf: string, pauses: readonly PausePeriod[] = []): string {
  let date = addDays(asOf, 1);
  for (let moved = true; moved; ) {
    moved = false;
    for (const p of pauses) {
      if (p.from <= date && date <= p.to) {
        date = addDays(p.to, 1);
        moved = true;
      }
    }
  }
  return date;
}

/** A loan is in default once its oldest unpaid instalment is more than the project's threshold past due. */
export function isInDefault(loanDaysPastDue: number, thresholdDays: number = DEFAULT_THRESHOLD_DAYS): boolean {
  return loanDaysPastDue > thresholdDays;
}

function pausedDaysWithin(from: string, to: string, pauses: readonly PausePeriod[]): number {
  // Clip each pause to [from, to], then merge overlaps so a day paused twice counts once.
  const clipped = pauses
    .map((p) => ({ from: p.from > from ? p.from : from, to: p.to < to ? p.to : to }))
    .filter((p) => p.from <= p.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let current: PausePeriod | undefined;
  for (const p of clipped) {
    if (current && p.from <= addDays(current.to, 1)) {
      if (p.to > current.to) current = { from: current.from, to: p.to };
      continue;
    }
    if (current) total += daysBetween(current.from, current.to) + 1;
    current = p;
  }
  if (current) total += daysBetween(current.from, current.to) + 1;
  return total;
}
