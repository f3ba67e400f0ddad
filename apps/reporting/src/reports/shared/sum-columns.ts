/** A cell column to sum, optionally over only the rows a condition picks (`FILTER (WHERE …)`). */
export type SumOf = string | { column: string; where: string };

/**
 * `sum(<table>.<column>)::text AS "<key>"` for each figure: bigint sums come back as text and
 * are read exactly (a sum of fen past 2^53 refuses rather than rounds).
 */
export function sumSelect(table: string, columns: Record<string, SumOf>): string[] {
  return Object.entries(columns).map(([key, of]) => {
    const sum = typeof of === 'string' ? `sum(${table}.${of})` : `sum(${table}.${of.column}) FILTER (WHERE ${of.where})`;
    return `COALESCE(${sum}, 0)::text AS "${key}"`;
  });
}

/** The sums of a row, as whole numbers. */
export function readSums<K extends string>(row: Record<string, unknown>, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = Number(row[key] ?? 0);
      if (!Number.isSafeInteger(value)) throw new RangeError(`the sum ${key} (${String(row[key])}) is not a whole number JavaScript holds exactly`);
      return [key, value];
    }),
  ) as Record<K, number>;
}
