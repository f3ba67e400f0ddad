import { IncomingMessage } from 'node:http';
import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { currentCorrelationId } from '../correlation/correlation-context';
import { RequestLogMiddleware } from './request-log.middleware';

/** The request line's middleware, on every route (in the syntax of Nest 11's router). */
@Module({})
class RequestLogModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

/**
 * JSON logs (pino). Every line written while a request or an event is handled carries its
 * correlation id (the mixin reads the async context), so one case can be followed from the
 * HTTP call through the services its events reach. Never a token.
 *
 * One line per request (RequestLogMiddleware), written by the root logger: nestjs-pino's own
 * middleware (pino-http) built a child logger, three listeners and an async-context store for
 * every request, which the app's lines never used (the mixin gives them the correlation id).
 */
export function loggingModule(level: string): DynamicModule {
  return {
    module: RequestLogModule,
    imports: [
      LoggerModule.forRoot({
        // No route: nestjs-pino only provides the logger (its root is this pino-http's logger).
        forRoutes: [],
        pinoHttp: {
          level,
          mixin: (_merge: object, _level: number, logger: { bindings(): Record<string, unknown> }) => {
            const correlationId = currentCorrelationId();
            return correlationId && !('correlationId' in logger.bindings()) ? { correlationId } : {};
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
        },
      }),
    ],
    exports: [LoggerModule],
  };
}

export type RequestWithId = IncomingMessage & { id?: unknown };
