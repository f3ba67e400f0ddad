import { ServerResponse } from 'node:http';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CORRELATION_HEADER, correlationIdFrom } from '../correlation/correlation-context';
import type { RequestWithId } from './logging.module';

const QUIET = new Set(['/health', '/ready', '/metrics']);

/**
 * One line when a request ends: method, url, status, time taken and its id (the correlation id),
 * as pino-http wrote them ("request completed", "request errored" from 500 on, "request aborted"
 * when the client went first), from the root logger with no child per request. Gives the request
 * its id first, so a request refused before the correlation middleware has one too.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  use(req: RequestWithId, res: ServerResponse, next: () => void): void {
    if (typeof req.id !== 'string') req.id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    const logger = PinoLogger.root;
    if (logger?.isLevelEnabled('info') && !QUIET.has(req.url ?? '')) {
      const started = performance.now();
      const done = () => {
        res.removeListener('finish', done);
        res.removeListener('close', done);
        const statusCode = res.statusCode;
        const aborted = !res.writableFinished;
        const line = {
          req: { id: req.id, method: req.method, url: (req as { originalUrl?: string }).originalUrl ?? req.url },
          res: { statusCode },
          responseTime: Math.round(performance.now() - started),
          correlationId: req.id,
        };
        if (aborted) logger.warn(line, 'request aborted');
        else if (statusCode >= 500) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      };
      res.once('finish', done);
      res.once('close', done);
    }
    next();
  }
}
