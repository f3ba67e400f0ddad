import { Workbook } from 'exceljs';
import { ratioOf, Ratio } from '../domain/ratio';
import { csvText, toCsv } from './csv';
import { Column, ReportTable } from './report-table';
import { toXlsx } from './xlsx';

/** A small report for the format tests: a text dimension, a count, fen and a ratio with its parts. */
interface SampleRow {
  village: string;
  loans: number;
  outstandingFen: number;
  recovery: Ratio;
}

const sampleColumns: Column<SampleRow>[] = [
  { key: 'village', header: '村', kind: 'text', value: (r) => r.village },
  { key: 'loans', header: '贷款笔数', kind: 'count', value: (r) => r.loans },
  { key: 'outstandingFen', header: '贷款余额(元)', kind: 'fen', value: (r) => r.outstandingFen },
  { key: 'recoveryRate', header: '回收率', kind: 'ratio', value: (r) => r.recovery.rate },
  { key: 'paidFen', header: '到期已还(元)', kind: 'fen', value: (r) => r.recovery.numerator },
  { key: 'dueFen', header: '到期应还(元)', kind: 'fen', value: (r) => r.recovery.denominator },
];

function sampleTable(rows: SampleRow[], total?: SampleRow): ReportTable<SampleRow> {
  return { fileStem: 'sample', sheetName: '样表', columns: sampleColumns, rows, total };
}

const SAMPLE_ROWS: SampleRow[] = [
  { village: '新华村', loans: 3, outstandingFen: 123_456_789, recovery: ratioOf(2, 3) },
  { village: '=HYPERLINK("http://x","点我")', loans: 1, outstandingFen: -5, recovery: ratioOf(0, 0) },
];

describe('toCsv', () => {
  const sut = toCsv;

  it('starts with a UTF-8 byte-order mark so Excel reads the Chinese headers', () => {
    const bytes = sut(sampleTable([]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF村,贷款笔数,贷款余额(元),回收率,到期已还(元),到期应还(元)\r\n');
  });

  it('shows fen as yuan with two decimals, rates as fractions, no figure as an empty cell; CRLF after every record', () => {
    const text = sut(sampleTable([SAMPLE_ROWS[0]])).toString('utf8').slice(1);
    expect(text.split('\r\n')).toEqual(['村,贷款笔数,贷款余额(元),回收率,到期已还(元),到期应还(元)', '新华村,3,1234567.89,0.6667,0.02,0.03', '']);
  });

  it('keeps a text cell that looks like a formula as text, quoted per RFC 4180; a negative yuan stays a number', () => {
    const lines = sut(sampleTable([SAMPLE_ROWS[1]])).toString('utf8').split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""点我"")",1,-0.05,,0.00,0.00`);
  });

  it('puts the total row last', () => {
    const lines = sut(sampleTable(SAMPLE_ROWS, { ...SAMPLE_ROWS[0], village: '合计', loans: 4 })).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[3].startsWith('合计,4,')).toBe(true);
  });
});

describe('csvText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=A1,B1', `"'=A1,B1"`],
    ['a=b', 'a=b'],
  ])('%j → %j', (text, cell) => {
    expect(csvText(text)).toBe(cell);
  });
});

async function opened(bytes: Buffer) {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.getWorksheet('样表');
}

describe('toXlsx', () => {
  const sut = toXlsx;

  it('is a workbook with the Chinese header row, frozen', async () => {
    const sheet = await opened(await sut(sampleTable(SAMPLE_ROWS)));
    expect(sheet).toBeDefined();
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(['村', '贷款笔数', '贷款余额(元)', '回收率', '到期已还(元)', '到期应还(元)']);
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('holds yuan as numbers formatted #,##0.00 and rates as fractions formatted 0.00%; no figure is an empty cell', async () => {
    const sheet = await opened(await sut(sampleTable(SAMPLE_ROWS)));
    const [first, second] = [sheet?.getRow(2), sheet?.getRow(3)];
    expect(first?.getCell(3).value).toBe(1234567.89);
    expect(first?.getCell(3).numFmt).toBe('#,##0.00');
    expect(first?.getCell(4).value).toBe(0.6667);
    expect(first?.getCell(4).numFmt).toBe('0.00%');
    expect(first?.getCell(2).value).toBe(3);
    expect(second?.getCell(1).value).toBe('=HYPERLINK("http://x","点我")'); // a string cell, never a formula
    expect(second?.getCell(1).type).toBe(3); // ValueType.String
    expect(second?.getCell(3).value).toBe(-0.05);
    expect(second?.getCell(4).value).toBeNull();
  });

  it('puts the total row last, in bold', async () => {
    const sheet = await opened(await sut(sampleTable(SAMPLE_ROWS, { ...SAMPLE_ROWS[0], village: '合计' })));
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getRow(4).getCell(1).value).toBe('合计');
    expect(sheet?.getRow(4).font?.bold).toBe(true);
  });
});
