import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopeFilter } from '@xingfu/auth';
import { DomainError, PiiCipher } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from '../../shared/application.entity';
import { presentApplication } from '../../shared/application-view';
import { ListApplicationsQuery } from './list-applications.query';

@QueryHandler(ListApplicationsQuery)
export class ListApplicationsHandler implements IQueryHandler<ListApplicationsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  async execute({ filter, user }: ListApplicationsQuery) {
    const scope = scopeFilter(user);
    // Partners never see applications; the list does not exist for them.
    if (scope?.none || scope?.partnerId) throw new DomainError('not_found', 'not_found', 'applications were not found');
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const query = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a');
    if (scope?.townships) query.andWhere('a.township_code IN (:...townships)', { townships: scope.townships.length ? scope.townships : [''] });
    if (scope?.counties) query.andWhere('a.county_code IN (:...counties)', { counties: scope.counties.length ? scope.counties : [''] });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.townshipCode) query.andWhere('a.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    if (filter.villageCode) query.andWhere('a.village_code = :villageCode', { villageCode: filter.villageCode });
    if (filter.projectId) query.andWhere('a.project_id = :projectId', { projectId: filter.projectId });
    if (filter.industry) query.andWhere('a.industry = :industry', { industry: filter.industry });
    const [rows, total] = await query
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map((a) => presentApplication(a, user, this.pii)), page, pageSize, total };
  }
}
