import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { Column, ReportTable } from '../export/report-table';
import { Grouped, grouping, totalRow } from '../query/group-by';
import { fileStem, ReportScope, reportScope, whereInScope } from '../query/report-filters';
import { readSums } from '../shared/sum-columns';
import { GetRejectionsQuery } from './get-rejections.query';

interface Rejections {
  reason: string | null;
  rejected: number;
}

const COLUMNS: Column<Grouped<Rejections>>[] = [
  { key: 'reason', header: '未批准原因', kind: 'text', value: (r) => r.figures.reason },
  { key: 'rejected', header: '人数', kind: 'count', value: (r) => r.figures.rejected },
];

export interface RejectionsReport {
  scope: ReportScope;
  table: ReportTable<Grouped<Rejections>>;
}

/**
 * Applications rejected, by the reason the decision gave (and the groupBy dims), from the
 * applications facts: rejections are few, and a reason is text no cell can key. `month` and
 * from/to are the submission's. Most frequent reasons first within each group.
 */
@QueryHandler(GetRejectionsQuery)
export class GetRejectionsHandler implements IQueryHandler<GetRejectionsQuery, RejectionsReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, user }: GetRejectionsQuery): Promise<RejectionsReport> {
    const scope = reportScope(filter, this.clock.today());
    const groups = grouping<Rejections>(scope.groupBy, 'a', { partner: `COALESCE(a.partner_id, '')`, round: 'COALESCE(a.round, 0)' });
    const query = whereInScope(this.dataSource.createQueryBuilder().from('reporting.applications', 'a'), 'a', user, filter.projectId)
      .select([...groups.select, 'a.rejection_reason AS reason', 'count(*)::text AS rejected'])
      .andWhere('a.rejected');
    if (filter.from) query.andWhere('a.submitted_on >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.submitted_on <= :to', { to: filter.to });
    for (const expr of groups.groupBy) query.addGroupBy(expr);
    query.addGroupBy('a.rejection_reason');
    for (const alias of groups.orderBy) query.addOrderBy(alias, 'ASC', 'NULLS LAST');
    query.addOrderBy('count(*)', 'DESC').addOrderBy('reason', 'ASC', 'NULLS LAST');
    const rows: Record<string, unknown>[] = await query.getRawMany();
    const counted = rows.map((row) => ({ dims: groups.read(row), figures: { reason: (row.reason ?? null) as string | null, rejected: readSums(row, ['rejected'] as const).rejected } }));
    return {
      scope,
      table: {
        fileStem: fileStem('rejections', scope.groupBy, scope.asOf),
        sheetName: '未批准原因',
        columns: [...groups.columns, ...COLUMNS],
        rows: counted,
        total: totalRow(scope.groupBy, { reason: scope.groupBy.length ? null : '合计', rejected: counted.reduce((sum, r) => sum + r.figures.rejected, 0) }),
      },
    };
  }
}
