import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_HEADER, correlationIdFrom } from '../correlation/correlation-context';

/** JSON logs (pino); every request line carries its correlation id, never a token. */
export function loggingModule(level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      genReqId: (req: IncomingMessage & { id?: unknown }) =>
        typeof req.id === 'string' ? req.id : (req.id = correlationIdFrom(req.headers[CORRELATION_HEADER])),
      customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: req.id }),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => ['/health', '/ready', '/metrics'].includes(req.url ?? '') },
    },
  });
}
