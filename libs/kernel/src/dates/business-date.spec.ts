import {
  addDays,
  addMonths,
  BUSINESS_TIME_ZONE,
  daysBetween,
  endOfBusinessDay,
  isBusinessDateString,
  startOfBusinessDay,
  toBusinessDate,
} from './business-date';

describe('business-date', () => {
  it('uses Beijing time as the business time zone', () => {
    expect(BUSINESS_TIME_ZONE).toBe('Asia/Shanghai');
  });

  describe('toBusinessDate', () => {
    it('returns the Beijing calendar date even when UTC is still on the previous day', () => {
      expect(toBusinessDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    });

    it('keeps the same date until Beijing midnight', () => {
      expect(toBusinessDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    });

    it('rolls over the year at Beijing midnight on New Year', () => {
      expect(toBusinessDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    });

    it('rejects an invalid Date', () => {
      expect(() => toBusinessDate(new Date('nonsense'))).toThrow(RangeError);
    });
  });

  describe('isBusinessDateString', () => {
    it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts the real date %s', (v) => {
      expect(isBusinessDateString(v)).toBe(true);
    });

    it.each([
      ['a non-leap 29 February', '2026-02-29'],
      ['1900, which is not a leap year', '1900-02-29'],
      ['31 April', '2026-04-31'],
      ['month 13', '2026-13-01'],
      ['day 0', '2026-01-00'],
      ['a missing zero pad', '2026-1-01'],
      ['a timestamp', '2026-01-01T00:00:00Z'],
      ['slashes', '2026/01/01'],
      ['an empty string', ''],
    ])('rejects %s', (_label, v) => {
      expect(isBusinessDateString(v)).toBe(false);
    });

    it.each([null, undefined, 20260101, new Date()])('rejects the non-string %p', (v) => {
      expect(isBusinessDateString(v)).toBe(false);
    });
  });

  describe('addDays', () => {
    it('crosses month and year ends', () => {
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    });

    it('lands on 29 February in a leap year', () => {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    });

    it('goes backwards for negative days', () => {
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    });

    it('returns the same date for zero days', () => {
      expect(addDays('2026-05-17', 0)).toBe('2026-05-17');
    });

    it('rejects fractional days and invalid dates', () => {
      expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
      expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    });
  });

  describe('daysBetween', () => {
    it('counts whole days from the first date to the second', () => {
      expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
      expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
      expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    });

    it('is negative when the second date is earlier', () => {
      expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    });

    it('is zero for the same date', () => {
      expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    });

    it('is the inverse of addDays', () => {
      expect(daysBetween('2026-01-15', addDays('2026-01-15', 400))).toBe(400);
    });
  });

  describe('addMonths', () => {
    it('keeps the day of the month when it exists', () => {
      expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    });

    it('clamps to the last day of a shorter month', () => {
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    });

    it('crosses year boundaries both ways', () => {
      expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
      expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
      expect(addMonths('2026-06-10', -18)).toBe('2024-12-10');
    });

    it('adds whole years as multiples of twelve months', () => {
      expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
      expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    });

    it('rejects fractional months', () => {
      expect(() => addMonths('2026-01-01', 0.5)).toThrow(RangeError);
    });
  });

  describe('start and end of the business day', () => {
    it('starts at 00:00 Beijing time, which is 16:00 UTC the day before', () => {
      expect(startOfBusinessDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    });

    it('ends at 23:59:59.999 Beijing time', () => {
      expect(endOfBusinessDay('2026-03-01').toISOString()).toBe('2026-03-01T15:59:59.999Z');
    });

    it('ends one millisecond before the next business day starts', () => {
      expect(startOfBusinessDay('2026-12-31').getTime() + 24 * 3600 * 1000 - 1).toBe(
        endOfBusinessDay('2026-12-31').getTime(),
      );
      expect(endOfBusinessDay('2026-12-31').getTime() + 1).toBe(startOfBusinessDay('2027-01-01').getTime());
    });

    it('round-trips through toBusinessDate at both edges', () => {
      expect(toBusinessDate(startOfBusinessDay('2026-07-01'))).toBe('2026-07-01');
      expect(toBusinessDate(endOfBusinessDay('2026-07-01'))).toBe('2026-07-01');
    });

    it('rejects an invalid date', () => {
      expect(() => startOfBusinessDay('2026-02-30')).toThrow(RangeError);
      expect(() => endOfBusinessDay('tomorrow')).toThrow(RangeError);
    });
  });
});

describe('toBusinessDate by the fixed offset', () => {
  const byIntl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  it('agrees with the Asia/Shanghai calendar at every hour over four years, around each midnight too', () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 + 7_000) {
      for (const instant of [new Date(t), new Date(t - (t % 86_400_000) + 16 * 3_600_000 - 1), new Date(t - (t % 86_400_000) + 16 * 3_600_000)]) {
        expect(toBusinessDate(instant)).toBe(byIntl.format(instant));
      }
    }
  });
});
