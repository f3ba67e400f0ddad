import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { RequestLogMiddleware } from './request-log.middleware';
import type { RequestWithId } from './logging.module';

describe('RequestLogMiddleware', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  const rootBefore = PinoLogger.root;
  const useRoot = (level: string) => Object.defineProperty(PinoLogger, 'root', { value: pino({ level }, sink), configurable: true, writable: true });
  const sut = new RequestLogMiddleware();

  function request(url: string, headers: Record<string, string> = {}): { req: RequestWithId; res: ServerResponse & EventEmitter } {
    const req = { url, originalUrl: url, method: 'POST', headers } as unknown as RequestWithId;
    const res = Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: false }) as unknown as ServerResponse & EventEmitter;
    return { req, res };
  }
  const finish = (res: ServerResponse & EventEmitter, statusCode: number) => {
    Object.assign(res, { statusCode, writableFinished: true });
    res.emit('finish');
    res.emit('close');
  };
  const flushed = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => (lines.length = 0));
  afterAll(() => Object.defineProperty(PinoLogger, 'root', { value: rootBefore, configurable: true, writable: true }));

  it('writes one line per request with its method, url, status, time and correlation id, and never its headers', async () => {
    useRoot('info');
    const { req, res } = request('/api/v1/loans/1/repayments', { 'x-correlation-id': 'case-1', authorization: 'Bearer secret' });
    const next = jest.fn();
    sut.use(req, res, next);
    expect(next).toHaveBeenCalled();
    expect(req.id).toBe('case-1');
    finish(res, 201);
    await flushed();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'case-1', method: 'POST', url: '/api/v1/loans/1/repayments' }, res: { statusCode: 201 }, correlationId: 'case-1' });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('says a 500 errored and a request the client left aborted', async () => {
    useRoot('info');
    const failed = request('/api/v1/x');
    sut.use(failed.req, failed.res, () => undefined);
    finish(failed.res, 500);
    const left = request('/api/v1/y');
    sut.use(left.req, left.res, () => undefined);
    left.res.emit('close');
    await flushed();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'request errored'],
      [40, 'request aborted'],
    ]);
  });

  it('gives a fresh id to a request without a usable one, and logs nothing for health checks or below info', async () => {
    useRoot('info');
    const health = request('/health', { 'x-correlation-id': 'bad id with spaces' });
    sut.use(health.req, health.res, () => undefined);
    finish(health.res, 200);
    expect(health.req.id).toMatch(/^[0-9a-f-]{36}$/);
    useRoot('error');
    const quiet = request('/api/v1/z');
    sut.use(quiet.req, quiet.res, () => undefined);
    finish(quiet.res, 200);
    await flushed();
    expect(lines).toEqual([]);
  });
});
