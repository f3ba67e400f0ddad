import { pageOf } from '@xingfu/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { DomainError } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { GuaranteeRow } from '../../shared/guarantee.rows';
import { GuaranteeView } from '../../shared/guarantee-view';
import { ListGuaranteesQuery } from './list-guarantees.query';

/** Guarantees in the caller's scope (scopedWhere fails closed), filtered and paged; a guarantor's list matches any party the household ever was. */
@QueryHandler(ListGuaranteesQuery)
export class ListGuaranteesHandler implements IQueryHandler<ListGuaranteesQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: GuaranteeView,
  ) {}

  async execute({ filter, user }: ListGuaranteesQuery) {
    if (user.role === 'partner') throw new DomainError('not_found', 'not_found', 'guarantees were not found');
    const scope = scopedWhere(user, { township: 'g.township_code', county: 'g.county_code' });
    const { page, pageSize, skip } = pageOf(filter);
    const query = this.dataSource.createQueryBuilder().select('g.*').from('guarantees.guarantees', 'g').where(scope.sql, scope.params);
    if (filter.applicationId) query.andWhere('g.application_id = :applicationId', { applicationId: filter.applicationId });
    if (filter.loanId) query.andWhere('g.loan_id = :loanId', { loanId: filter.loanId });
    if (filter.status) query.andWhere('g.status = :status', { status: filter.status });
    if (filter.township) query.andWhere('g.township_code = :township', { township: filter.township });
    if (filter.householdIdHash) {
      query.andWhere(`EXISTS (SELECT 1 FROM guarantees.parties p WHERE p.guarantee_id = g.id AND p.role = 'household' AND p.id_number_hash = :hash)`, { hash: filter.householdIdHash });
    }
    const total = await query.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>();
    const rows: GuaranteeRow[] = await query
      .orderBy('g.opened_on', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .offset(skip)
      .limit(pageSize)
      .getRawMany();
    return { items: await this.view.presentAll(this.dataSource.manager, rows), page, pageSize, total: total?.total ?? 0 };
  }
}
