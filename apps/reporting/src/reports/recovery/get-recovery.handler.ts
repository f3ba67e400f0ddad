import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { RECOVERY_SUMS, RecoveryFigures, recoveryFigures, RecoverySums } from '../domain/recovery-figures';
import { addUp } from '../domain/sums';
import { ReportTable } from '../export/report-table';
import { GroupBy, Grouped, grouping, totalRow } from '../query/group-by';
import { fileStem, ReportScope, reportScope, whereInScope } from '../query/report-filters';
import { readSums, sumSelect } from '../shared/sum-columns';
import { dueCellsFor } from './due-cells';
import { GetRecoveryQuery } from './get-recovery.query';
import { RECOVERY_COLUMNS } from './recovery.columns';

const DUE_COLUMNS: Record<keyof RecoverySums, string> = { dueFen: 'due_fen', duePrincipalFen: 'due_principal_fen', paidFen: 'paid_fen' };
/** By month, unless told otherwise: the report the programme sends upward. */
const DEFAULT_GROUP_BY: GroupBy[] = ['month'];

export interface RecoveryReport {
  scope: ReportScope;
  table: ReportTable<Grouped<RecoveryFigures>>;
}

/**
 * 回收率 from reporting.due_cells (the township rollup when the grouping allows, due-cells.ts):
 * the instalments due on or before the business date (and within from/to, by due date), what fell
 * due and what of it has been repaid to date. Here `month` is the month the instalments fell due,
 * not the loans' disbursement month.
 */
@QueryHandler(GetRecoveryQuery)
export class GetRecoveryHandler implements IQueryHandler<GetRecoveryQuery, RecoveryReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, user }: GetRecoveryQuery): Promise<RecoveryReport> {
    const scope = reportScope({ ...filter, groupBy: filter.groupBy ?? DEFAULT_GROUP_BY }, this.clock.today());
    const groups = grouping<RecoveryFigures>(scope.groupBy, 'd', { month: `to_char(d.due_date, 'YYYY-MM')` });
    const query = whereInScope(this.dataSource.createQueryBuilder().from(dueCellsFor(scope.groupBy), 'd'), 'd', user, filter.projectId)
      .select([...groups.select, ...sumSelect('d', DUE_COLUMNS)])
      .andWhere('d.due_date <= :asOf', { asOf: scope.asOf });
    if (filter.from) query.andWhere('d.due_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.due_date <= :to', { to: filter.to });
    for (const expr of groups.groupBy) query.addGroupBy(expr);
    for (const alias of groups.orderBy) query.addOrderBy(alias, 'ASC', 'NULLS LAST');
    const rows: Record<string, unknown>[] = await query.getRawMany();
    const sums = rows.map((row) => readSums(row, RECOVERY_SUMS));
    return {
      scope,
      table: {
        fileStem: fileStem('recovery', scope.groupBy, scope.asOf),
        sheetName: '回收率',
        columns: [...groups.columns, ...RECOVERY_COLUMNS],
        rows: rows.map((row, i) => ({ dims: groups.read(row), figures: recoveryFigures(sums[i]) })),
        total: totalRow(scope.groupBy, recoveryFigures(addUp(RECOVERY_SUMS, sums))),
      },
    };
  }
}
