import { assertFen, Fen, isBusinessDateString } from '@xingfu/kernel';

/** 123450 fen → `¥1,234.50`; -500 → `-¥5.00`. Digits only, no float. */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = String((abs - cents) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(cents).padStart(2, '0')}`;
}

/** `2026-03-01` → `2026年3月1日` (no leading zeros, as written in Chinese). */
export function formatChineseDate(date: string): string {
  if (!isBusinessDateString(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
