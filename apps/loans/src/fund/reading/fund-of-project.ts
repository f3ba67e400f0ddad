import { assertInScope } from '@xingfu/auth';
import { AuthUser, DomainError } from '@xingfu/kernel';
import { EntityManager } from 'typeorm';

export interface FundRow {
  project_id: string;
  county_code: string;
  opened_on: string;
}

/** A project's fund for a reader: 404 when there is none, or it is outside the reader's scope (the guard checked it; a read checks again). */
export async function fundOfProject(manager: EntityManager, projectId: string, user: AuthUser): Promise<FundRow> {
  const [fund]: FundRow[] = await manager.query(`SELECT project_id, county_code, opened_on::text AS opened_on FROM loans.funds WHERE project_id = $1`, [projectId]);
  if (!fund) throw new DomainError('not_found', 'not_found', `project ${projectId} was not found`, { id: projectId });
  assertInScope(user, { countyCode: fund.county_code }, 'project', projectId);
  return fund;
}
