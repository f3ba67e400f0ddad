import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

// Swagger UI and Bull Board run inline scripts and styles; everything else is JSON and may load nothing.
const UI_PATHS = ['/docs', '/admin/queues'];

type HeaderStep = ['set', string, string | number | readonly string[]] | ['remove', string];

/**
 * What a helmet middleware does to an answer, recorded once: with these options every header it
 * sets is fixed (no nonce, no function directive), so replaying the list gives the same headers
 * as its chain of thirteen middlewares, without that chain on every request.
 */
export function recordHeaders(middleware: ReturnType<typeof helmet>): HeaderStep[] {
  const steps: HeaderStep[] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void steps.push(['set', name, value]),
    removeHeader: (name: string) => void steps.push(['remove', name]),
  };
  let done = false;
  middleware({} as never, res as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // A helmet that ever works per request (a nonce, an async directive) must not be replayed.
  if (!done) throw new Error('helmet did not finish synchronously: its headers are not fixed');
  return steps;
}

const forApi = recordHeaders(helmet());
const forDocs = recordHeaders(helmet({ contentSecurityPolicy: false }));

function apply(res: Response, steps: readonly HeaderStep[]): void {
  for (const step of steps) {
    if (step[0] === 'set') res.setHeader(step[1], step[2]);
    else res.removeHeader(step[1]);
  }
}

/**
 * helmet's headers on every answer (the operator UIs, Swagger and Bull Board, without the
 * content security policy), and `Cache-Control: no-store`: answers carry personal data (full
 * ID numbers for a project manager, job data on the board), which no browser or proxy cache may keep.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  apply(res, UI_PATHS.some((ui) => req.path === ui || req.path.startsWith(`${ui}/`)) ? forDocs : forApi);
  next();
}
