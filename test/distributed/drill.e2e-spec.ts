import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, dropTestDatabase, eventually, newResidentId, newTownshipCode, PrivateBroker, startPrivateBroker, testEnv } from '@xingfu/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startAppProcess, waitForExit } from '../support/child-process';
import { seedProject, surveyBody } from '../support/intake';

/**
 * The distributed drill (issue 13), bounded for CI: identity, applications and reporting each in
 * a process of its own, a private go-mokapi between them, one PostgreSQL database; surveys posted
 * all along. Each app is SIGKILLed and restarted in turn, then the broker is frozen for 20 s.
 * Afterwards every acknowledged survey is stored once and counted once by reporting.
 *
 * A survey is posted with an Idempotency-Key and posted again with the same key until it is
 * acknowledged: one whose answer was lost with a killed process (committed or not) ends
 * acknowledged exactly once, so acknowledged = stored = counted must hold exactly.
 */
const APPS = ['identity', 'applications', 'reporting'] as const;
type AppName = (typeof APPS)[number];
const FREEZE_MS = 20_000;
/** Surveys in flight at once, and the most the drill posts: a bounded load. */
const WORKERS = 3;
const MAX_SURVEYS = 1500;
/** Between one worker's surveys: about 25 a second in all, so the load lasts through every fault. */
const PAUSE_MS = 80;
const ADMIN_PASSWORD = 'drill-admin-password-7f3a';

type Running = Awaited<ReturnType<typeof startAppProcess>>;

function post(baseUrl: string, agent: Agent, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const url = new URL(path, baseUrl);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, timeout: 15_000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers } },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(text);
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the distributed drill: identity, applications and reporting as processes, apps killed, the broker frozen', () => {
  let databaseUrl: string;
  let broker: PrivateBroker;
  let env: NodeJS.ProcessEnv;
  const apps = new Map<AppName, Running>();
  const outputs: Record<AppName, string[]> = { identity: [], applications: [], reporting: [] };

  async function start(name: AppName): Promise<Running> {
    const started = await startAppProcess(name, env);
    apps.set(name, started);
    return started;
  }

  async function kill(name: AppName): Promise<void> {
    const app = apps.get(name)!;
    const exited = waitForExit(app.child);
    app.child.kill('SIGKILL');
    await exited;
    outputs[name].push(app.output());
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('drill');
    broker = await startPrivateBroker();
    // One environment for every process and every restart: the same secrets, database, broker
    // and consumer-group prefix (a restarted reporting joins its group again).
    env = testEnv(databaseUrl, { kafka: true, extra: { KAFKA_BROKERS: broker.address, LOG_LEVEL: 'info', ADMIN_PASSWORD, OUTBOX_POLL_INTERVAL_MS: '200' } });
  });

  afterAll(async () => {
    for (const [name, app] of apps) {
      if (app.child.exitCode === null && app.child.signalCode === null) {
        const exited = waitForExit(app.child as ChildProcess);
        app.child.kill('SIGKILL');
        await exited;
        outputs[name].push(app.output());
      }
    }
    try {
      broker?.thaw();
    } catch {
      // already gone
    }
    await broker?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('keeps acknowledged = stored = counted, with no event handled twice', async () => {
    const began = Date.now();
    // Applications first: its migrations create the schema the projects are seeded into.
    await Promise.all(APPS.map((name) => start(name)));
    const agent = new Agent({ keepAlive: true, maxSockets: WORKERS + 2 });

    // Identity issues the tokens: the first admin logs in and creates the officer who surveys.
    const township = newTownshipCode();
    const identity = () => apps.get('identity')!.baseUrl;
    const admin = await post(identity(), agent, '/api/v1/auth/token', { username: 'admin', password: ADMIN_PASSWORD }, {});
    expect(admin.status).toBe(200);
    const officerName = `drill.${randomUUID().slice(0, 8)}`;
    const created = await post(identity(), agent, '/api/v1/users', { username: officerName, password: 'drill-officer-password-1', role: 'officer', townships: [township] }, { authorization: `Bearer ${admin.body.accessToken}` });
    expect(created.status).toBe(201);
    const officer = await post(identity(), agent, '/api/v1/auth/token', { username: officerName, password: 'drill-officer-password-1' }, {});
    expect(officer.status).toBe(200);
    const token = officer.body.accessToken as string;
    const projectId = await withClient(databaseUrl, (client) =>
      seedProject({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as DataSource, township.slice(0, 6)),
    );

    // The load: WORKERS loops, each posting a survey until it is acknowledged, then the next.
    const acknowledged = new Map<string, string>(); // idempotency key -> application id
    let attempts = 0;
    let retried = 0;
    const unexpected: string[] = [];
    let loading = true;
    // A mother per survey: random ID numbers would now and then repeat (and be a 409 duplicate_application).
    const mothers = new Set<string>();
    const newMother = (): string => {
      for (;;) {
        const id = newResidentId(township.slice(0, 6));
        if (!mothers.has(id)) return mothers.add(id), id;
      }
    };
    const worker = async () => {
      while (loading && acknowledged.size + WORKERS <= MAX_SURVEYS) {
        const key = randomUUID();
        const body = surveyBody(projectId, township, { idNumber: newMother() });
        for (;;) {
          attempts++;
          const outcome = await post(apps.get('applications')!.baseUrl, agent, '/api/v1/applications', body, { authorization: `Bearer ${token}`, 'idempotency-key': key }).catch((error: Error) => ({ status: 0, body: error.message }));
          if (outcome.status === 201) {
            acknowledged.set(key, outcome.body.id);
            break;
          }
          // Down, restarting, draining, or the same key still in flight in a process that died: again, same key.
          if (outcome.status === 0 || outcome.status === 503 || outcome.body?.code === 'idempotency_key_in_use') {
            retried++;
            await sleep(200);
            continue;
          }
          unexpected.push(`${outcome.status} ${JSON.stringify(outcome.body)}`);
          break;
        }
        await sleep(PAUSE_MS);
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));

    const injected: string[] = [];
    const step = async (what: string, work: () => Promise<void>) => {
      const at = Date.now();
      await work();
      injected.push(`${what} (${((Date.now() - at) / 1000).toFixed(1)} s, ${acknowledged.size} acknowledged so far)`);
    };
    await sleep(2000);
    for (const name of ['reporting', 'applications', 'identity'] as const) {
      await step(`SIGKILL ${name}, restart it`, async () => {
        await kill(name);
        await sleep(1000);
        await start(name);
      });
    }
    await step(`freeze the broker ${FREEZE_MS / 1000} s (SIGSTOP/SIGCONT)`, async () => {
      broker.freeze();
      await sleep(FREEZE_MS);
      broker.thaw();
    });
    await sleep(2000);
    loading = false;
    await load;
    agent.destroy();

    // Everything acknowledged reaches reporting (after the freeze, consumers rejoin).
    const ids = [...acknowledged.values()];
    const counted = async () => {
      const res = await fetch(`${apps.get('reporting')!.baseUrl}/api/v1/reports/applications-by-township`, { headers: { authorization: `Bearer ${token}` } });
      const items = ((await res.json()) as { items: { townshipCode: string; applications: number }[] }).items;
      return items.find((i) => i.townshipCode === township)?.applications ?? 0;
    };
    await eventually(async () => expect(await counted()).toBe(ids.length), { timeoutMs: 60_000, intervalMs: 500 });

    const found = await withClient(databaseUrl, async (client) => {
      const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
      const stored = await q(`SELECT id FROM applications.applications WHERE township_code = $1`, [township]);
      const events = await q(`SELECT event_id, status FROM applications.outbox WHERE type = 'ApplicationSubmitted' AND key = ANY($1::text[])`, [ids]);
      const handled = await q(`SELECT event_id FROM reporting.inbox WHERE consumer = 'reporting.applications-by-township' AND event_id = ANY($1::uuid[])`, [events.map((e) => e.event_id)]);
      const deadLetters = await q(`SELECT count(*)::int AS n FROM reporting.dead_letters`);
      const failed = await q(`SELECT count(*)::int AS n FROM applications.outbox WHERE status = 'failed'`);
      return { stored, events, handled, deadLetters: deadLetters[0].n as number, failed: failed[0].n as number };
    });
    const counts = {
      acknowledged: ids.length,
      distinctAcknowledged: new Set(ids).size,
      stored: found.stored.length,
      events: found.events.length,
      published: found.events.filter((e) => e.status === 'published').length,
      handled: found.handled.length,
      distinctHandled: new Set(found.handled.map((h) => h.event_id)).size,
      counted: await counted(),
      deadLetters: found.deadLetters,
      failedOutbox: found.failed,
    };
    const relayLines = [...outputs.applications, apps.get('applications')!.output()].join('\n').split('\n');
    const logged = {
      relayFailing: relayLines.filter((l) => l.includes('publishing is failing')).length,
      relayRecovered: relayLines.filter((l) => l.includes('publishing works again')).length,
      kafkajs: relayLines.filter((l) => l.includes('"context":"kafkajs"')).length,
    };
    process.stdout.write(
      `\n== drill (${((Date.now() - began) / 1000).toFixed(1)} s)\ninjected: ${injected.join('; ')}\n` +
        `load: ${attempts} POSTs (${retried} retried with the same Idempotency-Key), ${unexpected.length} unexpected answers\n` +
        `found: ${JSON.stringify(counts)}\nrelay log lines in applications: ${JSON.stringify(logged)}\n`,
    );

    expect(unexpected).toEqual([]);
    expect(counts.acknowledged).toBeGreaterThan(0);
    expect(counts.distinctAcknowledged).toBe(counts.acknowledged);
    expect(new Set(found.stored.map((s) => s.id))).toEqual(new Set(ids));
    expect(counts).toEqual({
      acknowledged: counts.acknowledged,
      distinctAcknowledged: counts.acknowledged,
      stored: counts.acknowledged,
      events: counts.acknowledged,
      published: counts.acknowledged,
      handled: counts.acknowledged,
      distinctHandled: counts.acknowledged,
      counted: counts.acknowledged,
      deadLetters: 0,
      failedOutbox: 0,
    });
    // The frozen broker is in the logs of applications (kafkajs's timeouts; the relay's own lines
    // too when a publish failed rather than waited the freeze out), never one line per attempt.
    expect(logged.kafkajs + logged.relayFailing).toBeGreaterThanOrEqual(1);
    expect(logged.relayFailing).toBe(logged.relayRecovered);
  }, 180_000);
});
