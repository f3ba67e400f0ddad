import { RecoveryFigures } from '../domain/recovery-figures';
import { Column } from '../export/report-table';
import { Grouped } from '../query/group-by';

type Row = Grouped<RecoveryFigures>;

/** 回收率 and its parts: what fell due (principal + fee), what of it was repaid, what is still unpaid. */
export const RECOVERY_COLUMNS: Column<Row>[] = [
  { key: 'recoveryRate', header: '回收率', kind: 'ratio', value: (r) => r.figures.recovery.rate },
  { key: 'paidFen', header: '到期已还(元)', kind: 'fen', value: (r) => r.figures.paidFen },
  { key: 'dueFen', header: '到期应还(元)', kind: 'fen', value: (r) => r.figures.dueFen },
  { key: 'unpaidFen', header: '到期未还(元)', kind: 'fen', value: (r) => r.figures.unpaidFen },
  { key: 'duePrincipalFen', header: '其中到期本金(元)', kind: 'fen', value: (r) => r.figures.duePrincipalFen },
];
