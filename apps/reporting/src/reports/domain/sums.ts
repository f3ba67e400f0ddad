/** A group's sums: counts and fen only, so groups add up by plain addition. */
export type Sums<K extends string> = Record<K, number>;

/** The sums of several groups as one (a report's 合计 row): rates are then computed from these, never averaged. */
export function addUp<K extends string>(keys: readonly K[], groups: readonly Sums<K>[]): Sums<K> {
  const total = Object.fromEntries(keys.map((k) => [k, 0])) as Sums<K>;
  for (const group of groups) for (const k of keys) total[k] += group[k];
  return total;
}
