import { DomainError } from './domain-error';
import { FieldProblems, hasProblems } from './field-problems';

/**
 * The 400 of a request that is well-formed but does not hold together (a village outside the
 * township, a visit before the survey, an id that is no UUID): code validation_failed and the
 * problems by field, the same shape the validation pipe gives a malformed body, so a client
 * reads both alike.
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
