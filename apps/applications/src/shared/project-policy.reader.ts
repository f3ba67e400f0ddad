import { Injectable } from '@nestjs/common';
import { assertInScope, AuthUser } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
import { EntityManager } from 'typeorm';
import { ProjectPolicy } from '../domain/project-policy';
import { ProjectPolicyEntity } from './project-policy.entity';
import { ProjectEntity } from './project.entity';

/** Reads a project and the policy version in force (or a given past version). */
@Injectable()
export class ProjectPolicyReader {
  /** The project, 404 when missing or outside the caller's county scope. */
  async project(manager: EntityManager, projectId: string, user?: AuthUser): Promise<ProjectEntity> {
    const project = await manager.findOne(ProjectEntity, { where: { id: projectId } });
    if (!project) throw new DomainError('not_found', 'not_found', `project ${projectId} was not found`, { id: projectId });
    if (user) assertInScope(user, { countyCode: project.countyCode }, 'project', projectId);
    return project;
  }

  /** The policy in force now for the project. */
  async current(manager: EntityManager, projectId: string): Promise<ProjectPolicy> {
    const project = await this.project(manager, projectId);
    return this.version(manager, projectId, project.policyVersion);
  }

  async version(manager: EntityManager, projectId: string, version: number): Promise<ProjectPolicy> {
    const row = await manager.findOne(ProjectPolicyEntity, { where: { projectId, version } });
    if (!row) throw new DomainError('not_found', 'not_found', `project ${projectId} has no policy version ${version}`);
    return {
      version: row.version,
      aidStandard: row.aidStandard,
      loanPolicy: row.loanPolicy,
      creditGrades: row.creditGrades,
      creditWeights: row.creditWeights,
      publicNoticeDays: row.publicNoticeDays,
    };
  }
}
