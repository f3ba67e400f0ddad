import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, testEnv } from '@xingfu/testing';
import { freePort, waitForExit } from '../support/child-process';

const ROOT = join(__dirname, '..', '..');
const ADMIN_PASSWORD = 'admin-password-for-group-test';

interface Started {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

/** `npm start` as a terminal runs it: scripts/run-app.js, leading a process group of its own. */
async function startGroup(env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run-app.js'), 'standalone'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`standalone exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)) return { child, baseUrl, output: () => output };
    await sleep(100);
  }
  process.kill(-child.pid!, 'SIGKILL');
  throw new Error(`standalone did not answer within 120 s:\n${output}`);
}

/** Every process still alive in the group, or running PostgreSQL on this cluster. */
function leftOver(pgid: number, cluster: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => {
    const [, group, stat] = line.trim().split(/\s+/);
    if (stat?.startsWith('Z')) return false;
    return Number(group) === pgid || line.includes(cluster);
  });
}

async function token(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function usernames(baseUrl: string, bearer: string): Promise<Set<string>> {
  const res = await fetch(`${baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status).toBe(200);
  return new Set(((await res.json()) as { username: string }[]).map((u) => u.username));
}

/**
 * Writes users as fast as a few clients can until the server goes away; the names of those
 * it acknowledged (201).
 */
function writeUntilStopped(baseUrl: string, bearer: string, acknowledged: string[]): Promise<void> {
  const client = async () => {
    for (;;) {
      const username = `w.${randomBytes(5).toString('hex')}`;
      try {
        const res = await fetch(`${baseUrl}/api/v1/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body: JSON.stringify({ username, password: 'a-long-password-1', role: 'foundation' }),
        });
        await res.text();
        if (res.status === 201) acknowledged.push(username);
        else if (res.status === 503) return;
      } catch {
        return; // refused or reset: the server is gone
      }
    }
  };
  return Promise.all(Array.from({ length: 6 }, client)).then(() => undefined);
}

describe('standalone stopped as a process group, with embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xingfu-group-'));
  const cleanup: string[] = [dataDir];
  const running = new Set<number>();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = testEnv('postgres://unused@127.0.0.1/unused_test', {
      extra: { DATABASE_URL: '', JWT_SECRET: '', PII_ENCRYPTION_KEY: '', ADMIN_PASSWORD, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' },
    });
  });

  afterAll(() => {
    for (const pgid of running) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  let acknowledgedBefore: string[] = [];

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s to the whole group keeps every acknowledged write, ends with "stopped", leaves nothing running', async (signal) => {
    const app = await startGroup(env);
    const pgid = app.child.pid!;
    running.add(pgid);
    const link = join(dataDir, 'pg');
    const cluster = existsSync(link) ? realpathSync(link) : link;
    if (cluster !== link) cleanup.push(cluster);
    const bearer = await token(app.baseUrl);

    // What the previous run acknowledged is all there.
    const before = await usernames(app.baseUrl, bearer);
    expect(acknowledgedBefore.filter((u) => !before.has(u))).toEqual([]);

    const acknowledged: string[] = [];
    const writing = writeUntilStopped(app.baseUrl, bearer, acknowledged);
    await eventually(() => expect(acknowledged.length).toBeGreaterThan(5));
    const exited = waitForExit(app.child);
    process.kill(-pgid, signal);
    await writing;
    const code = await exited;
    expect({ code, log: code === 0 ? '' : app.output().slice(-3000) }).toEqual({ code: 0, log: '' });
    running.delete(pgid);

    const lines = app.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/"msg":"stopped"/);
    expect(app.output()).not.toMatch(/lost the database connection|terminating connection due to administrator command/);
    await eventually(() => expect(leftOver(pgid, cluster)).toEqual([]));
    acknowledgedBefore = acknowledged;
  }, 180_000);

  it('finds the last run’s acknowledged writes after a restart', async () => {
    const app = await startGroup(env);
    running.add(app.child.pid!);
    const found = await usernames(app.baseUrl, await token(app.baseUrl));
    expect(acknowledgedBefore.length).toBeGreaterThan(5);
    expect(acknowledgedBefore.filter((u) => !found.has(u))).toEqual([]);
    process.kill(-app.child.pid!, 'SIGTERM');
    const code = await waitForExit(app.child);
    // The log when it failed, to say why.
    expect({ code, log: code === 0 ? '' : app.output().slice(-3000) }).toEqual({ code: 0, log: '' });
    running.delete(app.child.pid!);
  }, 180_000);
});
