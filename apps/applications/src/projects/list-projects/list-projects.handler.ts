import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { scopeFilter } from '@xingfu/auth';
import { countyOfTownship } from '@xingfu/contracts';
import { DataSource, FindOptionsWhere, In } from 'typeorm';
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
    const scope = scopeFilter(user);
    if (scope?.none || scope?.partnerId) return { items: [] };
    const counties = scope ? [...new Set(scope.counties ?? scope.townships?.map(countyOfTownship) ?? [])] : null;
    // An empty scope is no project at all, never "no filter".
    if (counties && counties.length === 0) return { items: [] };
    const where: FindOptionsWhere<ProjectEntity> = counties ? { countyCode: In(counties) } : {};
    const projects = await this.dataSource.getRepository(ProjectEntity).find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
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
