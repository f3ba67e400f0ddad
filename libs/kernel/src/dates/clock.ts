import { isBusinessDateString, startOfBusinessDay, toBusinessDate } from './business-date';

/**
 * The source of "now" for business logic. Code asks a Clock instead of calling `new Date()`
 * so tests (and back-dated batch runs) can control time. Kept as a plain abstract class so
 * it can double as a dependency-injection token without this library depending on Nest.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's business date (Beijing calendar date) as `YYYY-MM-DD`. */
  today(): string {
    return toBusinessDate(this.now());
  }
}

export class SystemClock extends Clock {
  override now(): Date {
    return new Date();
  }
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const MS_PER_HOUR = 60 * 60 * 1000;
/** A bare date means mid-morning, safely inside the business day on both sides. */
const BARE_DATE_HOUR = 9;
/** Instant strings must say which zone they are in; otherwise Date parses them in host time. */
const EXPLICIT_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function toInstantMs(value: Date | string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('ManualClock: invalid Date');
    return ms;
  }
  if (isBusinessDateString(value)) {
    return startOfBusinessDay(value).getTime() + BARE_DATE_HOUR * MS_PER_HOUR;
  }
  const ms = EXPLICIT_ZONE.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `ManualClock: expected YYYY-MM-DD or an ISO instant with a zone, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/**
 * A clock that only moves when told to. A string `YYYY-MM-DD` means 09:00 Beijing time on
 * that date; other strings must be ISO instants with an explicit zone (`Z` or `+08:00`).
 */
export class ManualClock extends Clock {
  private currentMs: number;

  constructor(start: Date | string) {
    super();
    this.currentMs = toInstantMs(start);
  }

  override now(): Date {
    // A fresh Date each call, so a caller mutating it cannot move the clock.
    return new Date(this.currentMs);
  }

  set(instant: Date | string): this {
    this.currentMs = toInstantMs(instant);
    return this;
  }

  /** Moves by whole 24-hour days (same as calendar days: Beijing time has no DST). */
  advanceDays(n: number): this {
    if (!Number.isSafeInteger(n)) throw new RangeError(`ManualClock: days must be a whole number, got ${n}`);
    return this.advanceMs(n * MS_PER_DAY);
  }

  advanceMs(n: number): this {
    if (!Number.isSafeInteger(n)) throw new RangeError(`ManualClock: milliseconds must be a whole number, got ${n}`);
    const next = this.currentMs + n;
    if (Number.isNaN(new Date(next).getTime())) throw new RangeError('ManualClock: time out of range');
    this.currentMs = next;
    return this;
  }
}
