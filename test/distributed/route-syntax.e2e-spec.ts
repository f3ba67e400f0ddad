import { Logger } from '@nestjs/common';
import { createTestDatabase, dropTestDatabase, startTestApp, TestApp } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { ApplicationsModule } from '../../apps/applications/src/applications.module';

describe('routes in the syntax of the router in use (issue 13)', () => {
  let databaseUrl: string;
  let app: TestApp | undefined;
  const warn = jest.spyOn(Logger.prototype, 'warn');
  const error = jest.spyOn(Logger.prototype, 'error');

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('routes');
  });

  afterAll(async () => {
    warn.mockRestore();
    error.mockRestore();
    await app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('starts without a LegacyRouteConverter warning, and the correlation middleware still runs on every API route', async () => {
    app = await startTestApp({ services: [applicationsDatabase], modules: [ApplicationsModule], databaseUrl });
    const legacy = [...warn.mock.calls, ...error.mock.calls].map((call) => String(call[0])).filter((line) => /Unsupported route path/.test(line));
    expect(legacy).toEqual([]);
    const res = await app.http().get('/api/v1/no-such-route').set('x-correlation-id', 'route-syntax-check');
    expect(res.status).toBe(404);
    expect(res.headers['x-correlation-id']).toBe('route-syntax-check');
    const root = await app.http().get('/api/v1').set('x-correlation-id', 'route-syntax-root');
    expect(root.headers['x-correlation-id']).toBe('route-syntax-root');
  });
});
