/**
 * Business dates are calendar dates (`YYYY-MM-DD`) in the programme's home time zone.
 * Repayment schedules, due dates and "today" are all reckoned in Beijing time, whatever
 * time zone the server or the database session happens to run in.
 *
 * Date strings are converted to and from UTC midnight internally, so calendar arithmetic
 * never depends on the host time zone.
 */

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/** China has used a single UTC+8 offset without DST since 1991. */
const BUSINESS_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseCalendarDate(value: string): CalendarDate | undefined {
  const m = DATE_ONLY.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function requireDate(value: string, what: string): CalendarDate {
  const parsed = typeof value === 'string' ? parseCalendarDate(value) : undefined;
  if (!parsed) throw new RangeError(`${what} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return parsed;
}

function requireWholeNumber(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${value}`);
}

/** Milliseconds since the epoch of UTC midnight on the date. */
function toUtcMidnight({ year, month, day }: CalendarDate): number {
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function formatUtcMidnight(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`Date is outside the years 0001..9999`);
  return [
    String(year).padStart(4, '0'),
    String(d.getUTCMonth() + 1).padStart(2, '0'),
    String(d.getUTCDate()).padStart(2, '0'),
  ].join('-');
}

/** True for a `YYYY-MM-DD` string naming a date that exists (2026-02-29 does not). */
export function isBusinessDateString(v: unknown): v is string {
  return typeof v === 'string' && parseCalendarDate(v) !== undefined;
}

/** The calendar date of `instant` as seen on a wall clock in Beijing. */
export function toBusinessDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('instant must be a valid Date');
  }
  // The fixed +8 offset, not Intl: this runs on every request and Intl's formatToParts was a
  // visible share of a survey POST's CPU. The spec checks it against Intl over many instants.
  const shifted = instant.getTime() + BUSINESS_UTC_OFFSET_MS;
  return formatUtcMidnight(shifted - (((shifted % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY));
}

export function addDays(date: string, days: number): string {
  requireWholeNumber(days, 'days');
  return formatUtcMidnight(toUtcMidnight(requireDate(date, 'date')) + days * MS_PER_DAY);
}

/** `to - from` in whole calendar days; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return (toUtcMidnight(requireDate(to, 'to')) - toUtcMidnight(requireDate(from, 'from'))) / MS_PER_DAY;
}

/**
 * Same day of the month `months` later (or earlier), clamped to the last day of a shorter
 * month: 2026-01-31 + 1 month = 2026-02-28. Always computed from the original date, so
 * monthly instalments should be derived as addMonths(start, n), not by chaining.
 */
export function addMonths(date: string, months: number): string {
  requireWholeNumber(months, 'months');
  const { year, month, day } = requireDate(date, 'date');
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  if (newYear < 1 || newYear > 9999) throw new RangeError(`Date is outside the years 0001..9999`);
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return formatUtcMidnight(toUtcMidnight({ year: newYear, month: newMonth, day: newDay }));
}

/** The instant the business day begins: 00:00 +08:00. */
export function startOfBusinessDay(date: string): Date {
  return new Date(toUtcMidnight(requireDate(date, 'date')) - BUSINESS_UTC_OFFSET_MS);
}

/** The last millisecond of the business day: 23:59:59.999 +08:00. */
export function endOfBusinessDay(date: string): Date {
  return new Date(startOfBusinessDay(date).getTime() + MS_PER_DAY - 1);
}
