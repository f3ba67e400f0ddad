import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { Clock } from '@xingfu/common';
import { AuthUser } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { FUND_SUMS, fundFigures, FundSums } from '../domain/fund-figures';
import { addUp } from '../domain/sums';
import { ReportTable } from '../export/report-table';
import { readSums, SumOf, sumSelect } from '../shared/sum-columns';
import { FundRow, FUND_COLUMNS } from './funds.columns';
import { GetFundsQuery } from './get-funds.query';

export interface FundsReport {
  scope: { asOf: string; projectId: string | null };
  table: ReportTable<FundRow>;
}

type Part = Partial<FundSums> & { project_id: string; county_code: string };

/**
 * Per project: committed and received from reporting.fund_contributions; lent, repaid, written
 * off and outstanding from the township cells (the portfolio's sums, rolled up: a project needs no
 * finer dim). A fund is a county-level record, so the scope is the county (an officer sees the
 * whole fund of her townships' county, as every county-level record).
 */
@QueryHandler(GetFundsQuery)
export class GetFundsHandler implements IQueryHandler<GetFundsQuery, FundsReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, user }: GetFundsQuery): Promise<FundsReport> {
    const asOf = this.clock.today();
    const [contributions, loans, names] = await Promise.all([
      this.sums(user, filter.projectId, 'reporting.fund_contributions', {
        committedFen: { column: 'amount_fen', where: `f.stage = 'committed'` },
        receivedFen: { column: 'amount_fen', where: `f.stage = 'received'` },
      }),
      this.sums(user, filter.projectId, 'reporting.portfolio_township_cells', {
        disbursedFen: 'disbursed_fen',
        repaidPrincipalFen: 'repaid_principal_fen',
        writtenOffFen: 'written_off_fen',
        outstandingFen: 'principal_outstanding_fen',
      }),
      this.dataSource.query(`SELECT project_id::text AS project_id, name FROM reporting.projects`) as Promise<{ project_id: string; name: string | null }[]>,
    ]);
    const nameOf = new Map(names.map((p) => [p.project_id, p.name]));
    const byProject = new Map<string, { county: string; sums: FundSums }>();
    for (const part of [...contributions, ...loans]) {
      const entry = byProject.get(part.project_id) ?? { county: part.county_code, sums: addUp(FUND_SUMS, []) };
      for (const key of FUND_SUMS) entry.sums[key] += part[key] ?? 0;
      byProject.set(part.project_id, entry);
    }
    const projects = [...byProject].sort(([a, x], [b, y]) => x.county.localeCompare(y.county) || a.localeCompare(b));
    const total = addUp(
      FUND_SUMS,
      projects.map(([, p]) => p.sums),
    );
    return {
      scope: { asOf, projectId: filter.projectId ?? null },
      table: {
        fileStem: ['funds', asOf].join('-'),
        sheetName: '基金',
        columns: FUND_COLUMNS,
        rows: projects.map(([projectId, p]) => ({ projectId, projectName: nameOf.get(projectId) ?? null, countyCode: p.county, figures: fundFigures(p.sums) })),
        total: { projectId: '合计', projectName: null, countyCode: null, figures: fundFigures(total) },
      },
    };
  }

  /** Sums per project of one table, in the caller's county scope. */
  private async sums(user: AuthUser, projectId: string | undefined, table: string, columns: Partial<Record<keyof FundSums, SumOf>>): Promise<Part[]> {
    const scope = scopedWhere(user, { county: 'f.county_code' });
    const query = this.dataSource
      .createQueryBuilder()
      .from(table, 'f')
      .select(['f.project_id::text AS project_id', 'min(f.county_code) AS county_code', ...sumSelect('f', columns as Record<string, SumOf>)])
      .where(scope.sql, scope.params)
      .groupBy('f.project_id');
    if (projectId) query.andWhere('f.project_id = :projectId', { projectId });
    const rows: Record<string, unknown>[] = await query.getRawMany();
    const keys = Object.keys(columns) as (keyof FundSums)[];
    return rows.map((row) => ({ project_id: String(row.project_id), county_code: String(row.county_code), ...readSums(row, keys) }));
  }
}
