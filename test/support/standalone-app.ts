import { Clock } from '@xingfu/common';
import { startTestApp, TestApp } from '@xingfu/testing';
import { standaloneOptions } from '../../apps/standalone/src/services';

/** Every service in one process, as `npm start` runs them, against a test database. */
export function startStandalone(databaseUrl: string, options: { kafka?: boolean; env?: NodeJS.ProcessEnv; clock?: Clock } = {}): Promise<TestApp> {
  const { services, modules } = standaloneOptions();
  return startTestApp({ services, modules, databaseUrl, ...options });
}

export async function login(app: TestApp, username: string, password: string): Promise<string> {
  const res = await app.http().post('/api/v1/auth/token').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}

/** Creates a user through identity's admin route and logs them in. */
export async function newUser(
  app: TestApp,
  adminToken: string,
  user: { role: string; townships?: string[]; counties?: string[]; partnerId?: string },
): Promise<string> {
  const username = `${user.role}${Math.random().toString(36).slice(2, 8)}`;
  const password = 'a-long-password-1';
  await app.http().post('/api/v1/users').set('Authorization', `Bearer ${adminToken}`).send({ username, password, ...user }).expect(201);
  return login(app, username, password);
}
