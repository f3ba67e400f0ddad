import { GroupBy } from '../query/group-by';

/**
 * The dims of reporting.due_township_cells: due_cells rolled up over village, industry, model,
 * partner and cohort month, by due date, kept by the same writer in the same transaction
 * (migration 1765000000300). Recovery's `month` is the month of the due date, so it is among
 * them; so are the filters (projectId, from/to by due date) and the scope (county, township).
 */
const DUE_ROLLUP_DIMS: readonly GroupBy[] = ['project', 'county', 'township', 'round', 'month'];

/**
 * The due cells a recovery grouping reads: the township rollup when it needs no finer dim (by
 * month, township, project: a row per township and due day instead of one per village cohort and
 * due day), the full due cells otherwise.
 */
export function dueCellsFor(groupBy: readonly GroupBy[]): 'reporting.due_township_cells' | 'reporting.due_cells' {
  return groupBy.every((g) => DUE_ROLLUP_DIMS.includes(g)) ? 'reporting.due_township_cells' : 'reporting.due_cells';
}
