import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { pageOf } from '@xingfu/common';
import { DomainError } from '@xingfu/kernel';
import { Clock } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { PausePeriod } from '../../../domain/arrears';
import { LoanRow } from '../../../shared/loan.rows';
import { LoanView } from '../../../shared/loan-view';
import { bucketFilterSql } from './bucket-filter';
import { ListLoansQuery } from './list-loans.query';

/**
 * Loans in the caller's scope (scopedWhere fails closed), filtered and paged, each as its row
 * shows it (no schedule), with days past due and bucket on the business date (the filter by
 * bucket too: bucket-filter.ts). Partners see none: 404, as guarantees.
 */
@QueryHandler(ListLoansQuery)
export class ListLoansHandler implements IQueryHandler<ListLoansQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: LoanView,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, user }: ListLoansQuery) {
    if (user.role === 'partner') throw new DomainError('not_found', 'not_found', 'loans were not found');
    const scope = scopedWhere(user, { township: 'l.township_code', county: 'l.county_code' });
    const { page, pageSize, skip } = pageOf(filter);
    const query = this.dataSource.createQueryBuilder().select('l.*').from('loans.loans', 'l').where(scope.sql, scope.params);
    if (filter.projectId) query.andWhere('l.project_id = :projectId', { projectId: filter.projectId });
    if (filter.township) query.andWhere('l.township_code = :township', { township: filter.township });
    if (filter.village) query.andWhere('l.village_code = :village', { village: filter.village });
    if (filter.status) query.andWhere('l.status = :status', { status: filter.status });
    if (filter.bucket) {
      const bucket = bucketFilterSql(filter.bucket, 'asOf');
      query.andWhere(bucket.sql, { ...bucket.params, asOf: this.clock.today() });
    }
    if (filter.partnerId) query.andWhere('l.partner_id = :partnerId', { partnerId: filter.partnerId });
    if (filter.round) query.andWhere('l.round = :round', { round: filter.round });
    const total = await query.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>();
    const rows: LoanRow[] = await query.orderBy('l.created_at', 'ASC').addOrderBy('l.id', 'ASC').offset(skip).limit(pageSize).getRawMany();
    const pauses = await this.pausesOf(rows.map((r) => r.id));
    return { items: rows.map((row) => this.view.summarise(row, pauses.get(row.id) ?? [])), page, pageSize, total: total?.total ?? 0 };
  }

  /** The page's pauses, in one statement: its days past due leave paused days out. */
  private async pausesOf(loanIds: string[]): Promise<Map<string, PausePeriod[]>> {
    const byLoan = new Map<string, PausePeriod[]>();
    if (!loanIds.length) return byLoan;
    const rows: { loan_id: string; from: string; to: string }[] = await this.dataSource.query(
      `SELECT loan_id, from_date AS "from", to_date AS "to" FROM loans.arrears_pauses WHERE loan_id = ANY($1::uuid[])`,
      [loanIds],
    );
    for (const r of rows) byLoan.set(r.loan_id, [...(byLoan.get(r.loan_id) ?? []), { from: r.from, to: r.to }]);
    return byLoan;
  }
}
