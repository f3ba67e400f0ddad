import { Injectable } from '@nestjs/common';
import { assertInScope, AuthUser } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
import { entityById, hydrate, queryPipelined, SqlStatement } from '@xingfu/database';
import { EntityManager } from 'typeorm';
import { ProjectPolicy } from '../domain/project-policy';
import { ProjectPolicyEntity } from './project-policy.entity';
import { ProjectEntity } from './project.entity';

/** Reads a project and the policy version in force (or a given past version). */
@Injectable()
export class ProjectPolicyReader {
  /** The project, 404 when missing or outside the caller's county scope. */
  async project(manager: EntityManager, projectId: string, user?: AuthUser): Promise<ProjectEntity> {
    const [rows] = await queryPipelined(manager, [this.projectStatement(manager, projectId)]);
    return this.projectFrom(manager, rows, projectId, user);
  }

  /** project()'s read, for a caller that sends it with other statements in one round trip (`projectFrom` reads its rows). */
  projectStatement(manager: EntityManager, projectId: string): SqlStatement {
    return entityById(manager, ProjectEntity, projectId);
  }

  /** project()'s answer from the rows of `projectStatement`. */
  projectFrom(manager: EntityManager, rows: Record<string, unknown>[], projectId: string, user?: AuthUser): ProjectEntity {
    if (!rows.length) throw new DomainError('not_found', 'not_found', `project ${projectId} was not found`, { id: projectId });
    const project = hydrate(manager, ProjectEntity, rows[0]);
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
