import { formatChineseDate, formatYuan } from './format';

describe('formatYuan', () => {
  const sut = formatYuan;

  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [123_450, '¥1,234.50'],
    [100_000_000, '¥1,000,000.00'],
    [-500, '-¥5.00'],
  ])('%d fen → %s', (fen, text) => {
    expect(sut(fen)).toBe(text);
  });

  it('refuses a fraction of a fen', () => {
    expect(() => sut(1.5)).toThrow();
  });
});

describe('formatChineseDate', () => {
  const sut = formatChineseDate;

  it('writes year, month and day without leading zeros', () => {
    expect(sut('2026-03-01')).toBe('2026年3月1日');
    expect(sut('2026-12-31')).toBe('2026年12月31日');
  });

  it('refuses what is no date', () => {
    expect(() => sut('2026-02-30')).toThrow(RangeError);
    expect(() => sut('1 March')).toThrow(RangeError);
  });
});
