import { Workbook } from 'exceljs';
import { fenToYuan } from '@xingfu/kernel';
import { CellValue, Column, ColumnKind, ReportTable } from './report-table';

/** Yuan with a thousands separator and two decimals; a rate as a percentage with two decimals (0.9123 → 91.23%). */
export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, count: '0', fen: '#,##0.00', ratio: '0.00%' };

function xlsxValue<Row>(column: Column<Row>, value: CellValue): string | number | null {
  if (value === null) return null;
  // Through fenToYuan, the one conversion: the cell holds the yuan the CSV shows (1234.5 for 123450 fen).
  if (column.kind === 'fen' && typeof value === 'number') return Number(fenToYuan(value));
  return value;
}

/** Column widths in characters: a Chinese header needs about two per character. */
function widthOf<Row>(column: Column<Row>): number {
  const header = [...column.header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  return Math.max(header + 2, column.kind === 'text' ? 14 : 12);
}

/**
 * The report as a real workbook: one sheet, a bold header row frozen in place (so it stays
 * while an officer scrolls on a phone), each column with its number format, the 合计 row last.
 */
export async function toXlsx<Row>(table: ReportTable<Row>): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'xingfu reporting';
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: widthOf(c), style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  sheet.getRow(1).font = { bold: true };
  const rows = table.total === undefined ? table.rows : [...table.rows, table.total];
  for (const row of rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxValue(c, c.value(row))])));
  if (table.total !== undefined) sheet.getRow(rows.length + 1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
