import { ApplicationSubmitted, EventEnvelope } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { startTestApp, TestApp } from '@xingfu/testing';
import { randomUUID } from 'node:crypto';
import { applicationsDatabase } from '../apps/applications/src/applications.database';
import { ApplicationsModule } from '../apps/applications/src/applications.module';
import { reportingDatabase } from '../apps/reporting/src/reporting.database';
import { ReportingModule } from '../apps/reporting/src/reporting.module';
import { measureDelivery } from './consumer-time';
import { BenchProbeModule, PROBE_TABLE_SQL } from './probe.module';
import { aggregatePool, payloadFor, rate, Result, runConcurrently, summarize, waitFor } from './support';

export interface ScenarioOptions {
  events: number;
  writers: number;
  warmup: number;
  timeoutMs: number;
}

/** Fast settings for the apps: NOTIFY wakes the relay, polling is only the fallback. */
export const BENCH_APP_ENV: NodeJS.ProcessEnv = { LOG_LEVEL: 'error', OUTBOX_POLL_INTERVAL_MS: '1000', OUTBOX_BATCH_SIZE: '500' };

/** applications (producer) + reporting (its real consumer and the bench probe) in one app. */
export function startBenchApp(databaseUrl: string, kafka: boolean): Promise<TestApp> {
  return startTestApp({
    services: [applicationsDatabase, reportingDatabase],
    modules: [ApplicationsModule, ReportingModule, BenchProbeModule],
    databaseUrl,
    kafka,
    env: BENCH_APP_ENV,
  });
}

/**
 * Commits one ApplicationSubmitted the way a command of the app does: through the unit of work
 * (its own transaction, the outbox row written through it; BEGIN, the INSERT and COMMIT leave in
 * one round trip, as a command's do when its work reads nothing), and returns its envelope.
 */
export function submitter(app: TestApp): (aggregateId: string) => Promise<EventEnvelope> {
  const work = app.app.get(UnitOfWork);
  return (aggregateId) =>
    work.run({ actor: { kind: 'system', process: 'bench' }, correlationId: randomUUID(), causationId: null }, (w) =>
      w.outbox.append(ApplicationSubmitted, aggregateId, payloadFor(aggregateId)),
    );
}

/**
 * Where the events of a wait that timed out are: the outbox by status (leased = pending with its
 * next attempt ahead: claimed, or waiting out a retry), the last error, and each consumer's inbox.
 */
export async function whereEventsAre(app: TestApp): Promise<string> {
  try {
    const outbox: { status: string; leased: boolean; n: number; attempts: number; last_error: string | null }[] = await app.dataSource.query(
      `SELECT status, (next_attempt_at > now()) AS leased, count(*)::int AS n, max(attempts)::int AS attempts, max(last_error) AS last_error
         FROM applications.outbox GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const inbox: { consumer: string; n: number }[] = await app.dataSource.query(`SELECT consumer, count(*)::int AS n FROM reporting.inbox GROUP BY 1 ORDER BY 1`);
    const letters: { consumer: string; n: number }[] = await app.dataSource.query(`SELECT consumer, count(*)::int AS n FROM reporting.dead_letters GROUP BY 1 ORDER BY 1`);
    const rows = outbox.map((o) => `${o.status}${o.status === 'pending' ? (o.leased ? ' (leased)' : ' (due)') : ''} ${o.n}${o.attempts ? `, ${o.attempts} attempts` : ''}${o.last_error ? `, last error: ${o.last_error}` : ''}`);
    return `outbox: ${rows.join('; ') || 'empty'}; inboxes: ${inbox.map((i) => `${i.consumer} ${i.n}`).join(', ') || 'empty'}${letters.length ? `; dead letters: ${letters.map((l) => `${l.consumer} ${l.n}`).join(', ')}` : ''}`;
  } catch (error) {
    return `(could not read where the events are: ${(error as Error).message})`;
  }
}

/**
 * N events from C concurrent writers, each in its own transaction through the unit of work;
 * latency = the probe's clock_timestamp() in the consumer's inbox transaction − the wall clock
 * right after the producer's COMMIT returned. Both clocks are this machine's.
 */
export async function runOutboxScenario(app: TestApp, scenario: string, options: ScenarioOptions): Promise<Result> {
  const submit = submitter(app);
  const aggregates = aggregatePool();
  await app.dataSource.query(PROBE_TABLE_SQL);

  const commitTimes = new Map<string, number>();
  const commitRoundTrips: number[] = [];
  const append = async (i: number): Promise<void> => {
    const aggregateId = aggregates[i % aggregates.length];
    const started = Date.now();
    const envelope = await submit(aggregateId);
    const committedAt = Date.now();
    commitTimes.set(envelope.eventId, committedAt);
    commitRoundTrips.push(committedAt - started);
  };
  const probed = async (): Promise<number> => (await app.dataSource.query(`SELECT count(*)::int AS n FROM reporting.bench_probe`))[0].n;

  // Warm-up: connections, the relay's LISTEN, the Kafka producer and consumer group join.
  await app.dataSource.query('TRUNCATE reporting.bench_probe');
  await runConcurrently(options.warmup, options.writers, append);
  await waitFor(`${scenario}: ${options.warmup} warm-up events at the probe`, async () => (await probed()) >= options.warmup, options.timeoutMs).catch(async (error) => {
    throw new Error(`${(error as Error).message}; ${await whereEventsAre(app)}`);
  });
  await app.dataSource.query('TRUNCATE reporting.bench_probe');
  commitTimes.clear();
  commitRoundTrips.length = 0;

  const { cost } = await measureDelivery(options.events, async () => {
    await runConcurrently(options.events, options.writers, append);
    await waitFor(`${scenario}: ${options.events} events at the probe`, async () => (await probed()) >= options.events, options.timeoutMs, 100).catch(async (error) => {
      throw new Error(`${(error as Error).message}; ${await whereEventsAre(app)}`);
    });
  });

  const rows: { event_id: string; at: number }[] = await app.dataSource.query(
    `SELECT event_id, extract(epoch FROM handled_at) * 1000 AS at FROM reporting.bench_probe`,
  );
  const latencies: number[] = [];
  let lastProbe = 0;
  for (const row of rows) {
    const committedAt = commitTimes.get(row.event_id);
    if (committedAt === undefined) throw new Error(`${scenario}: the probe saw an event this run did not commit (${row.event_id})`);
    const at = Number(row.at);
    latencies.push(at - committedAt);
    lastProbe = Math.max(lastProbe, at);
  }
  if (latencies.length !== options.events) throw new Error(`${scenario}: ${latencies.length} probe rows for ${options.events} events`);
  const firstCommit = Math.min(...commitTimes.values());
  const durationMs = lastProbe - firstCommit;
  return {
    scenario,
    events: options.events,
    writers: options.writers,
    durationMs: Math.round(durationMs),
    eventsPerSecond: rate(options.events, durationMs),
    latencyMs: summarize(latencies),
    notes: { producerCommitRoundTripMs: summarize(commitRoundTrips), delivery: cost },
  };
}
