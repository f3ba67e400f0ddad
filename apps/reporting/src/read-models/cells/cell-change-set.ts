import { SqlStatement, writePipelined } from '@xingfu/database';
import { EntityManager } from 'typeorm';
import { CellShare, cellChanges } from '../domain/cell-dims';
import { cellStatements, DUE_CELLS, DUE_TOWNSHIP_CELLS, DUE_TOWNSHIP_DIMS, PORTFOLIO_CELLS, PORTFOLIO_TOWNSHIP_CELLS, TOWNSHIP_DIMS } from './cell-writer';

/**
 * What the facts changed in one transaction: every fact refreshed adds its old shares (what
 * `counted` said) and its new ones, and the write of its own row; `apply` sends those writes,
 * then (new − old) for the cells once, merged and in key order, in one round trip, in the same
 * transaction as the facts.
 */
export class CellChangeSet {
  private readonly factWrites: SqlStatement[] = [];
  private readonly portfolio = { before: [] as CellShare<object>[], after: [] as CellShare<object>[] };
  private readonly due = { before: [] as CellShare<object>[], after: [] as CellShare<object>[] };

  portfolioShares(before: readonly CellShare<object>[], after: readonly CellShare<object>[]): void {
    this.portfolio.before.push(...before);
    this.portfolio.after.push(...after);
  }

  dueShares(before: readonly CellShare<object>[], after: readonly CellShare<object>[]): void {
    this.due.before.push(...before);
    this.due.after.push(...after);
  }

  /** A fact's own write (its derived status, what it now counts), sent first by `apply`. */
  writeFact(statement: SqlStatement): void {
    this.factWrites.push(statement);
  }

  async apply(manager: EntityManager): Promise<void> {
    await writePipelined(manager, [
      ...this.factWrites,
      ...cellStatements(PORTFOLIO_CELLS, cellChanges(this.portfolio.before, this.portfolio.after)),
      ...cellStatements(PORTFOLIO_TOWNSHIP_CELLS, rolledUp(TOWNSHIP_DIMS, this.portfolio)),
      ...cellStatements(DUE_CELLS, cellChanges(this.due.before, this.due.after)),
      ...cellStatements(DUE_TOWNSHIP_CELLS, rolledUp(DUE_TOWNSHIP_DIMS, this.due)),
    ]);
  }
}

/** The changes of a rollup: the same shares with their keys cut to its dims (cellChanges merges what then shares a key). */
function rolledUp(dims: readonly string[], shares: { before: CellShare<object>[]; after: CellShare<object>[] }): CellShare<object>[] {
  const cut = (share: CellShare<object>): CellShare<object> => {
    const key = share.key as Record<string, unknown>;
    return { key: Object.fromEntries(dims.map((d) => [d, key[d]])), values: share.values };
  };
  return cellChanges(shares.before.map(cut), shares.after.map(cut));
}

/** The shares a fact row's `counted` column holds (jsonb; null before it counted anywhere). */
export function countedShares(counted: unknown): CellShare<object>[] {
  return Array.isArray(counted) ? (counted as CellShare<object>[]) : [];
}
