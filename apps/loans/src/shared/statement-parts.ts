/**
 * The positional parameters of one statement built from parts (data-modifying CTEs written by
 * different owners, e.g. a posting's rows and its ledger entry): each part asks for a `$n` per
 * value, so no part needs to know how many values the parts before it took.
 */
export class StatementParams {
  readonly values: unknown[] = [];

  /** `$n` for the value (optionally cast, e.g. `::int[]`). */
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** `WITH a AS (...), b AS (...) SELECT 1`: every part runs once, to completion, in one round trip. */
export function writesStatement(parts: readonly string[]): string {
  return `WITH ${parts.join(',\n')}\nSELECT 1`;
}
