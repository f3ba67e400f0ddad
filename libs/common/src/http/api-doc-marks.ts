/**
 * Marks the enforcing decorators (@Public, @Roles, @ScopedRecord) leave on an OpenAPI
 * operation, so the errors Swagger lists are derived from what the route really does
 * (see documentErrors) instead of being restated, and drifting, by hand.
 */
export const DOC_PUBLIC = 'x-public';
/** The roles that may call the route (kept in the document: it is useful to a client). */
export const DOC_ROLES = 'x-roles';
/** The kind of record a @ScopedRecord route acts on. */
export const DOC_SCOPED_RECORD = 'x-scoped-record';
