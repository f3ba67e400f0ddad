import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { createTestDatabase, dropTestDatabase, newTownshipCode, TEST_JWT_SECRET, TestApp } from '@xingfu/testing';
import { seedProject, surveyBody } from '../support/intake';
import { login, newUser, startStandalone } from '../support/standalone-app';

const ADMIN_PASSWORD = 'admin-password-for-tests';
const ERROR_KEYS = ['code', 'details', 'message'];

/**
 * Identity over HTTP in the standalone app: logging in, creating users (admin only), tokens
 * every service verifies on its own, and passwords stored only as scrypt hashes.
 */
describe('identity', () => {
  let databaseUrl: string;
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platformidentity');
    app = await startStandalone(databaseUrl);
    admin = await login(app, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const post = (path: string, token?: string) => {
    const req = app.http().post(path);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const uniqueName = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}`;

  describe('POST /api/v1/auth/token', () => {
    it('gives the first admin (from ADMIN_PASSWORD) a token that identity accepts', async () => {
      const res = await post('/api/v1/auth/token').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      const me = await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ username: 'admin', role: 'admin', active: true });
    });

    it('logs in case-insensitively on the username', async () => {
      await post('/api/v1/auth/token').send({ username: 'ADMIN', password: ADMIN_PASSWORD }).expect(200);
    });

    it('answers a wrong password and an unknown user with the same 401 invalid_credentials body', async () => {
      const wrongPassword = await post('/api/v1/auth/token').send({ username: 'admin', password: 'not-the-admin-password' }).expect(401);
      const unknownUser = await post('/api/v1/auth/token').send({ username: 'nobody-like-this', password: ADMIN_PASSWORD }).expect(401);
      expect(wrongPassword.body).toEqual({ code: 'invalid_credentials', message: expect.any(String), details: {} });
      expect(unknownUser.body).toEqual(wrongPassword.body);
      expect(wrongPassword.body.accessToken).toBeUndefined();
    });

    it('rejects a missing field with 400 validation_failed naming the field', async () => {
      const res = await post('/api/v1/auth/token').send({ username: 'admin' }).expect(400);
      expect(Object.keys(res.body).sort()).toEqual(ERROR_KEYS);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details)).toEqual(['password']);
      expect(res.body.details.password).toEqual(expect.arrayContaining([expect.any(String)]));
    });

    it('rejects an unknown extra field with 400 and does not log in', async () => {
      const res = await post('/api/v1/auth/token').send({ username: 'admin', password: ADMIN_PASSWORD, role: 'admin' }).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { role: expect.any(Array) } });
      expect(res.body.accessToken).toBeUndefined();
    });
  });

  describe('POST /api/v1/users', () => {
    it('lets an admin create an officer (201) without ever returning the password or its hash', async () => {
      const township = newTownshipCode();
      const username = uniqueName('Officer');
      const password = 'officer-password-1';
      const res = await post('/api/v1/users', admin).send({ username, password, role: 'officer', townships: [township, township] }).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: username.toLowerCase(),
        role: 'officer',
        townships: [township],
        counties: [],
        partnerId: null,
        active: true,
        createdAt: expect.any(String),
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(password);
      expect(text).not.toContain('scrypt');
      expect(text).not.toMatch(/password|hash/i);
    });

    it('forbids an officer (403) and a caller without a token (401)', async () => {
      const officer = await newUser(app, admin, { role: 'officer', townships: [newTownshipCode()] });
      const body = { username: uniqueName('sneaky'), password: 'a-long-password-1', role: 'admin' };
      const forbidden = await post('/api/v1/users', officer).send(body).expect(403);
      expect(forbidden.body).toEqual({ code: 'forbidden', message: expect.any(String), details: expect.any(Object) });
      const anonymous = await post('/api/v1/users').send(body).expect(401);
      expect(anonymous.body).toEqual({ code: 'unauthorized', message: expect.any(String), details: {} });
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM identity.users WHERE username = $1', [body.username]);
      expect(n).toBe(0);
    });

    it('answers a taken username (in any case) with 409 username_taken', async () => {
      const username = uniqueName('dup');
      const body = { username, password: 'a-long-password-1', role: 'foundation' };
      await post('/api/v1/users', admin).send(body).expect(201);
      const again = await post('/api/v1/users', admin).send(body).expect(409);
      expect(again.body).toEqual({ code: 'username_taken', message: expect.any(String), details: { username } });
      const upper = await post('/api/v1/users', admin).send({ ...body, username: username.toUpperCase() }).expect(409);
      expect(upper.body.code).toBe('username_taken');
    });

    it('refuses an officer without townships (400 validation_failed on townships)', async () => {
      const username = uniqueName('lonely');
      for (const extra of [{}, { townships: [] }]) {
        const res = await post('/api/v1/users', admin).send({ username, password: 'a-long-password-1', role: 'officer', ...extra }).expect(400);
        expect(res.body).toEqual({ code: 'validation_failed', message: expect.any(String), details: { townships: [expect.any(String)] } });
      }
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM identity.users WHERE username = $1', [username]);
      expect(n).toBe(0);
    });
  });

  describe('tokens', () => {
    const township = newTownshipCode();
    const username = uniqueName('field.officer');
    const password = 'field-officer-password';
    let officerId: string;
    let officerToken: string;
    let projectId: string;

    beforeAll(async () => {
      projectId = await seedProject(app.dataSource, township.slice(0, 6));
      const created = await post('/api/v1/users', admin).send({ username, password, role: 'officer', townships: [township] }).expect(201);
      officerId = created.body.id;
      officerToken = await login(app, username, password);
    });

    const submit = (token: string) =>
      post('/api/v1/applications', token).send(surveyBody(projectId, township, { villageCode: `${township}201` }));

    const claims = () => ({ sub: officerId, username, role: 'officer', townships: [township], counties: [], partnerId: null });

    it("lets the officer's token work on another service's route (applications: 201 in their township)", async () => {
      const res = await submit(officerToken).expect(201);
      expect(res.body).toMatchObject({ status: 'submitted', submittedBy: officerId, mother: { address: { townshipCode: township } } });
      const [row] = await app.dataSource.query('SELECT submitted_by FROM applications.applications WHERE id = $1', [res.body.id]);
      expect(row.submitted_by).toBe(officerId);
    });

    it('is verified from its signature alone: applications accepts it even after identity forgot the user', async () => {
      // A token for a user identity has no row for: only the signature and claims count.
      const stranger = { ...claims(), sub: '00000000-0000-4000-8000-000000000001', username: 'not-in-identity' };
      const token = await new JwtService({ secret: TEST_JWT_SECRET }).signAsync(stranger, { expiresIn: 600 });
      await submit(token).expect(201);
      // identity itself, which does look the user up, does not know them.
      await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(404);
    });

    it('rejects a token signed with another secret (401)', async () => {
      const good = await new JwtService({ secret: TEST_JWT_SECRET }).signAsync(claims(), { expiresIn: 600 });
      await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${good}`).expect(200);

      const forged = await new JwtService({ secret: 'another-secret-another-secret-another-secret-42' }).signAsync(claims(), { expiresIn: 600 });
      const me = await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${forged}`).expect(401);
      expect(me.body).toEqual({ code: 'unauthorized', message: expect.any(String), details: {} });
      await submit(forged).expect(401);
    });

    it('rejects an expired token (401)', async () => {
      const expired = await new JwtService({ secret: TEST_JWT_SECRET }).signAsync({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 });
      const me = await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(me.body.code).toBe('unauthorized');
      await submit(expired).expect(401);
    });

    it('rejects a malformed or non-Bearer authorization header (401)', async () => {
      await app.http().get('/api/v1/users/me').set('Authorization', 'Bearer not.a.token').expect(401);
      await app.http().get('/api/v1/users/me').set('Authorization', officerToken).expect(401);
      await app.http().get('/api/v1/users/me').set('Authorization', `Basic ${officerToken}`).expect(401);
    });

    it('stores the password only as an scrypt hash', async () => {
      const [row] = await app.dataSource.query('SELECT password_hash FROM identity.users WHERE username = $1', [username.toLowerCase()]);
      expect(row.password_hash.startsWith('scrypt$')).toBe(true);
      expect(row.password_hash).not.toContain(password);
      expect(row.password_hash.split('$')).toHaveLength(6);
      const [adminRow] = await app.dataSource.query(`SELECT password_hash FROM identity.users WHERE username = 'admin'`);
      expect(adminRow.password_hash.startsWith('scrypt$')).toBe(true);
      expect(adminRow.password_hash).not.toContain(ADMIN_PASSWORD);
    });
  });
});
