import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopedWhere } from '@xingfu/auth';
import { DataSource } from 'typeorm';
import { ProjectPolicyEntity } from '../../shared/project-policy.entity';
import { ProjectEntity } from '../../shared/project.entity';
import { presentProject, ProjectView } from '../project-view';
import { ListProjectsQuery } from './list-projects.query';

/**
 * Projects are county-level: foundation and admin see all, a project manager their counties, an
 * officer the counties of their townships. A partner sees none (it never sees applications, and a
 * project is the list of them).
 */
@QueryHandler(ListProjectsQuery)
export class ListProjectsHandler implements IQueryHandler<ListProjectsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ user }: ListProjectsQuery): Promise<{ items: ProjectView[] }> {
    const scope = scopedWhere(user, { county: 'p.county_code' });
    const projects = await this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .where(scope.sql, scope.params)
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    if (projects.length === 0) return { items: [] };
    const policies = await this.dataSource
      .getRepository(ProjectPolicyEntity)
      .createQueryBuilder('pp')
      .innerJoin(ProjectEntity, 'p', 'p.id = pp.projectId AND p.policyVersion = pp.version')
      .where('pp.projectId IN (:...ids)', { ids: projects.map((p) => p.id) })
      .getMany();
    const byProject = new Map(policies.map((p) => [p.projectId, p]));
    const items = projects.flatMap((project) => {
      const policy = byProject.get(project.id);
      return policy ? [presentProject(project, policy)] : [];
    });
    return { items };
  }
}
