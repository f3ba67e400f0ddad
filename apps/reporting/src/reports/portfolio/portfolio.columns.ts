import { PortfolioFigures } from '../domain/portfolio-figures';
import { Column } from '../export/report-table';
import { Grouped } from '../query/group-by';

type Row = Grouped<PortfolioFigures>;
const f = (pick: (figures: PortfolioFigures) => number | null) => (row: Row) => pick(row.figures);

/** The figures of the portfolio report, in the order a reader checks them: each rate beside its numerator; its denominator is a column before it. */
export const PORTFOLIO_COLUMNS: Column<Row>[] = [
  { key: 'applicants', header: '申请人数', kind: 'count', value: f((x) => x.applicants) },
  { key: 'eligible', header: '符合条件', kind: 'count', value: f((x) => x.eligible) },
  { key: 'approved', header: '已批准', kind: 'count', value: f((x) => x.approved) },
  { key: 'rejected', header: '已拒绝', kind: 'count', value: f((x) => x.rejected) },
  { key: 'withdrawn', header: '已撤回', kind: 'count', value: f((x) => x.withdrawn) },
  { key: 'disbursedCount', header: '放款笔数', kind: 'count', value: f((x) => x.disbursedCount) },
  { key: 'disbursedFen', header: '放款金额(元)', kind: 'fen', value: f((x) => x.disbursedFen) },
  { key: 'repaidPrincipalFen', header: '已还本金(元)', kind: 'fen', value: f((x) => x.repaidPrincipalFen) },
  { key: 'repaidFeeFen', header: '已还费用(元)', kind: 'fen', value: f((x) => x.repaidFeeFen) },
  { key: 'outstandingFen', header: '贷款余额(元)', kind: 'fen', value: f((x) => x.outstandingFen) },
  { key: 'activeCount', header: '在贷笔数', kind: 'count', value: f((x) => x.activeCount) },
  { key: 'repaidCount', header: '已结清笔数', kind: 'count', value: f((x) => x.repaidCount) },
  { key: 'par1Rate', header: 'PAR1', kind: 'ratio', value: f((x) => x.par1.rate) },
  { key: 'par1Fen', header: '逾期1天以上余额(元)', kind: 'fen', value: f((x) => x.par1Fen) },
  { key: 'par30Rate', header: 'PAR30', kind: 'ratio', value: f((x) => x.par30.rate) },
  { key: 'par30Fen', header: '逾期30天以上余额(元)', kind: 'fen', value: f((x) => x.par30Fen) },
  { key: 'par90Rate', header: 'PAR90', kind: 'ratio', value: f((x) => x.par90.rate) },
  { key: 'par90Fen', header: '逾期90天以上余额(元)', kind: 'fen', value: f((x) => x.par90Fen) },
  { key: 'defaultRate', header: '违约率', kind: 'ratio', value: f((x) => x.defaultRate.rate) },
  { key: 'defaultedCount', header: '违约笔数', kind: 'count', value: f((x) => x.defaultedCount) },
  { key: 'writtenOffCount', header: '核销笔数', kind: 'count', value: f((x) => x.writtenOffCount) },
  { key: 'writtenOffFen', header: '核销金额(元)', kind: 'fen', value: f((x) => x.writtenOffFen) },
  { key: 'buybackCount', header: '回购笔数', kind: 'count', value: f((x) => x.buybackCount) },
  { key: 'buybackGrossFen', header: '回购总额(元)', kind: 'fen', value: f((x) => x.buybackGrossFen) },
  { key: 'buybackNetToMotherFen', header: '母亲净得(元)', kind: 'fen', value: f((x) => x.buybackNetToMotherFen) },
  { key: 'followedUp', header: '回访人数', kind: 'count', value: f((x) => x.followedUp) },
  { key: 'outOfPovertyRate', header: '脱贫率', kind: 'ratio', value: f((x) => x.outOfPovertyRate.rate) },
  { key: 'outOfPoverty', header: '脱贫人数', kind: 'count', value: f((x) => x.outOfPoverty) },
  { key: 'firstIncomeFen', header: '首次回访收入合计(元)', kind: 'fen', value: f((x) => x.firstIncomeFen) },
  { key: 'latestIncomeFen', header: '最近回访收入合计(元)', kind: 'fen', value: f((x) => x.latestIncomeFen) },
  { key: 'incomeChangeFen', header: '收入变化(元)', kind: 'fen', value: f((x) => x.incomeChangeFen) },
  { key: 'averageIncomeChangeFen', header: '人均收入变化(元)', kind: 'fen', value: f((x) => x.averageIncomeChangeFen) },
];
