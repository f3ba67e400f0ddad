import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { securityHeaders } from './security-headers';

/** The headers a real ServerResponse ends up with after `run`. */
function headersAfter(run: (req: IncomingMessage, res: ServerResponse, next: () => void) => void, path: string): Record<string, unknown> {
  const req = Object.assign(new IncomingMessage(new Socket()), { path, url: path, method: 'GET' });
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'Express');
  let called = 0;
  run(req, res, () => void called++);
  expect(called).toBe(1);
  return res.getHeaders();
}

describe('securityHeaders', () => {
  it.each(['/api/v1/loans', '/docs', '/docs/swagger-ui.css', '/admin/queues/api'])('sets on %s exactly the headers helmet sets, and no-store', (path) => {
    const ui = path.startsWith('/docs') || path.startsWith('/admin/queues');
    const expected = headersAfter((req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      helmet(ui ? { contentSecurityPolicy: false } : {})(req, res, next);
    }, path);
    const actual = headersAfter((req, res, next) => securityHeaders(req as never, res as never, next), path);
    expect(actual).toEqual(expected);
    expect(actual['cache-control']).toBe('no-store');
    expect(actual['x-powered-by']).toBeUndefined();
    expect(Boolean(actual['content-security-policy'])).toBe(!ui);
  });

  it('is not fooled by a path that only starts like a UI', () => {
    const headers = headersAfter((req, res, next) => securityHeaders(req as never, res as never, next), '/docsx');
    expect(headers['content-security-policy']).toBeDefined();
  });
});
