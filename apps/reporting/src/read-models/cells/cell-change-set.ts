import { EntityManager } from 'typeorm';
import { CellShare, cellChanges } from '../domain/cell-dims';
import { applyCellChanges, DUE_CELLS, PORTFOLIO_CELLS } from './cell-writer';

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
    await applyCellChanges(manager, DUE_CELLS, cellChanges(this.due.before, this.due.after));
  }
}

/** The shares a fact row's `counted` column holds (jsonb; null before it counted anywhere). */
export function countedShares(counted: unknown): CellShare<object>[] {
  return Array.isArray(counted) ? (counted as CellShare<object>[]) : [];
}
