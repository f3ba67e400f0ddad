import { INestApplication } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';

const draining = new WeakSet<object>();

/**
 * While the process drains, a request that arrives (a keep-alive connection stays open after
 * the listener closes) gets 503 and `Connection: close`, and every answer still being written
 * closes its connection, so no client keeps a connection to a stopping server.
 */
export function drainGate(app: INestApplication) {
  const server = app.getHttpServer() as object;
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (draining.has(server)) {
      res.setHeader('Connection', 'close');
      res.status(503).json({ code: 'shutting_down', message: 'The server is shutting down; send the request again.', details: {} });
      return;
    }
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (draining.has(server) && !this.headersSent) this.setHeader('Connection', 'close');
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    next();
  };
}

/** From now on the app refuses new requests (see drainGate). */
export function startDraining(app: INestApplication): void {
  draining.add(app.getHttpServer() as object);
}
