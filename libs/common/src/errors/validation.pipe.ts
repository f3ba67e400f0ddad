import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorBody } from './api-error';
import { cacheValidationMetadata } from '../validation/metadata-cache';

/** Field path → messages, e.g. {"mother.idNumber": ["idNumber must be a valid resident ID number"]}. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    Object.assign(out, fieldErrors(error.children ?? [], path));
  }
  return out;
}

/** Strict input: unknown fields are rejected, types converted only where declared. */
export function createValidationPipe(): ValidationPipe {
  // Every HTTP app makes this pipe: the same lookups also serve the event contracts' checks.
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const body: ApiErrorBody = {
        code: 'validation_failed',
        message: 'The request has invalid fields.',
        details: fieldErrors(errors),
      };
      return new BadRequestException(body);
    },
  });
}
