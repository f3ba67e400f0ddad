import { isQuietHour, quietHoursDelayMs, quietHoursEnd, quietHoursEndOn } from './quiet-hours';

const at = (iso: string): Date => new Date(iso);

describe('quiet hours (21:00–08:00 Asia/Shanghai)', () => {
  describe('isQuietHour', () => {
    const sut = isQuietHour;

    it.each([
      ['2026-03-01T20:59:59.999+08:00', false],
      ['2026-03-01T21:00:00+08:00', true],
      ['2026-03-01T23:30:00+08:00', true],
      ['2026-03-02T00:00:00+08:00', true],
      ['2026-03-02T07:59:59.999+08:00', true],
      ['2026-03-02T08:00:00+08:00', false],
      ['2026-03-02T12:00:00+08:00', false],
    ])('%s → %s', (iso, quiet) => {
      expect(sut(at(iso))).toBe(quiet);
    });

    it('reads the Beijing wall clock, not UTC: 13:30Z is 21:30 in Beijing', () => {
      expect(sut(at('2026-03-01T13:30:00Z'))).toBe(true);
      expect(sut(at('2026-03-01T12:59:00Z'))).toBe(false);
    });
  });

  describe('quietHoursEnd', () => {
    const sut = quietHoursEnd;

    it('is undefined during the day: send now', () => {
      expect(sut(at('2026-03-01T08:00:00+08:00'))).toBeUndefined();
      expect(sut(at('2026-03-01T20:59:00+08:00'))).toBeUndefined();
    });

    it('from 21:00 is 08:00 the next day', () => {
      expect(sut(at('2026-03-01T22:00:00+08:00'))?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    });

    it('after midnight is 08:00 the same day', () => {
      expect(sut(at('2026-03-02T03:15:00+08:00'))?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    });

    it('crosses a month and a year end', () => {
      expect(sut(at('2026-02-28T21:00:00+08:00'))?.toISOString()).toBe(quietHoursEndOn('2026-03-01').toISOString());
      expect(sut(at('2026-12-31T23:59:00+08:00'))?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    });
  });

  describe('quietHoursDelayMs', () => {
    const sut = quietHoursDelayMs;

    it('is 0 outside the quiet hours', () => {
      expect(sut(at('2026-03-01T10:00:00+08:00'))).toBe(0);
    });

    it('is the time left until 08:00', () => {
      expect(sut(at('2026-03-01T22:00:00+08:00'))).toBe(10 * 60 * 60 * 1000);
      expect(sut(at('2026-03-02T07:59:00+08:00'))).toBe(60 * 1000);
    });
  });
});
