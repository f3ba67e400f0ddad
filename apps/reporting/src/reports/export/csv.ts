import { fenToYuan } from '@xingfu/kernel';
import { CellValue, Column, ReportTable } from './report-table';

/** Excel reads a UTF-8 CSV as the machine's code page (GBK on a Chinese Windows) unless it starts with a byte-order mark. */
const BOM = '\uFEFF';
/** RFC 4180: records end with CRLF. */
const EOL = '\r\n';
/** A cell Excel or LibreOffice would run as a formula (=, +, -, @; tab and CR start one too). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text cell, safe to open: one that would start a formula gets a leading ' (OWASP's advice
 * against CSV injection: a village name typed as =HYPERLINK(...) stays text), then RFC 4180
 * quoting. Numbers we format ourselves (yuan, counts, rates; a negative income change is
 * "-200.00") are never prefixed, or they would stop being numbers.
 */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell<Row>(column: Column<Row>, value: CellValue): string {
  if (value === null) return '';
  if (column.kind === 'text' || typeof value === 'string') return csvText(String(value));
  if (column.kind === 'fen') return fenToYuan(value);
  return String(value);
}

/** The report as CSV: BOM, the Chinese header row, one record per row and the 合计 row last. */
export function toCsv<Row>(table: ReportTable<Row>): Buffer {
  const rows = table.total === undefined ? table.rows : [...table.rows, table.total];
  const lines = [table.columns.map((c) => csvText(c.header)), ...rows.map((row) => table.columns.map((c) => csvCell(c, c.value(row))))];
  return Buffer.from(BOM + lines.map((cells) => cells.join(',')).join(EOL) + EOL, 'utf8');
}
