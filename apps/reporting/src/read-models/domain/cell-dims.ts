/**
 * The breakdown every report offers, as the key of a cell. Never null (a key): no partner is '',
 * no round is 0. `month` is the month the fact belongs to ('YYYY-MM'): an application's
 * submission, a loan's disbursement.
 */
export interface CellDims {
  project_id: string;
  county_code: string;
  township_code: string;
  village_code: string;
  industry: string;
  model: string;
  partner_id: string;
  round: number;
  month: string;
}

export const CELL_DIMS: readonly (keyof CellDims)[] = [
  'project_id',
  'county_code',
  'township_code',
  'village_code',
  'industry',
  'model',
  'partner_id',
  'round',
  'month',
];

/** What one fact adds to one cell: its key and the sums (only the figures it touches). */
export interface CellShare<K = CellDims> {
  key: K;
  values: Record<string, number>;
}

/** 'YYYY-MM' of a business date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** A key as one string, for merging and ordering the updates of a transaction. */
export function keyString(key: object): string {
  return JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The change to apply to the cells when a fact's shares go from `before` to `after`: minus the
 * old, plus the new, merged per key, zero changes dropped, keys in a stable order (so two
 * transactions lock the same cells in the same order).
 */
export function cellChanges<K extends object>(before: readonly CellShare<K>[], after: readonly CellShare<K>[]): CellShare<K>[] {
  const merged = new Map<string, CellShare<K>>();
  const add = (share: CellShare<K>, sign: 1 | -1) => {
    const id = keyString(share.key);
    const cell = merged.get(id) ?? { key: share.key, values: {} };
    for (const [name, value] of Object.entries(share.values)) cell.values[name] = (cell.values[name] ?? 0) + sign * value;
    merged.set(id, cell);
  };
  for (const share of before) add(share, -1);
  for (const share of after) add(share, 1);
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, cell]) => ({ key: cell.key, values: Object.fromEntries(Object.entries(cell.values).filter(([, v]) => v !== 0)) }))
    .filter((cell) => Object.keys(cell.values).length > 0);
}
