import { EntityManager } from 'typeorm';
import { CellShare, cellChanges } from '../domain/cell-dims';
import { applyCellChanges, DUE_CELLS, DUE_TOWNSHIP_CELLS, DUE_TOWNSHIP_DIMS, PORTFOLIO_CELLS, PORTFOLIO_TOWNSHIP_CELLS, TOWNSHIP_DIMS } from './cell-writer';

/**
 * What the facts changed in one transaction: every fact refreshed adds its old shares (what
 * `counted` said) and its new ones; `apply` writes (new − old) to the cells once, merged and in
 * key order, in the same transaction as the facts.
 */
export class CellChangeSet {
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

  async apply(manager: EntityManager): Promise<void> {
    await applyCellChanges(manager, PORTFOLIO_CELLS, cellChanges(this.portfolio.before, this.portfolio.after));
    await applyCellChanges(manager, PORTFOLIO_TOWNSHIP_CELLS, rolledUp(TOWNSHIP_DIMS, this.portfolio));
    await applyCellChanges(manager, DUE_CELLS, cellChanges(this.due.before, this.due.after));
    await applyCellChanges(manager, DUE_TOWNSHIP_CELLS, rolledUp(DUE_TOWNSHIP_DIMS, this.due));
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
