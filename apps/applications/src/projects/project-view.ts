import { ProjectPolicy } from '../domain/project-policy';
import { ProjectEntity } from '../shared/project.entity';

/** A project as the API shows it: with the policy version in force and its rules. */
export function presentProject(project: ProjectEntity, policy: ProjectPolicy) {
  return {
    id: project.id,
    name: project.name,
    countyCode: project.countyCode,
    policyVersion: policy.version,
    aidStandard: policy.aidStandard,
    loanPolicy: policy.loanPolicy,
    creditGrades: policy.creditGrades,
    creditWeights: policy.creditWeights,
    publicNoticeDays: policy.publicNoticeDays,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

export type ProjectView = ReturnType<typeof presentProject>;
