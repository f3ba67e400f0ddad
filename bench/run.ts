/**
 * npm run bench: throughput and commit→inbox latency of the outbox backbone, in-process and
 * over the broker, each beside a raw baseline measured in the same run. Not part of npm test.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { brokerAddress, createTestDatabase, dropTestDatabase, startBroker, stopBroker, TestApp } from '@xingfu/testing';
import { runOutboxScenario, startBenchApp, BENCH_APP_ENV } from './outbox.scenario';
import { runRawInsertBaseline } from './raw-insert.baseline';
import { runRawKafkaBaseline } from './raw-kafka.baseline';
import { Result } from './support';

// A broker of the bench's own unless told otherwise, so a concurrent `npm test` keeps its own.
process.env.XINGFU_TEST_BROKER ??= '127.0.0.1:19192';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | undefined;
/** Runs the registered steps last-first, once, however many paths (error, signal) ask for it. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const step = cleanups.pop() as (typeof cleanups)[number];
      await step.run().catch((error) => console.error(`bench: cleanup "${step.name}" failed: ${message(error)}`));
    }
  })();
  return cleaning;
}
function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
const progress = (line: string) => console.error(`» ${line}`);

/** Starts the app, runs the scenario, always closes the app. */
async function withApp<T>(databaseUrl: string, kafka: boolean, body: (app: TestApp) => Promise<T>): Promise<T> {
  const app = await startBenchApp(databaseUrl, kafka);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const entry = { name: `close ${kafka ? 'kafka' : 'in-process'} app`, run: close };
  cleanups.push(entry);
  try {
    return await body(app);
  } finally {
    const index = cleanups.indexOf(entry);
    if (index >= 0) cleanups.splice(index, 1);
    await close();
  }
}

async function main(): Promise<void> {
  const events = intEnv('BENCH_EVENTS', 2000);
  const writers = intEnv('BENCH_WRITERS', 8);
  const warmup = intEnv('BENCH_WARMUP', 100);
  const timeoutMs = intEnv('BENCH_TIMEOUT_MS', 90_000);
  const options = { events, writers, warmup, timeoutMs };
  const startedAt = new Date();
  progress(`${events} events, ${writers} concurrent writers, ${warmup} warm-up events; broker ${brokerAddress()}`);

  cleanups.push({ name: 'stop broker', run: stopBroker });
  await startBroker();
  const databaseUrl = await createTestDatabase('bench');
  cleanups.push({ name: 'drop database', run: () => dropTestDatabase(databaseUrl) });

  progress('outbox in-process: applications → relay → in-process transport → reporting inbox');
  const inProcess = await withApp(databaseUrl, false, (app) => runOutboxScenario(app, 'outbox in-process', options));

  progress('raw postgres insert: bare INSERTs into a copy of applications.outbox');
  const rawInsert = await runRawInsertBaseline(databaseUrl, options);

  progress('outbox over kafka: relay → go-mokapi → kafkajs consumer group → reporting inbox');
  const overKafka = await withApp(databaseUrl, true, (app) => runOutboxScenario(app, 'outbox over kafka', options));

  // A fresh broker: the raw consumer must not wade through the outbox scenario's messages.
  progress('raw kafkajs: bare produce → consume on a fresh broker');
  await stopBroker();
  await startBroker();
  const rawKafka = await runRawKafkaBaseline(options);

  const ratios = {
    inProcessVsRawInsert: { eventsPerSecond: ratio(inProcess.eventsPerSecond, rawInsert.eventsPerSecond) },
    kafkaVsRawKafkajs: {
      eventsPerSecond: ratio(overKafka.eventsPerSecond, rawKafka.eventsPerSecond),
      p50: ratio(overKafka.latencyMs?.p50, rawKafka.latencyMs?.p50),
      p99: ratio(overKafka.latencyMs?.p99, rawKafka.latencyMs?.p99),
    },
  };
  printTable([rawInsert, inProcess, rawKafka, overKafka], ratios);

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '*\n');
  const file = join(dir, 'latest.json');
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    config: { events, writers, warmup, aggregates: 100, broker: brokerAddress(), appEnv: BENCH_APP_ENV, node: process.version, cpus: cpus().length },
    results: { rawInsert, inProcess, rawKafka, overKafka },
    ratios,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

function printTable(results: Result[], ratios: { inProcessVsRawInsert: { eventsPerSecond: number | null }; kafkaVsRawKafkajs: Record<'eventsPerSecond' | 'p50' | 'p99', number | null> }): void {
  const fmt = (x: number | null | undefined, digits = 1) => (x === undefined || x === null ? '-' : x.toFixed(digits));
  const comments: Record<string, string> = {
    'outbox in-process': `ratio vs raw insert: ${fmt(ratios.inProcessVsRawInsert.eventsPerSecond, 2)} (events/s)`,
    'outbox over kafka': `ratio vs raw kafkajs: ${fmt(ratios.kafkaVsRawKafkajs.eventsPerSecond, 2)} (events/s), p50 ${fmt(ratios.kafkaVsRawKafkajs.p50, 2)}, p99 ${fmt(ratios.kafkaVsRawKafkajs.p99, 2)}`,
  };
  const header = `${'scenario'.padEnd(22)}${'events/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`;
  console.log(`\n${header}`);
  console.log('-'.repeat(header.length));
  for (const r of results) {
    const row = `${r.scenario.padEnd(22)}${fmt(r.eventsPerSecond, 0).padStart(10)}${fmt(r.latencyMs?.p50).padStart(10)}${fmt(r.latencyMs?.p99).padStart(10)}`;
    console.log(comments[r.scenario] ? `${row}   ${comments[r.scenario]}` : row);
  }
  const { events, writers } = results[0];
  console.log(
    `\n${events} events per scenario, ${writers} concurrent writers, keys over 100 aggregates. Latency: producer COMMIT returned → consumer's` +
      `\ninbox transaction (clock_timestamp() at the probe's insert); raw kafkajs: send() called → eachMessage. The raw insert has no consumer.`,
  );
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`bench: ${signal}, cleaning up`);
    // stopBroker once more: a broker main() was starting as the signal came is stopped too.
    void cleanUp()
      .then(() => stopBroker())
      .finally(() => process.exit(130));
    // main() will fail once its app is closed under it; that path awaits the same cleanup.
  });
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error) => {
    if (!interrupted) console.error(`bench failed: ${message(error)}`);
    await cleanUp();
    process.exit(interrupted ? 130 : 1);
  });
