/**
 * What a column holds, which decides how each format shows it: JSON keeps integers (fen,
 * counts) and rates as numbers; CSV and XLSX show fen as yuan with two decimals and a rate
 * as a fraction (XLSX formats it 0.00%).
 */
export type ColumnKind = 'text' | 'count' | 'fen' | 'ratio';

export type CellValue = string | number | null;

/** One column of a report: its JSON key, its Chinese header, what it holds and how to read it from a row. */
export interface Column<Row> {
  key: string;
  header: string;
  kind: ColumnKind;
  value: (row: Row) => CellValue;
}

/** A report as the three formats see it: the one column list drives JSON, CSV and XLSX. */
export interface ReportTable<Row> {
  /** The file name's stem (ASCII, so every browser keeps it): `portfolio-2026-12-01`. */
  fileStem: string;
  /** The worksheet's name (Chinese, at most 31 characters). */
  sheetName: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** The 合计 row, figures from the summed sums; shown last in CSV and XLSX. */
  total?: Row;
}

/** A row as JSON: one key per column, in column order; fen and counts as integers, rates as numbers (null: no figure). */
export function jsonRow<Row>(columns: readonly Column<Row>[], row: Row): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const c of columns) out[c.key] = c.value(row);
  return out;
}

/** The report as JSON: the rows, and the total when there is one. */
export function jsonTable<Row>(table: ReportTable<Row>): { items: Record<string, CellValue>[]; total?: Record<string, CellValue> } {
  const items = table.rows.map((row) => jsonRow(table.columns, row));
  return table.total === undefined ? { items } : { items, total: jsonRow(table.columns, table.total) };
}
