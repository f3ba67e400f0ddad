import { StreamableFile } from '@nestjs/common';
import { toCsv } from '../export/csv';
import { CellValue, jsonTable, ReportTable } from '../export/report-table';
import { toXlsx } from '../export/xlsx';

export type FileFormat = 'csv' | 'xlsx';

const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The report as a download: the bytes, their type, and a file name (ASCII: the stem, the format). */
export async function reportFile<Row>(table: ReportTable<Row>, format: FileFormat): Promise<StreamableFile> {
  const bytes = format === 'csv' ? toCsv(table) : await toXlsx(table);
  return new StreamableFile(bytes, { type: CONTENT_TYPES[format], disposition: `attachment; filename="${table.fileStem}.${format}"`, length: bytes.length });
}

export interface ReportJson {
  /** What each key of a row is: its Chinese header and what it holds (fen, count, ratio, text), for a client that draws it. */
  columns: { key: string; header: string; kind: string }[];
  items: Record<string, CellValue>[];
  total?: Record<string, CellValue>;
}

/** The report as JSON: the same columns as the files, money in fen, rates as numbers (null: no figure). */
export function reportJson<Row>(table: ReportTable<Row>): ReportJson {
  return { columns: table.columns.map(({ key, header, kind }) => ({ key, header, kind })), ...jsonTable(table) };
}
