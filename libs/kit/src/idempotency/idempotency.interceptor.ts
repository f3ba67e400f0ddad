import { createHash } from 'node:crypto';
import { BadRequestException, CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { catchError, Observable, of, throwError } from 'rxjs';
import { IdempotentReplay, runWithIdempotentRequest } from './idempotent-request';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const REQUIRED = 'xingfu:idempotency-required';
/** Printable ASCII, no spaces, at most 255: a UUID fits, a log injection does not. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The route refuses a write without an Idempotency-Key (money: a retry must never post twice). */
export const RequireIdempotencyKey = () => SetMetadata(REQUIRED, true);

/**
 * Handles the Idempotency-Key header of every POST in one place. It only names the request;
 * the unit of work claims the key and stores the answer in the command's own transaction, and
 * a replay comes back here as IdempotentReplay to be answered with the first response.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const required = this.reflector.getAllAndOverride<boolean>(REQUIRED, [context.getHandler(), context.getClass()]);
    if (header === undefined) {
      if (required) throw keyProblem('This route needs an Idempotency-Key header (a new UUID for each new request, the same one for a retry).');
      return next.handle();
    }
    if (request.method !== 'POST') return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) throw keyProblem('Idempotency-Key must be 1–255 printable characters without spaces.');
    const statusCode = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const idempotent = {
      key: header,
      actor: request.user?.id ?? 'anonymous',
      route: `${request.method} ${request.baseUrl}${request.path}`,
      requestHash: hashOf(request.body),
      statusCode,
      claimed: false,
    };
    const response = context.switchToHttp().getResponse<Response>();
    return new Observable((subscriber) =>
      runWithIdempotentRequest(idempotent, () =>
        next
          .handle()
          .pipe(
            catchError((error: unknown) => {
              if (!(error instanceof IdempotentReplay)) return throwError(() => error);
              response.status(error.statusCode).setHeader(REPLAYED_HEADER, 'true');
              return of(error.body);
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

function keyProblem(message: string): BadRequestException {
  return new BadRequestException({ code: 'validation_failed', message, details: { 'Idempotency-Key': [message] } });
}

/** The body's hash with object keys sorted, so the same JSON in another key order is the same request. */
export function hashOf(body: unknown): string {
  return createHash('sha256').update(stableJson(body ?? null)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
