import { EntityManager } from 'typeorm';
import { CellShare, cellChanges } from '../domain/cell-dims';
import { applyCellChanges, DUE_CELLS, PORTFOLIO_CELLS, PORTFOLIO_TOWNSHIP_CELLS, TOWNSHIP_DIMS } from './cell-writer';

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
    await applyCellChanges(manager, PORTFOLIO_TOWNSHIP_CELLS, cellChanges(this.portfolio.before.map(toTownship), this.portfolio.after.map(toTownship)));
    await applyCellChanges(manager, DUE_CELLS, cellChanges(this.due.before, this.due.after));
  }
}

/** A portfolio share with its key cut to the rollup's dims (cellChanges merges what then shares a key). */
function toTownship(share: CellShare<object>): CellShare<object> {
  const key = share.key as Record<string, unknown>;
  return { key: Object.fromEntries(TOWNSHIP_DIMS.map((d) => [d, key[d]])), values: share.values };
}

/** The shares a fact row's `counted` column holds (jsonb; null before it counted anywhere). */
export function countedShares(counted: unknown): CellShare<object>[] {
  return Array.isArray(counted) ? (counted as CellShare<object>[]) : [];
}
