/** A public notice runs `days` calendar days from its start date, its last day included. */
export function noticeEndDate(startDate: string, days: number): string {
  const d = new Date(`${startDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}

/** The instant the notice is over: midnight after its last day, Asia/Shanghai (UTC+8, no DST). */
export function noticeEndsAt(endDate: string): Date {
  const d = new Date(`${endDate}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function noticeHasEnded(endDate: string, now: Date): boolean {
  return now.getTime() >= noticeEndsAt(endDate).getTime();
}

/** How long the closing job waits from `now`; zero when the end has passed. */
export function closeDelayMs(endDate: string, now: Date): number {
  return Math.max(0, noticeEndsAt(endDate).getTime() - now.getTime());
}
