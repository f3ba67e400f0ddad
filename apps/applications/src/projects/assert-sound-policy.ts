import { DomainError } from '@xingfu/common';
import { PolicyParts, policyProblems } from './domain/policy-rules';

/** 400 validation_failed with the problems by field, the shape DTO validation failures have too. */
export function assertSoundPolicy(policy: PolicyParts): void {
  const problems = policyProblems(policy);
  if (Object.keys(problems).length) throw new DomainError('invalid', 'validation_failed', 'The project policy is inconsistent.', problems);
}
