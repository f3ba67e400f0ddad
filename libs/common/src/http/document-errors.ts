import { OpenAPIObject } from '@nestjs/swagger';
import { DOC_PUBLIC, DOC_ROLES, DOC_SCOPED_RECORD } from './api-doc-marks';

const ERROR_SCHEMA = 'ApiError';

interface Operation {
  summary?: string;
  requestBody?: unknown;
  parameters?: { in: string }[];
  responses: Record<string, { description: string; content?: unknown }>;
  security?: Record<string, string[]>[];
  [mark: string]: unknown;
}

/**
 * Completes every operation with the errors its enforcing decorators imply, where the
 * controller did not describe them more precisely itself: 401 without a valid token (all
 * but @Public), 403 for a role not listed in @Roles/@ScopedRecord, 404 for a record outside
 * the caller's scope, 400 when a body, path or query is validated. Every 4xx gets the one
 * error shape as its schema.
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_SCHEMA]: errorSchema() } };
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation>)) {
      // First, so its 409 and 422 get the error schema in complete() too.
      if (method === 'post') documentIdempotency(operation);
      complete(operation);
    }
  }
  return document;
}

function complete(op: Operation): void {
  const isPublic = op[DOC_PUBLIC] === true;
  delete op[DOC_PUBLIC];
  op.security = isPublic ? [] : [{ bearer: [] }];
  const roles = op[DOC_ROLES] as string[] | undefined;
  const record = op[DOC_SCOPED_RECORD] as string | undefined;
  delete op[DOC_SCOPED_RECORD];

  const validated = !!op.requestBody || (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path');
  if (validated) add(op, 400, 'validation_failed (details by field) or invalid_json: the request is malformed.');
  if (!isPublic) add(op, 401, 'unauthorized: no valid bearer token.');
  if (roles) add(op, 403, `forbidden: only ${roles.join(', ')} may do this.`);
  if (record) add(op, 404, `not_found: no such ${record} in your scope.`);
  for (const [status, response] of Object.entries(op.responses)) {
    if (Number(status) >= 400 && Number(status) < 500) response.content ??= { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };
  }
}

/** Every POST takes an Idempotency-Key (libs/kit): a retry with it replays the first answer. */
function documentIdempotency(op: Operation): void {
  op.parameters = [
    ...(op.parameters ?? []),
    {
      in: 'header',
      name: 'Idempotency-Key',
      required: false,
      description: 'A new UUID per new request, the same one for its retries: the first answer is replayed (header Idempotent-Replayed: true).',
      schema: { type: 'string', maxLength: 255 },
    } as { in: string },
  ];
  add(op, 409, 'idempotency_key_in_use: a request with this Idempotency-Key is still being handled.');
  add(op, 422, 'idempotency_key_reused: this Idempotency-Key came with another body.');
}

function add(op: Operation, status: number, description: string): void {
  op.responses[status] ??= { description };
}

function errorSchema() {
  return {
    type: 'object',
    description: 'The one shape of every error. Never a stack trace.',
    required: ['code', 'message', 'details'],
    properties: {
      code: { type: 'string', description: 'Stable, machine-readable (e.g. validation_failed, not_found, illegal_transition).', example: 'validation_failed' },
      message: { type: 'string', description: 'One sentence for a person.' },
      details: { type: 'object', additionalProperties: true, description: 'Per field for validation_failed; otherwise what the code needs (e.g. the current state and allowed next steps).' },
    },
  };
}
