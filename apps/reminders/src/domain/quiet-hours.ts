import { addDays, startOfBusinessDay, toBusinessDate } from '@xingfu/kernel';

/** No SMS from 21:00 until 08:00 Asia/Shanghai: nobody wants a loan reminder at night. */
export const QUIET_HOURS = { startHour: 21, endHour: 8 } as const;

const MS_PER_HOUR = 60 * 60 * 1000;

/** The hour of the day (0..23) on a Beijing wall clock. */
function businessHour(instant: Date): number {
  return Math.floor((instant.getTime() - startOfBusinessDay(toBusinessDate(instant)).getTime()) / MS_PER_HOUR);
}

/** The instant of 08:00 Beijing time on a business date. */
export function quietHoursEndOn(date: string): Date {
  return new Date(startOfBusinessDay(date).getTime() + QUIET_HOURS.endHour * MS_PER_HOUR);
}

export function isQuietHour(instant: Date): boolean {
  const hour = businessHour(instant);
  return hour >= QUIET_HOURS.startHour || hour < QUIET_HOURS.endHour;
}

/**
 * When the quiet hours around `instant` end: the next 08:00 (the same day before 08:00, the
 * next day from 21:00), or undefined when `instant` is outside them (send now).
 */
export function quietHoursEnd(instant: Date): Date | undefined {
  if (!isQuietHour(instant)) return undefined;
  const today = toBusinessDate(instant);
  return businessHour(instant) < QUIET_HOURS.endHour ? quietHoursEndOn(today) : quietHoursEndOn(addDays(today, 1));
}

/** Milliseconds to wait before a message may go out: 0 outside the quiet hours. */
export function quietHoursDelayMs(instant: Date): number {
  const end = quietHoursEnd(instant);
  return end ? end.getTime() - instant.getTime() : 0;
}
