import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createTestDatabase, dropTestDatabase, startTestApp, TestApp } from '@xingfu/testing';
import { identityDatabase } from '../../apps/identity/src/identity.database';
import { IdentityModule } from '../../apps/identity/src/identity.module';

const ADMIN_PASSWORD = 'admin-password-for-tests';

async function identityApp(label: string, env: NodeJS.ProcessEnv): Promise<{ app: TestApp; databaseUrl: string }> {
  const databaseUrl = await createTestDatabase(label);
  const app = await startTestApp({ services: [identityDatabase], modules: [IdentityModule], databaseUrl, env });
  return { app, databaseUrl };
}

const login = (app: TestApp, username: string, password: string) => app.http().post('/api/v1/auth/token').send({ username, password });

describe('login limits', () => {
  describe('a username locked after repeated failures', () => {
    let app: TestApp;
    let databaseUrl: string;
    const warnings: string[] = [];

    beforeAll(async () => {
      ({ app, databaseUrl } = await identityApp('loginlock', { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '600', LOGIN_ATTEMPTS_PER_ADDRESS: '1000' }));
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown, ...rest: unknown[]) {
        warnings.push([message, ...rest].map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
      });
    });

    afterAll(async () => {
      jest.restoreAllMocks();
      await app?.close();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    });

    it('answers 429 with Retry-After after the failures, even to the right password, and logs the lockout', async () => {
      for (let i = 0; i < 3; i++) expect((await login(app, 'admin', `wrong-password-${i}`)).status).toBe(401);
      const locked = await login(app, 'admin', ADMIN_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body).toEqual({ code: 'too_many_requests', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(warnings.filter((w) => w.includes('login locked for "admin"'))).toHaveLength(1);
    });

    it('treats an unknown username exactly as a known one: the same answers, the same lock', async () => {
      const answers = async (username: string) => {
        const out: unknown[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await login(app, username, 'wrong-password');
          out.push({ status: res.status, body: { ...res.body, details: Object.keys(res.body.details) }, retryAfter: !!res.headers['retry-after'] });
        }
        return out;
      };
      const known = await app.http().post('/api/v1/users').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).send({ username: 'known.one', password: 'a-long-password-1', role: 'foundation' });
      expect(known.status).toBe(201);
      expect(await answers('no.such.user')).toEqual(await answers('known.one'));
      expect(warnings.some((w) => w.includes('login locked for "no.such.user"'))).toBe(true);
    });

    it('forgets earlier failures after a successful login', async () => {
      await app.http().post('/api/v1/users').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).send({ username: 'careless', password: 'a-long-password-1', role: 'foundation' }).expect(201);
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 2; i++) expect((await login(app, 'careless', 'typo')).status).toBe(401);
        expect((await login(app, 'careless', 'a-long-password-1')).status).toBe(200);
      }
    });
  });

  describe('attempts per client address', () => {
    let app: TestApp;
    let databaseUrl: string;

    beforeAll(async () => {
      ({ app, databaseUrl } = await identityApp('loginaddress', { LOGIN_ATTEMPTS_PER_ADDRESS: '4', LOGIN_WINDOW_SECONDS: '600', LOGIN_MAX_FAILURES: '100' }));
    });

    afterAll(async () => {
      await app?.close();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    });

    it('answers 429 with Retry-After once one address used up its attempts, whatever the usernames', async () => {
      for (let i = 0; i < 4; i++) expect((await login(app, `guess${i}`, 'password-guess')).status).toBe(401);
      const throttled = await login(app, 'admin', ADMIN_PASSWORD);
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('too_many_requests');
      expect(Object.keys(throttled.body).sort()).toEqual(['code', 'details', 'message']);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
