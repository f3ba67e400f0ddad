import { SqlStatement } from '@xingfu/database';
import { CELL_DIMS, CellShare } from '../domain/cell-dims';

export const PORTFOLIO_FIGURES = [
  'applicants', 'eligible', 'approved', 'rejected', 'withdrawn', 'followed_up', 'out_of_poverty', 'first_income_fen', 'latest_income_fen',
  'disbursed_count', 'disbursed_fen', 'repaid_principal_fen', 'repaid_fee_fen', 'written_off_count', 'written_off_fen', 'defaulted_count',
  'repaid_count', 'active_count', 'principal_outstanding_fen', 'par1_count', 'par1_fen', 'par30_count', 'par30_fen', 'par90_count', 'par90_fen',
  'buyback_count', 'buyback_gross_fen', 'buyback_net_to_mother_fen',
] as const;
export const DUE_FIGURES = ['due_fen', 'due_principal_fen', 'paid_fen'] as const;

interface CellTable {
  name: string;
  keys: readonly string[];
  figures: readonly string[];
}

/** The SQL type of a key column (every figure is bigint): parameters in a VALUES list need theirs. */
const KEY_TYPES: Record<string, string> = { project_id: 'uuid', round: 'int', due_date: 'date' };
const typeOf = (column: string, table: CellTable) => (table.figures.includes(column) ? 'bigint' : (KEY_TYPES[column] ?? 'text'));

export const PORTFOLIO_CELLS: CellTable = { name: 'reporting.portfolio_cells', keys: CELL_DIMS, figures: PORTFOLIO_FIGURES };
/** The same figures rolled up to the dims most reports group by (see migration 1765000000200). */
export const TOWNSHIP_DIMS = ['project_id', 'county_code', 'township_code', 'round', 'month'] as const;
export const PORTFOLIO_TOWNSHIP_CELLS: CellTable = { name: 'reporting.portfolio_township_cells', keys: TOWNSHIP_DIMS, figures: PORTFOLIO_FIGURES };
export const DUE_CELLS: CellTable = { name: 'reporting.due_cells', keys: [...CELL_DIMS, 'due_date'], figures: DUE_FIGURES };
/** What falls due rolled up the same way, by due date (no cohort month: recovery's month is the due date's; migration 1765000000300). */
export const DUE_TOWNSHIP_DIMS = ['project_id', 'county_code', 'township_code', 'round', 'due_date'] as const;
export const DUE_TOWNSHIP_CELLS: CellTable = { name: 'reporting.due_township_cells', keys: DUE_TOWNSHIP_DIMS, figures: DUE_FIGURES };

/**
 * The statements that add the changes (from `cellChanges`: merged, in key order) to a table of
 * cells, to run in the caller's transaction in this order: the upsert, then (when a figure went
 * down) the delete of a cell that is all zeros afterwards, so the cells hold only what some fact
 * adds (the same rows whatever order the facts arrived in).
 */
export function cellStatements(table: CellTable, changes: readonly CellShare<object>[]): SqlStatement[] {
  if (!changes.length) return [];
  const columns = [...table.keys, ...table.figures];
  const params: unknown[] = [];
  const rows = changes.map((change) => {
    const key = change.key as Record<string, unknown>;
    const values = [...table.keys.map((k) => key[k]), ...table.figures.map((f) => change.values[f] ?? 0)];
    return `(${values.map((v, i) => `$${params.push(v)}::${typeOf(columns[i], table)}`).join(', ')})`;
  });
  const statements: SqlStatement[] = [
    {
      sql: `INSERT INTO ${table.name} AS c (${columns.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT (${table.keys.join(', ')}) DO UPDATE SET ${table.figures.map((f) => `${f} = c.${f} + EXCLUDED.${f}`).join(', ')}`,
      params,
    },
  ];
  const lowered = changes.filter((change) => Object.values(change.values).some((v) => v < 0));
  if (!lowered.length) return statements;
  const keyParams: unknown[] = [];
  const keyRows = lowered.map((change) => {
    const key = change.key as Record<string, unknown>;
    return `(${table.keys.map((k) => `$${keyParams.push(key[k])}::${typeOf(k, table)}`).join(', ')})`;
  });
  statements.push({
    sql: `DELETE FROM ${table.name} c USING (VALUES ${keyRows.join(', ')}) AS k (${table.keys.join(', ')})
     WHERE ${table.keys.map((k) => `c.${k} = k.${k}`).join(' AND ')} AND ${table.figures.map((f) => `c.${f} = 0`).join(' AND ')}`,
    params: keyParams,
  });
  return statements;
}
