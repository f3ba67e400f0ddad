import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { DomainError, PiiCipher, pageOf } from '@xingfu/common';
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
    // Partners never see applications (their ID numbers): the list does not exist for them, as no record of it does.
    if (user.role === 'partner') throw new DomainError('not_found', 'not_found', 'applications were not found');
    const scope = scopedWhere(user, { township: 'a.township_code', county: 'a.county_code' });
    const { page, pageSize, skip } = pageOf(filter);
    const query = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a').where(scope.sql, scope.params);
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.townshipCode) query.andWhere('a.township_code = :townshipCode', { townshipCode: filter.townshipCode });
    if (filter.villageCode) query.andWhere('a.village_code = :villageCode', { villageCode: filter.villageCode });
    if (filter.projectId) query.andWhere('a.project_id = :projectId', { projectId: filter.projectId });
    if (filter.industry) query.andWhere('a.industry = :industry', { industry: filter.industry });
    const [rows, total] = await query
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map((a) => presentApplication(a, user, this.pii)), page, pageSize, total };
  }
}
