import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig, ManualClock, PiiCipher } from '@xingfu/common';
import { DEFAULT_JOB_OPTIONS, JobQueues } from '@xingfu/jobs';
import { addDays } from '@xingfu/kernel';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, newTownshipCode, startTestApp, TEST_PII_KEY, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';
import { RemindersModule } from '../../apps/reminders/src/reminders.module';
import { FakeSmsGateway } from '../../test/reminders/fake-sms-gateway';
import { PrivateRedis } from '../../test/reminders/private-redis';
import { profiled } from '../loans/profile';
import { waitFor } from '../support';

export interface RemindersBenchOptions {
  /** Unpaid instalments due on TODAY + 7, so one sweep finds as many T-7 reminders (BENCH_REMINDERS, 100,000). */
  reminders: number;
  /** Jobs per addBulk of the bare baseline (BENCH_REMINDER_CHUNK, 1,000: the sweep's own chunk). */
  chunk: number;
  /** Deliveries the send rate is measured over (BENCH_REMINDER_SENDS, 2,000). */
  sends: number;
  timeoutMs: number;
}

export interface Cleanups {
  add(name: string, run: () => Promise<unknown>): () => void;
}

export interface PhaseTimes {
  /** In the enqueuer's enqueue() calls (the EXISTS pipeline per chunk and addBulk). */
  enqueueMs: number;
  /** Of which in the sending queue's addBulk. */
  addBulkMs: number;
  addBulkCalls: number;
  /** Time awaiting PostgreSQL (sum), by statement kind (its first words): calls and ms. */
  sql: Record<string, { calls: number; ms: number }>;
}

export interface SweepRun {
  ms: number;
  answer: Record<string, unknown>;
  phases: PhaseTimes;
}

export interface RemindersReport {
  seedSeconds?: number;
  loadAverage?: number[];
  bareAddBulkMs: number[];
  sweep?: SweepRun;
  sweepAgain?: SweepRun;
  sends?: { count: number; ms: number; perSecond: number; gatewayRequests: number };
  ratios: { sweepVsBareAddBulk: number | null };
  goals: { goal: string; value: number | null; ok: boolean }[];
  skipped: string[];
}

/** The business date of the bench: 09:00 on it, outside the quiet hours, so no send waits. */
const TODAY = '2026-12-01';
const DUE = addDays(TODAY, 7);
const SENDING = 'reminders-sending';
const BARE = 'reminders-bench-bare';
const progress = (line: string) => console.error(`» ${line}`);

function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/** A uuid whose text sorts in creation order (prefix, then the counter), as the loans bench's. */
function benchUuid(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

/**
 * The read model of `count` mothers, each with one active loan and one unpaid instalment of
 * ¥1,000.00 due on DUE, and no guarantee: the sweep for TODAY finds exactly one reminder each
 * (the mother's T-7). Phones are distinct and sealed with the PII key (one SMS each). By SQL, in
 * chunks of unnest arrays, as RA's consumers would have written them.
 */
async function seedReadModel(db: Client, count: number, projectId: string, township: string): Promise<string[]> {
  const pii = new PiiCipher(Buffer.from(TEST_PII_KEY, 'hex'));
  const county = township.slice(0, 6);
  const village = `${township}001`;
  const loanIds: string[] = [];
  for (let from = 1; from <= count; from += 10_000) {
    const n = Math.min(10_000, count - from + 1);
    const apps: string[] = [];
    const loans: string[] = [];
    const sealed: string[] = [];
    const hashes: string[] = [];
    for (let i = from; i < from + n; i++) {
      const phone = `139${String(i).padStart(8, '0')}`;
      apps.push(benchUuid(1, i));
      loans.push(benchUuid(2, i));
      sealed.push(pii.encrypt(phone));
      hashes.push(pii.lookupHash(phone));
    }
    loanIds.push(...loans);
    await db.query(
      `INSERT INTO reminders.mothers (application_id, project_id, county_code, township_code, village_code, name_masked, phone_masked, phone_sealed, phone_hash, approved_on)
       SELECT a, $2, $3, $4, $5, '王*梅', '139****0000', s, h, '2026-06-01' FROM unnest($1::uuid[], $6::text[], $7::text[]) AS v(a, s, h)`,
      [apps, projectId, county, township, village, sealed, hashes],
    );
    await db.query(
      `INSERT INTO reminders.loans (loan_id, application_id, project_id, county_code, township_code, status, schedule_version, disbursed_on)
       SELECT l, a, $3, $4, $5, 'active', 1, '2026-06-15' FROM unnest($1::uuid[], $2::uuid[]) AS v(l, a)`,
      [loans, apps, projectId, county, township],
    );
    await db.query(`INSERT INTO reminders.instalments (loan_id, schedule_version, seq, due_date, due_fen) SELECT l, 1, 1, $2, 100000 FROM unnest($1::uuid[]) AS l`, [loans, DUE]);
  }
  return loanIds;
}

/** Times one call of the reminders enqueuer and of the sending queue's addBulk while `run` runs (found by name: no import of the sweep's files). */
async function withPhaseTimes<T>(app: TestApp, run: () => Promise<T>): Promise<{ result: T; phases: PhaseTimes }> {
  const phases: PhaseTimes = { enqueueMs: 0, addBulkMs: 0, addBulkCalls: 0, sql: {} };
  const queue = app.app.get(JobQueues, { strict: false }).get(SENDING) as Queue;
  const enqueuer = app.app
    .get(DiscoveryService, { strict: false })
    .getProviders()
    .find((w) => w.metatype?.name === 'ReminderEnqueuer')?.instance as { enqueue?: (...args: unknown[]) => Promise<unknown> } | undefined;
  const timed = <F extends (...args: never[]) => Promise<unknown>>(f: F, add: (ms: number) => void): F =>
    (async (...args: Parameters<F>) => {
      const started = performance.now();
      try {
        return await f(...args);
      } finally {
        add(performance.now() - started);
      }
    }) as F;
  const addBulk = queue.addBulk;
  const enqueue = enqueuer?.enqueue;
  queue.addBulk = timed(addBulk.bind(queue), (ms) => {
    phases.addBulkMs += ms;
    phases.addBulkCalls += 1;
  });
  if (enqueuer && enqueue) enqueuer.enqueue = timed(enqueue.bind(enqueuer), (ms) => (phases.enqueueMs += ms));
  // Every statement of the app's pool (the sweep's among them) timed from send to answer.
  const query = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, sql: string, ...rest: unknown[]) {
    const kind = sql.trim().replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ').replace(/sweep_\w+/, 'cursor').slice(0, 40);
    const started = performance.now();
    const done = () => {
      const entry = (phases.sql[kind] ??= { calls: 0, ms: 0 });
      entry.calls += 1;
      entry.ms += performance.now() - started;
    };
    const answer = (query as (...args: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
    answer.then(done, done);
    return answer;
  } as typeof query;
  try {
    const result = await run();
    for (const entry of Object.values(phases.sql)) entry.ms = Math.round(entry.ms);
    return { result, phases: { ...phases, enqueueMs: Math.round(phases.enqueueMs), addBulkMs: Math.round(phases.addBulkMs) } };
  } finally {
    PostgresQueryRunner.prototype.query = query;
    queue.addBulk = addBulk;
    if (enqueuer && enqueue) enqueuer.enqueue = enqueue;
  }
}

/** The same jobs as the sweep adds (name, data, id, the queue's default options), by bare addBulk in chunks, on a queue no worker reads. */
async function bareAddBulk(queue: Queue, ids: string[], chunk: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ids.length; i += chunk) {
    await queue.addBulk(ids.slice(i, i + chunk).map((id) => ({ name: 'send-reminder', data: { reminderId: id }, opts: { jobId: id } })));
  }
  return Math.round(performance.now() - started);
}

/**
 * The reminders benchmark (bench/README.md): the sweep for one date that finds and enqueues
 * `reminders` T-7 reminders (the read model seeded by SQL), beside a bare BullMQ addBulk of the
 * same jobs in the same run (both queues paused, so no worker takes a job meanwhile), then the
 * send rate to a local fake SMS gateway once the sending queue is resumed. On a redis-server of
 * its own (so 200,000 jobs never land in the shared Redis), killed at the end.
 */
export async function runRemindersBench(options: RemindersBenchOptions, cleanups: Cleanups): Promise<RemindersReport> {
  const skipped: string[] = [];
  const report: RemindersReport = { bareAddBulkMs: [], ratios: { sweepVsBareAddBulk: null }, goals: [], skipped };
  const loadAtStart = Math.round(loadavg()[0] * 10) / 10;
  const redis = await PrivateRedis.start();
  const killRedis = cleanups.add('kill the reminders bench redis', () => redis.kill());
  const gateway = await FakeSmsGateway.start();
  const closeGateway = cleanups.add('close the fake SMS gateway', () => gateway.close());
  const databaseUrl = await createTestDatabase('benchreminders');
  const dropDb = cleanups.add('drop the reminders bench database', () => dropTestDatabase(databaseUrl));
  const app = await startTestApp({
    services: [remindersDatabase],
    modules: [RemindersModule],
    databaseUrl,
    clock: new ManualClock(TODAY),
    env: { LOG_LEVEL: 'error', REDIS_URL: redis.url, REMINDERS_SMS_URL: gateway.url, REMINDERS_SMS_KEY: 'bench', REMINDERS_SMS_TEMPLATE_ID: 'SMS_BENCH' },
  });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const closeApp = cleanups.add('close the reminders bench app', close);
  const db = new Client({ connectionString: databaseUrl, application_name: 'xingfu-bench-reminders' });
  await db.connect();
  const connection = app.app.get(RedisConnection).options();
  const prefix = app.app.get(AppConfig).BULLMQ_PREFIX;
  const sending = new Queue(SENDING, { connection, prefix });
  const bare = new Queue(BARE, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  try {
    await waitFor('the start-up sweep', async () => (await db.query(`SELECT count(*)::int AS n FROM platform.sweep_runs WHERE service = 'reminders'`)).rows[0].n >= 1, 60_000, 100);
    const seedStarted = performance.now();
    const township = newTownshipCode();
    const loanIds = await seedReadModel(db, options.reminders, randomUUID(), township);
    await db.query('VACUUM ANALYZE reminders.mothers');
    await db.query('VACUUM ANALYZE reminders.loans');
    await db.query('VACUUM ANALYZE reminders.instalments');
    report.seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    progress(`reminders: ${options.reminders} unpaid instalments due ${DUE} seeded in ${report.seedSeconds} s`);

    // Held, so the sweep's measure is the sweep's (no send competes for the two cores) and the bare queue's is the same kind of add.
    await sending.pause();
    await bare.pause();
    const ids = loanIds.map((loanId) => `instalment-mother-${loanId}.v1.s1-T-7`);
    report.bareAddBulkMs.push(await bareAddBulk(bare, ids, options.chunk));
    progress(`bare addBulk of ${ids.length} jobs (chunks of ${options.chunk}): ${report.bareAddBulkMs[0]} ms`);
    await bare.obliterate({ force: true });

    const admin = await app.tokenFor('admin');
    const sweepOnce = async (): Promise<SweepRun> => {
      const started = performance.now();
      const { result, phases } = await withPhaseTimes(app, () => app.http().post('/api/v1/admin/sweeps/reminders').set('Authorization', `Bearer ${admin}`).send({ asOf: TODAY }));
      const ms = Math.round(performance.now() - started);
      if (result.status !== 200 && result.status !== 201) throw new Error(`POST /api/v1/admin/sweeps/reminders answered ${result.status}: ${JSON.stringify(result.body)}`);
      return { ms, answer: result.body as Record<string, unknown>, phases };
    };
    try {
      report.sweep = await profiled('reminders-sweep', sweepOnce);
      progress(`sweep for ${TODAY}: ${report.sweep.ms} ms ${JSON.stringify(report.sweep.answer)}; enqueue ${report.sweep.phases.enqueueMs} ms, of which addBulk ${report.sweep.phases.addBulkMs} ms`);
      const queued = await sending.getJobCounts('paused', 'waiting', 'delayed');
      progress(`sending queue after the sweep: ${JSON.stringify(queued)}`);
      report.sweepAgain = await sweepOnce();
      progress(`the same date again: ${report.sweepAgain.ms} ms ${JSON.stringify(report.sweepAgain.answer)}`);
    } catch (error) {
      skipped.push(`reminders sweep: ${error instanceof Error ? error.message : String(error)}`);
      progress(`the reminders sweep could not run: ${skipped[skipped.length - 1]}`);
    }

    // The baseline again, after the sweep, on the same (now fuller) Redis.
    report.bareAddBulkMs.push(await bareAddBulk(bare, ids, options.chunk));
    progress(`bare addBulk again: ${report.bareAddBulkMs[1]} ms`);
    await bare.obliterate({ force: true });

    if (report.sweep) {
      const started = performance.now();
      await sending.resume();
      try {
        await waitFor(`${options.sends} deliveries at the fake gateway`, () => gateway.deliveries().length >= options.sends, options.timeoutMs * 4, 20);
        const ms = performance.now() - started;
        const count = gateway.deliveries().length;
        report.sends = { count, ms: Math.round(ms), perSecond: Math.round((count / ms) * 1000 * 10) / 10, gatewayRequests: gateway.requests.length };
        progress(`sends: ${count} delivered in ${report.sends.ms} ms (${report.sends.perSecond}/s)`);
      } catch (error) {
        skipped.push(`sends: ${error instanceof Error ? error.message : String(error)} (${gateway.deliveries().length} delivered)`);
      }
      await sending.pause();
    }
  } finally {
    await sending.close();
    await bare.close();
    await db.end();
    closeApp();
    await close();
    dropDb();
    await dropTestDatabase(databaseUrl);
    closeGateway();
    await gateway.close();
    killRedis();
    await redis.kill();
  }
  report.loadAverage = [loadAtStart, Math.round(loadavg()[0] * 10) / 10];
  const bestBare = report.bareAddBulkMs.length ? Math.min(...report.bareAddBulkMs) : undefined;
  report.ratios.sweepVsBareAddBulk = ratio(report.sweep?.ms, bestBare);
  report.goals = [
    { goal: `reminders sweep (${options.reminders} reminders) <= 2x a bare addBulk of the same jobs`, value: report.ratios.sweepVsBareAddBulk, ok: report.ratios.sweepVsBareAddBulk !== null && report.ratios.sweepVsBareAddBulk <= 2 },
  ];
  return report;
}

const fmt = (x: number | null | undefined, digits = 0) => (x === undefined || x === null ? '-' : x.toFixed(digits));

const sqlMs = (run: SweepRun) => Object.values(run.phases.sql).reduce((sum, e) => sum + e.ms, 0);
const sqlDetail = (run: SweepRun) =>
  Object.entries(run.phases.sql)
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, 5)
    .map(([kind, e]) => `${kind}: ${e.ms} ms/${e.calls}`)
    .join('; ');

export function printRemindersReport(report: RemindersReport, options: RemindersBenchOptions): void {
  const header = `${'reminders scenario'.padEnd(34)}${'ms'.padStart(10)}   detail`;
  console.log(`\n${header}`);
  console.log('-'.repeat(90));
  report.bareAddBulkMs.forEach((ms, i) => console.log(`${`bare addBulk${i ? ' (again, after)' : ''}`.padEnd(34)}${fmt(ms).padStart(10)}   ${options.reminders} jobs, chunks of ${options.chunk}, paused queue`));
  const s = report.sweep;
  if (s) {
    console.log(`${`sweep ${TODAY} (admin route)`.padEnd(34)}${fmt(s.ms).padStart(10)}   ${JSON.stringify(s.answer)}; ratio vs best bare addBulk: ${fmt(report.ratios.sweepVsBareAddBulk, 2)}`);
    console.log(`${'  of which addBulk'.padEnd(34)}${fmt(s.phases.addBulkMs).padStart(10)}   ${s.phases.addBulkCalls} calls (the bare baseline's work)`);
    console.log(`${'  of which the EXISTS check'.padEnd(34)}${fmt(s.phases.enqueueMs - s.phases.addBulkMs).padStart(10)}   enqueue() minus its addBulk: the ids already queued left out`);
    console.log(`${'  the rest (read, decide, insert)'.padEnd(34)}${fmt(Math.max(0, s.ms - s.phases.enqueueMs)).padStart(10)}   wall time outside enqueue(); the sweep overlaps reading with enqueueing, so this is a floor`);
    console.log(`${'  awaiting PostgreSQL (sum)'.padEnd(34)}${fmt(sqlMs(s)).padStart(10)}   ${sqlDetail(s)}`);
  }
  const again = report.sweepAgain;
  if (again) {
    console.log(`${'same date again'.padEnd(34)}${fmt(again.ms).padStart(10)}   ${JSON.stringify(again.answer)}; enqueue ${again.phases.enqueueMs} ms, addBulk ${again.phases.addBulkMs} ms`);
    console.log(`${'  awaiting PostgreSQL (sum)'.padEnd(34)}${fmt(sqlMs(again)).padStart(10)}   ${sqlDetail(again)}`);
  }
  const sends = report.sends;
  if (sends) console.log(`${'sends to the fake gateway'.padEnd(34)}${fmt(sends.ms).padStart(10)}   ${sends.count} delivered: ${sends.perSecond}/s (${sends.gatewayRequests} requests)`);
  if (report.loadAverage) console.log(`\nLoad average (1 min) at the start and the end of the run: ${report.loadAverage.join(' -> ')} on ${cpus().length} cores: above ~1 per core the figures are noisy.`);
  if (report.seedSeconds !== undefined) console.log(`\nRead model seeded by SQL in ${report.seedSeconds} s: ${options.reminders} mothers, loans and unpaid instalments due ${DUE}.`);
  console.log('\nreminders goals');
  for (const g of report.goals) console.log(`  ${g.ok ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value ?? '-'}`);
  for (const line of report.skipped) console.log(`  NOT RUN  ${line}`);
}
