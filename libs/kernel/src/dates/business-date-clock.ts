import { addDays, isBusinessDateString, startOfBusinessDay, toBusinessDate } from './business-date';
import { Clock } from './clock';

export type BusinessDateMode = 'system' | 'managed';

/**
 * The process's clock when no test injects one. In `system` mode it is the wall clock (the
 * Asia/Shanghai calendar date). In `managed` mode the date is the one an admin set, kept in a
 * shared record that the process reads into `setDate`; the time of day still runs on the wall
 * clock, so deadlines within a day (the end of a notice's last day) keep their meaning.
 */
export class BusinessDateClock extends Clock {
  private managed?: string;

  constructor(
    readonly mode: BusinessDateMode,
    seed?: string,
    private readonly wall: () => Date = () => new Date(),
  ) {
    super();
    if (mode === 'managed') this.setDate(seed ?? toBusinessDate(wall()));
  }

  override now(): Date {
    const wall = this.wall();
    if (this.mode === 'system' || !this.managed) return wall;
    const real = toBusinessDate(wall);
    const offset = wall.getTime() - startOfBusinessDay(real).getTime();
    return new Date(startOfBusinessDay(this.managed).getTime() + offset);
  }

  /** The managed date, as read from the shared record (or set by an admin here). */
  setDate(date: string): void {
    if (this.mode !== 'managed') throw new Error('the business date is not managed (BUSINESS_DATE_MODE=system)');
    if (!isBusinessDateString(date)) throw new RangeError(`business date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
    this.managed = date;
  }
}

/** Every date after `from` up to and including `to`, in order (empty when `to` is not after `from`). */
export function datesAfter(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}
