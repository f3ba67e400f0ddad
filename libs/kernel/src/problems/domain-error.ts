/**
 * Errors raised by domain code (which knows nothing of HTTP). The HTTP filter maps the kind
 * to a status: not_found → 404, conflict → 409, invalid → 400, forbidden → 403.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', 'not_found', `${what} ${id} was not found`, { id });
  }
}
