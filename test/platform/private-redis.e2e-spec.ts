import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@xingfu/auth';
import { createTestDatabase, dropTestDatabase, eventually, TEST_JWT_SECRET, testEnv } from '@xingfu/testing';
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

  it('starts a private redis-server, is ready with it, says so when it is gone, and still stops', async () => {
    const env = testEnv(databaseUrl, { extra: { REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '3000' } });
    const standalone = await startAppProcess('standalone', env);
    // /ready names what is down only to an admin.
    const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } }));
    const admin = { headers: { authorization: `Bearer ${await tokens.issue({ id: randomUUID(), username: 'admin', role: 'admin', townships: [], counties: [], partnerId: null })}` } };
    try {
      const ready = await fetch(`${standalone.baseUrl}/ready`, admin);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { details: Record<string, unknown> }).details.redis).toEqual({ status: 'up' });
      expect(standalone.output()).toMatch(/private redis-server on redis:\/\/127\.0\.0\.1:6390/);

      // Redis goes away: /ready says so, naming it and why, while the database stays up.
      execFileSync('redis-cli', ['-p', '6390', 'shutdown', 'nosave']);
      await eventually(async () => {
        const notReady = await fetch(`${standalone.baseUrl}/ready`, admin);
        expect(notReady.status).toBe(503);
        const body = (await notReady.json()) as { status: string; info: object; error: Record<string, { status: string; message: string }> };
        expect(body.status).toBe('error');
        expect(body.info).toEqual({ database: { status: 'up' } });
        expect(body.error.redis.status).toBe('down');
        expect(body.error.redis.message).toEqual(expect.any(String));
      });
      expect(standalone.output()).not.toMatch(/\n\s+at /);

      // Its BullMQ worker cannot close without Redis: the shutdown deadline ends the process, saying so.
      standalone.child.kill('SIGTERM');
      expect(await waitForExit(standalone.child)).toBe(1);
      expect(standalone.output()).toContain('shutdown did not finish within 3000 ms');
    } finally {
      standalone.child.kill('SIGKILL');
    }
  });
});
