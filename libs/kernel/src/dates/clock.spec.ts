import { Clock, ManualClock, SystemClock } from './clock';

describe('SystemClock', () => {
  it('reports the current time', () => {
    const sut = new SystemClock();
    const before = Date.now();
    const now = sut.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('is a Clock, so it can stand in wherever a Clock is injected', () => {
    expect(new SystemClock()).toBeInstanceOf(Clock);
  });
});

describe('ManualClock', () => {
  it('treats a bare date as 09:00 Beijing time on that date', () => {
    const sut = new ManualClock('2026-03-01');
    expect(sut.now().toISOString()).toBe('2026-03-01T01:00:00.000Z');
    expect(sut.today()).toBe('2026-03-01');
  });

  it('starts at the given Date', () => {
    const sut = new ManualClock(new Date('2026-03-01T12:34:56.789Z'));
    expect(sut.now().toISOString()).toBe('2026-03-01T12:34:56.789Z');
  });

  it('accepts an ISO instant with an explicit zone', () => {
    const sut = new ManualClock('2026-03-01T23:30:00+08:00');
    expect(sut.now().toISOString()).toBe('2026-03-01T15:30:00.000Z');
  });

  it('reports today in Beijing time rather than UTC', () => {
    const sut = new ManualClock(new Date('2026-03-01T16:30:00Z'));
    expect(sut.today()).toBe('2026-03-02');
  });

  it('stands still until told to move', () => {
    const sut = new ManualClock('2026-03-01');
    expect(sut.now().getTime()).toBe(sut.now().getTime());
  });

  it('cannot be moved by mutating the Date it returned', () => {
    const sut = new ManualClock('2026-03-01');
    sut.now().setUTCFullYear(1999);
    expect(sut.today()).toBe('2026-03-01');
  });

  it('is not moved by later changes to the Date it started from', () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const sut = new ManualClock(start);
    start.setUTCFullYear(1999);
    expect(sut.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('jumps to a new instant with set', () => {
    const sut = new ManualClock('2026-03-01');
    sut.set('2026-04-15');
    expect(sut.today()).toBe('2026-04-15');
    sut.set(new Date('2026-05-01T00:00:00Z'));
    expect(sut.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('advances by whole days, keeping the time of day', () => {
    const sut = new ManualClock('2026-02-27');
    sut.advanceDays(2);
    expect(sut.today()).toBe('2026-03-01');
    expect(sut.now().toISOString()).toBe('2026-03-01T01:00:00.000Z');
  });

  it('moves back with a negative number of days', () => {
    const sut = new ManualClock('2026-03-01').advanceDays(-1);
    expect(sut.today()).toBe('2026-02-28');
  });

  it('advances by milliseconds and rolls the business date at Beijing midnight', () => {
    const sut = new ManualClock('2026-03-01T23:59:59.999+08:00');
    expect(sut.today()).toBe('2026-03-01');
    sut.advanceMs(1);
    expect(sut.today()).toBe('2026-03-02');
  });

  it('supports chaining', () => {
    const sut = new ManualClock('2026-03-01').advanceDays(1).advanceMs(60_000);
    expect(sut.now().toISOString()).toBe('2026-03-02T01:01:00.000Z');
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['an instant without a zone, which would depend on the host time zone', '2026-03-01T09:00:00'],
    ['garbage', 'next tuesday'],
  ])('rejects %s', (_label, value) => {
    expect(() => new ManualClock(value)).toThrow(RangeError);
    expect(() => new ManualClock('2026-03-01').set(value)).toThrow(RangeError);
  });

  it('rejects an invalid Date', () => {
    expect(() => new ManualClock(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('rejects fractional or non-finite steps', () => {
    const sut = new ManualClock('2026-03-01');
    expect(() => sut.advanceDays(0.5)).toThrow(RangeError);
    expect(() => sut.advanceMs(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(sut.today()).toBe('2026-03-01');
  });
});
