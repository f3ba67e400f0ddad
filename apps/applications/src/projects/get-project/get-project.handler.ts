import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { presentProject, ProjectView } from '../project-view';
import { GetProjectQuery } from './get-project.query';

/** One project with the policy in force; 404 outside the caller's county scope (partners included). */
@QueryHandler(GetProjectQuery)
export class GetProjectHandler implements IQueryHandler<GetProjectQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ProjectPolicyReader,
  ) {}

  async execute({ projectId, user }: GetProjectQuery): Promise<ProjectView> {
    const manager = this.dataSource.manager;
    const project = await this.policies.project(manager, projectId, user);
    return presentProject(project, await this.policies.version(manager, projectId, project.policyVersion));
  }
}
