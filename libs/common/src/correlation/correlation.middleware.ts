import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER, correlationIdFrom, runWithContext } from './correlation-context';

/** Carries one correlation id from the request into logs and the events it causes. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
    const correlationId = typeof req.id === 'string' ? req.id : correlationIdFrom(req.headers[CORRELATION_HEADER]);
    req.id = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, next);
  }
}
