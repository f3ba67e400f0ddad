import 'reflect-metadata';
import { KeyObject, randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createTestDatabase, dropTestDatabase, eventually, startTestApp, TestApp } from '@xingfu/testing';
import { identityDatabase } from '../../apps/identity/src/identity.database';
import { IdentityModule } from '../../apps/identity/src/identity.module';
import { login } from '../support/standalone-app';

const ADMIN_PASSWORD = 'admin-password-for-tests';
const PASSWORD = 'a-long-password-1';

/** Deactivating a user ends their access at once, in this process and in every other one. */
describe('token revocation', () => {
  // Two processes of one deployment: the same Redis prefix, each its own database.
  const env = { BULLMQ_PREFIX: `test-revoke-${randomBytes(4).toString('hex')}`, REVOCATION_REFRESH_MS: '60000' };
  const apps: TestApp[] = [];
  const databases: string[] = [];
  let identity: TestApp;
  let other: TestApp;
  let admin: string;

  beforeAll(async () => {
    for (const label of ['revokeidentity', 'revokeother']) {
      const databaseUrl = await createTestDatabase(label);
      databases.push(databaseUrl);
      apps.push(await startTestApp({ services: [identityDatabase], modules: [IdentityModule], databaseUrl, env }));
    }
    [identity, other] = apps;
    admin = await login(identity, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const databaseUrl of databases) await dropTestDatabase(databaseUrl);
  });

  async function newUser(role: string): Promise<{ id: string; token: string; username: string }> {
    const username = `${role}.${randomBytes(3).toString('hex')}`;
    const created = await identity.http().post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send({ username, password: PASSWORD, role }).expect(201);
    return { id: created.body.id, username, token: await login(identity, username, PASSWORD) };
  }

  const deactivate = (id: string, active = false) => identity.http().patch(`/api/v1/users/${id}`).set('Authorization', `Bearer ${admin}`).send({ active });
  const me = (app: TestApp, token: string) => app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
  const listUsers = (app: TestApp, token: string) => app.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`);

  it('answers 401 to the same token right after an admin deactivates its user, and refuses the login', async () => {
    const user = await newUser('foundation');
    await me(identity, user.token).expect(200);

    const res = await deactivate(user.id).expect(200);
    expect(res.body).toMatchObject({ id: user.id, active: false });

    const after = await me(identity, user.token).expect(401);
    expect(after.body).toEqual({ code: 'unauthorized', message: expect.any(String), details: {} });
    await identity.http().post('/api/v1/auth/token').send({ username: user.username, password: PASSWORD }).expect(401);
  });

  it('ends the access in another process of the deployment too, without waiting for its periodic re-read', async () => {
    const user = await newUser('admin');
    await listUsers(other, user.token).expect(200);
    await deactivate(user.id).expect(200);
    // Pushed through Redis (the re-read is set to a minute here).
    await eventually(() => listUsers(other, user.token).expect(401));
  });

  it('keeps old tokens void after a reactivation, while a new login works', async () => {
    const user = await newUser('foundation');
    await deactivate(user.id).expect(200);
    await deactivate(user.id, true).expect(200);
    await me(identity, user.token).expect(401);
    const fresh = await login(identity, user.username, PASSWORD);
    await me(identity, fresh).expect(200);
  });

  it('verifies tokens with a secret KeyObject, not a string parsed as a public key first on every request', () => {
    const options = (identity.app.get(JwtService) as unknown as { options: { secret?: unknown } }).options;
    expect(options.secret).toBeInstanceOf(KeyObject);
    expect((options.secret as KeyObject).type).toBe('secret');
  });

  it('answers 404 for an unknown user, 400 for a malformed id or body, 403 to a non-admin, 409 to deactivating oneself', async () => {
    await deactivate('00000000-0000-4000-8000-000000000000').expect(404);
    await identity.http().patch('/api/v1/users/not-a-uuid').set('Authorization', `Bearer ${admin}`).send({ active: false }).expect(400);
    const user = await newUser('foundation');
    await identity.http().patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).send({ active: 'no' }).expect(400);
    await identity.http().patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).send({ active: false }).expect(403);
    const self = (await me(identity, admin).expect(200)).body.id as string;
    const res = await deactivate(self).expect(409);
    expect(res.body.code).toBe('cannot_deactivate_self');
  });
});
