import { collectProblems, daysBetween, FieldProblems } from '@xingfu/kernel';

/**
 * An arrears pause (e.g. swine fever in the village, a flood): from and to both included. It
 * may be recorded afterwards (the flood came before the office heard of it), but not before the
 * money went out, and for at most a year: a longer standstill is a reschedule.
 */
export const MAX_PAUSE_DAYS = 365;

export function pauseProblems(from: string, to: string, disbursedOn: string | null): FieldProblems | undefined {
  const { problems, add } = collectProblems();
  if (to < from) add('to', `to must be on or after from (${from})`);
  else if (daysBetween(from, to) + 1 > MAX_PAUSE_DAYS) add('to', `a pause lasts at most ${MAX_PAUSE_DAYS} days, from and to included; this one is ${daysBetween(from, to) + 1}`);
  if (disbursedOn && from < disbursedOn) add('from', `from must not be before the disbursement on ${disbursedOn}`);
  return Object.keys(problems).length ? problems : undefined;
}
