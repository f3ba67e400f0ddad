import { createTestDatabase, dropTestDatabase, testEnv } from '@xingfu/testing';
import { startAppProcess, waitForExit } from '../support/child-process';

/** ARCHITECTURE: when nothing answers at REDIS_URL and redis-server is on the PATH, standalone starts a private one under DATA_DIR. */
describe('standalone without a Redis at REDIS_URL', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('privredis');
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it('starts a private redis-server and is ready with it', async () => {
    const env = testEnv(databaseUrl, { extra: { REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'info' } });
    const standalone = await startAppProcess('standalone', env);
    try {
      const ready = await fetch(`${standalone.baseUrl}/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { details: Record<string, unknown> }).details.redis).toEqual({ status: 'up' });
      expect(standalone.output()).toMatch(/private redis-server on redis:\/\/127\.0\.0\.1:6390/);
    } finally {
      standalone.child.kill('SIGTERM');
      expect(await waitForExit(standalone.child)).toBe(0);
    }
  });
});
