import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { PORTFOLIO_SUMS, PortfolioFigures, portfolioFigures, PortfolioSums } from '../domain/portfolio-figures';
import { addUp } from '../domain/sums';
import { ReportTable } from '../export/report-table';
import { Grouped, grouping, totalRow } from '../query/group-by';
import { fileStem, ReportScope, reportScope, whereInScope } from '../query/report-filters';
import { readSums, sumSelect } from '../shared/sum-columns';
import { cellsFor } from './portfolio-cells';
import { PORTFOLIO_COLUMNS } from './portfolio.columns';
import { GetPortfolioQuery } from './get-portfolio.query';

/** The portfolio cells' columns behind each sum (read-models' migration documents them). */
const CELL_COLUMNS: Record<keyof PortfolioSums, string> = {
  applicants: 'applicants',
  eligible: 'eligible',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  disbursedCount: 'disbursed_count',
  disbursedFen: 'disbursed_fen',
  repaidPrincipalFen: 'repaid_principal_fen',
  repaidFeeFen: 'repaid_fee_fen',
  outstandingFen: 'principal_outstanding_fen',
  activeCount: 'active_count',
  repaidCount: 'repaid_count',
  par1Count: 'par1_count',
  par1Fen: 'par1_fen',
  par30Count: 'par30_count',
  par30Fen: 'par30_fen',
  par90Count: 'par90_count',
  par90Fen: 'par90_fen',
  defaultedCount: 'defaulted_count',
  writtenOffCount: 'written_off_count',
  writtenOffFen: 'written_off_fen',
  followedUp: 'followed_up',
  outOfPoverty: 'out_of_poverty',
  firstIncomeFen: 'first_income_fen',
  latestIncomeFen: 'latest_income_fen',
  buybackCount: 'buyback_count',
  buybackGrossFen: 'buyback_gross_fen',
  buybackNetToMotherFen: 'buyback_net_to_mother_fen',
};

export interface PortfolioReport {
  scope: ReportScope;
  table: ReportTable<Grouped<PortfolioFigures>>;
}

/**
 * The portfolio, grouped: sums of the portfolio cells in the caller's scope (the township rollup
 * when the grouping allows, portfolio-cells.ts), never a scan of the loans (the cells are kept in
 * step with every fact). `from`/`to` pick the cells' months
 * (a loan's disbursement month, an application's submission month) from the month of `from` to
 * the month of `to`: the cells are monthly. PAR is "now" (the loans' latest ageing), as the cells are.
 */
@QueryHandler(GetPortfolioQuery)
export class GetPortfolioHandler implements IQueryHandler<GetPortfolioQuery, PortfolioReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, user }: GetPortfolioQuery): Promise<PortfolioReport> {
    const scope = reportScope(filter, this.clock.today());
    const groups = grouping<PortfolioFigures>(scope.groupBy, 'c');
    const query = whereInScope(this.dataSource.createQueryBuilder().from(cellsFor(scope.groupBy), 'c'), 'c', user, filter.projectId).select([
      ...groups.select,
      ...sumSelect('c', CELL_COLUMNS),
    ]);
    if (filter.from) query.andWhere('c.month >= :fromMonth', { fromMonth: filter.from.slice(0, 7) });
    if (filter.to) query.andWhere('c.month <= :toMonth', { toMonth: filter.to.slice(0, 7) });
    for (const expr of groups.groupBy) query.addGroupBy(expr);
    for (const alias of groups.orderBy) query.addOrderBy(alias, 'ASC', 'NULLS LAST');
    const rows: Record<string, unknown>[] = await query.getRawMany();
    const sums = rows.map((row) => readSums(row, PORTFOLIO_SUMS));
    const total = addUp(PORTFOLIO_SUMS, sums);
    return {
      scope,
      table: {
        fileStem: fileStem('portfolio', scope.groupBy, scope.asOf),
        sheetName: '贷款组合',
        columns: [...groups.columns, ...PORTFOLIO_COLUMNS],
        rows: rows.map((row, i) => ({ dims: groups.read(row), figures: portfolioFigures(sums[i]) })),
        total: totalRow(scope.groupBy, portfolioFigures(total)),
      },
    };
  }
}
