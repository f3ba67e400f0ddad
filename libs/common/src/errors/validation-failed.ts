import { DomainError } from './domain-error';

/** What is wrong with a request, by field path as the validation pipe names them ("mother.idNumber"). */
export type ProblemsByField = Record<string, string[]>;

/**
 * The 400 of a request that is well-formed but does not hold together (a village outside the
 * township, a visit before the survey, an id that is no UUID): code validation_failed and the
 * problems by field, the same shape the validation pipe gives a malformed body, so a client
 * reads both alike.
 */
export function validationFailed(problems: ProblemsByField, message?: string): DomainError {
  const summary = Object.entries(problems)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(' ');
  return new DomainError('invalid', 'validation_failed', message ?? summary, problems);
}

export function assertNoProblems(problems: ProblemsByField, message?: string): void {
  if (Object.keys(problems).length > 0) throw validationFailed(problems, message);
}
