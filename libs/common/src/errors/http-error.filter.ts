import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { ApiErrorBody } from './api-error';
import { TooManyRequestsError } from './too-many-requests';
import { DomainError } from '@xingfu/kernel';

const KIND_STATUS: Record<DomainError['kind'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
};

const STATUS_CODE: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Every error leaves as {code, message, details}; a stack trace never reaches a client. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (exception instanceof TooManyRequestsError) response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: KIND_STATUS[exception.kind],
        body: { code: exception.code, message: exception.message, details: exception.details },
      };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const bodyParser = asBodyParserError(exception);
    if (bodyParser) return bodyParser;
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.', details: {} },
    };
  }
}

function fromHttpException(exception: HttpException): { status: number; body: ApiErrorBody } {
  const status = exception.getStatus();
  const raw = exception.getResponse();
  if (typeof raw === 'object' && raw !== null && 'code' in raw && 'details' in raw) {
    return { status, body: raw as ApiErrorBody };
  }
  const message =
    typeof raw === 'string'
      ? raw
      : typeof (raw as { message?: unknown }).message === 'string'
        ? (raw as { message: string }).message
        : exception.message;
  return { status, body: { code: STATUS_CODE[status] ?? (status >= 500 ? 'internal_error' : 'error'), message, details: {} } };
}

/** Express's body parser throws plain errors with a status (malformed JSON, too large). */
function asBodyParserError(exception: unknown): { status: number; body: ApiErrorBody } | undefined {
  const e = exception as { status?: number; type?: string; message?: string };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  const code = e.type === 'entity.parse.failed' ? 'invalid_json' : (STATUS_CODE[e.status] ?? 'bad_request');
  const message = e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : (e.message ?? 'Bad request');
  return { status: e.status, body: { code, message, details: {} } };
}
