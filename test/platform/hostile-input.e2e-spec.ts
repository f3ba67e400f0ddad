import 'reflect-metadata';
import { connect } from 'node:net';
import { AddressInfo } from 'node:net';
import { createTestDatabase, dropTestDatabase, newTownshipCode, TestApp } from '@xingfu/testing';
import { startStandalone } from '../support/standalone-app';

/** The one error shape: exactly code, message and details. */
function expectErrorShape(body: unknown): void {
  expect(body).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.any(Object) });
}

/** Input anyone can send without a token, which used to end in a 500 or a bare answer. */
describe('hostile input, before any route', () => {
  let databaseUrl: string;
  let app: TestApp;
  let officer: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platformhostile');
    app = await startStandalone(databaseUrl);
    officer = await app.tokenFor('officer', { townships: [newTownshipCode()] });
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('answers JSON nested 2,400 levels deep with 400 invalid_json, not a stack overflow', async () => {
    const deep = '['.repeat(2400) + ']'.repeat(2400);
    for (const body of [deep, `{"username":${deep},"password":"x"}`, '{"a":'.repeat(40) + '1' + '}'.repeat(40)]) {
      const res = await app.http().post('/api/v1/auth/token').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expectErrorShape(res.body);
      expect(res.body.code).toBe('invalid_json');
    }
    // Brackets inside strings are text, not depth.
    const text = await app.http().post('/api/v1/auth/token').send({ username: '['.repeat(50), password: '{'.repeat(50) });
    expect(text.status).toBe(401);
  });

  it.each([
    ['a NUL in the login username', { username: 'admin\u0000', password: 'whatever-password' }],
    ['an unpaired high surrogate', { username: 'admin\ud800', password: 'whatever-password' }],
    ['an unpaired low surrogate', { username: 'x', password: '\udc00' }],
    ['a NUL in a key', { 'user\u0000name': 'admin', password: 'x' }],
  ])('answers %s in a body with 400 in the error shape', async (_what, body) => {
    const res = await app.http().post('/api/v1/auth/token').set('Content-Type', 'application/json').send(JSON.stringify(body));
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
    expect(res.body.code).toBe('validation_failed');
  });

  it('keeps a real pair of surrogates (an emoji) and Chinese text', async () => {
    const res = await app.http().post('/api/v1/auth/token').send({ username: '张🐖梅', password: 'whatever-password' });
    expect(res.status).toBe(401);
  });

  it('answers a NUL in the query or in a path parameter with 400 in the error shape', async () => {
    for (const url of ['/api/v1/applications?industry=%00', '/api/v1/applications?%00=1', '/api/v1/applications/%00', '/api/v1/applications/%ED%A0%80', '/api/v1/applications/%E0%A4%A']) {
      const res = await app.http().get(url).set('Authorization', `Bearer ${officer}`);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expectErrorShape(res.body);
    }
    // Also without a token: the check runs before the guard.
    const anonymous = await app.http().get('/api/v1/applications?industry=%00');
    expect(anonymous.status).toBe(400);
  });

  it('answers headers over 16 KB with 431 in the error shape', async () => {
    const server = app.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await closed;
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expectErrorShape(JSON.parse(body));
  });

  it('sends helmet security headers and Cache-Control: no-store on API answers', async () => {
    for (const res of [await app.http().get('/health'), await app.http().get('/api/v1/users/me').set('Authorization', `Bearer ${officer}`), await app.http().get('/api/v1/nothing')]) {
      expect(res.headers['cache-control']).toMatch(/\bno-store\b/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });
});
