import { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_HEADER, correlationIdFrom, currentCorrelationId } from '../correlation/correlation-context';

/**
 * JSON logs (pino). Every line written while a request or an event is handled carries its
 * correlation id (the mixin reads the async context), so one case can be followed from the
 * HTTP call through the services its events reach. Never a token.
 */
export function loggingModule(level: string) {
  return LoggerModule.forRoot({
    // Every route in the syntax of Nest 11's router: nestjs-pino's default ('*') is legacy syntax,
    // converted with a LegacyRouteConverter warning per middleware at every start.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      genReqId: (req: IncomingMessage & { id?: unknown }) =>
        typeof req.id === 'string' ? req.id : (req.id = correlationIdFrom(req.headers[CORRELATION_HEADER])),
      // The request's own lines carry it as a binding (also for a request refused before the
      // correlation middleware, malformed JSON say); the mixin adds it to every other line.
      customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: req.id }),
      mixin: (_merge: object, _level: number, logger: { bindings(): Record<string, unknown> }) => {
        const correlationId = currentCorrelationId();
        return correlationId && !('correlationId' in logger.bindings()) ? { correlationId } : {};
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => ['/health', '/ready', '/metrics'].includes(req.url ?? '') },
    },
  });
}
