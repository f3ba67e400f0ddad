import { FundFigures } from '../domain/fund-figures';
import { Column } from '../export/report-table';

export interface FundRow {
  projectId: string | null;
  projectName: string | null;
  countyCode: string | null;
  figures: FundFigures;
}

/** A project's fund: money pledged and arrived (到位率), lent out in all (滚动率), and where the lent money is now. */
export const FUND_COLUMNS: Column<FundRow>[] = [
  { key: 'projectId', header: '项目', kind: 'text', value: (r) => r.projectId },
  { key: 'projectName', header: '项目名称', kind: 'text', value: (r) => r.projectName },
  { key: 'countyCode', header: '县(区)', kind: 'text', value: (r) => r.countyCode },
  { key: 'committedFen', header: '承诺资金(元)', kind: 'fen', value: (r) => r.figures.committedFen },
  { key: 'receivedFen', header: '到位资金(元)', kind: 'fen', value: (r) => r.figures.receivedFen },
  { key: 'arrivalRate', header: '到位率', kind: 'ratio', value: (r) => r.figures.arrival.rate },
  { key: 'disbursedFen', header: '累计放款(元)', kind: 'fen', value: (r) => r.figures.disbursedFen },
  { key: 'revolvingRate', header: '滚动率', kind: 'ratio', value: (r) => r.figures.revolving.rate },
  { key: 'repaidPrincipalFen', header: '已收回本金(元)', kind: 'fen', value: (r) => r.figures.repaidPrincipalFen },
  { key: 'writtenOffFen', header: '核销金额(元)', kind: 'fen', value: (r) => r.figures.writtenOffFen },
  { key: 'outstandingFen', header: '贷款余额(元)', kind: 'fen', value: (r) => r.figures.outstandingFen },
];
