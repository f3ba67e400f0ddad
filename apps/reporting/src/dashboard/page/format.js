// How the dashboard writes figures, by integer arithmetic (never the browser's locale, never a
// float near money): fen as yuan with two decimals, ratios as percentages with two decimals,
// a missing ratio (denominator 0) as a dash.

export const NO_FIGURE = '—';

function grouped(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count: 1234 → "1,234". */
export function count(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return NO_FIGURE;
  return (n < 0 ? '-' : '') + grouped(String(Math.abs(Math.trunc(n))));
}

/** Integer fen as yuan: 123456 → "¥1,234.56". */
export function yuan(fen) {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return NO_FIGURE;
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${grouped(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/** The report's 4-decimal rate as whole basis points (0.9123 → 9123), so no float rounding follows. */
function basisPoints(rate) {
  return Math.round(rate * 10000);
}

/** A rate of 4 decimals as a percentage: 0.9123 → "91.23%"; null → "—". */
export function percent(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return NO_FIGURE;
  const bp = basisPoints(rate);
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** 滚动率, how many times the fund was lent: 1.2345 → "1.2345 次"; null → "—". */
export function times(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return NO_FIGURE;
  const bp = basisPoints(rate);
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 10000)}.${String(abs % 10000).padStart(4, '0')} 次`;
}

/** A rate as a number of percent for a chart axis (0.9123 → 91.23), null kept as a gap. */
export function percentValue(rate) {
  return typeof rate === 'number' && Number.isFinite(rate) ? basisPoints(rate) / 100 : null;
}

/** Fen as yuan for a chart axis (no money arithmetic is done on it). */
export function yuanValue(fen) {
  return typeof fen === 'number' ? fen / 100 : null;
}
