import { PolicyParts, policyProblems } from './domain/policy-rules';
import { assertNoProblems } from '@xingfu/common';

/** 400 validation_failed with the problems by field, the shape DTO validation failures have too. */
export function assertSoundPolicy(policy: PolicyParts): void {
  assertNoProblems(policyProblems(policy), 'The project policy is inconsistent.');
}
