import { DomainError } from '@xingfu/common';
import { FieldProblems, hasProblems } from '../domain/field-problems';

/**
 * The one 400 of this service for a request that is well-formed but does not hold together
 * (a village outside the township, a visit before the survey): code validation_failed and the
 * problems by field, the shape the validation pipe gives a malformed body, so a client reads
 * both alike. (libs/common/src/errors has no such class yet; this is its only maker here.)
 */
export function validationFailed(problems: FieldProblems, message?: string): DomainError {
  const summary = Object.entries(problems)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(' ');
  return new DomainError('invalid', 'validation_failed', message ?? summary, problems);
}

export function assertNoProblems(problems: FieldProblems, message?: string): void {
  if (hasProblems(problems)) throw validationFailed(problems, message);
}
