import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { pageOf } from '@xingfu/common';
import { DomainError } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { LoanRow } from '../../../shared/loan.rows';
import { LoanView } from '../../../shared/loan-view';
import { ListLoansQuery } from './list-loans.query';

/** Loans in the caller's scope (scopedWhere fails closed), filtered and paged, each as its row shows it (no schedule). Partners see none: 404, as guarantees. */
@QueryHandler(ListLoansQuery)
export class ListLoansHandler implements IQueryHandler<ListLoansQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: LoanView,
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
    if (filter.bucket) query.andWhere('l.bucket = :bucket', { bucket: filter.bucket });
    if (filter.partnerId) query.andWhere('l.partner_id = :partnerId', { partnerId: filter.partnerId });
    if (filter.round) query.andWhere('l.round = :round', { round: filter.round });
    const total = await query.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>();
    const rows: LoanRow[] = await query.orderBy('l.created_at', 'ASC').addOrderBy('l.id', 'ASC').offset(skip).limit(pageSize).getRawMany();
    return { items: rows.map((row) => this.view.summarise(row)), page, pageSize, total: total?.total ?? 0 };
  }
}
