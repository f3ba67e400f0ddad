import { addDays, startOfBusinessDay } from '@xingfu/kernel';

/** A public notice runs `days` calendar days from its start date, its last day included. */
export function noticeEndDate(startDate: string, days: number): string {
  return addDays(startDate, days - 1);
}

/** The instant the notice is over: midnight after its last day, Asia/Shanghai. */
export function noticeEndsAt(endDate: string): Date {
  return startOfBusinessDay(addDays(endDate, 1));
}

export function noticeHasEnded(endDate: string, now: Date): boolean {
  return now.getTime() >= noticeEndsAt(endDate).getTime();
}

/** How long the closing job waits from `now`; zero when the end has passed. */
export function closeDelayMs(endDate: string, now: Date): number {
  return Math.max(0, noticeEndsAt(endDate).getTime() - now.getTime());
}
