import { GroupBy } from '../query/group-by';

/**
 * The dims of reporting.portfolio_township_cells: the same figures as portfolio_cells rolled up
 * over village, industry, model and partner, kept by the same writer in the same transaction
 * (migration 1765000000200). The filters (projectId, from/to months) and the scope (county,
 * township) are all among them.
 */
const TOWNSHIP_ROLLUP_DIMS: readonly GroupBy[] = ['project', 'county', 'township', 'round', 'month'];

/**
 * The cells a portfolio grouping reads: the township rollup when it needs no finer dim (by
 * township, month, project: a row per township-month instead of one per village cohort, which
 * over a million loans is 12,000 rows instead of 182,000), the full cells otherwise.
 */
export function cellsFor(groupBy: readonly GroupBy[]): 'reporting.portfolio_township_cells' | 'reporting.portfolio_cells' {
  return groupBy.every((g) => TOWNSHIP_ROLLUP_DIMS.includes(g)) ? 'reporting.portfolio_township_cells' : 'reporting.portfolio_cells';
}
