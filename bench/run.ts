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
import { CpuMeter, CpuReport } from './cpu';
import { DeliveryCost } from './consumer-time';
import { runRateScenario } from './rate.scenario';
import { captureSurveyShape, runSameShapeBaseline, runSurveyPosts, SurveyShape, surveyPoster } from './survey.scenario';
import { applicationsDatabase } from '../apps/applications/src/applications.database';
import { ApplicationsModule } from '../apps/applications/src/applications.module';
import { reportingDatabase } from '../apps/reporting/src/reporting.database';
import { ReportingModule } from '../apps/reporting/src/reporting.module';
import { startTestApp } from '@xingfu/testing';
import { Result } from './support';
import { LoansBenchOptions, LoansReport, printLoansReport, runLoansBench } from './loans/loans.bench';
import { printRemindersReport, RemindersBenchOptions, RemindersReport, runRemindersBench } from './reminders/reminders.bench';
import { printReportingReport, ReportingBenchOptions, ReportingReport, runReportingBench } from './reporting/reporting.bench';

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
async function withApp<T>(databaseUrl: string, kafka: boolean, body: (app: TestApp) => Promise<T>, start = startBenchApp): Promise<T> {
  const app = await start(databaseUrl, kafka);
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

const PARTS = ['outbox', 'loans', 'reminders', 'reporting'] as const;
type Part = (typeof PARTS)[number];

/** BENCH_ONLY=outbox, loans, reminders or reporting runs one part; unset, all of them. */
function benchOnly(): Part | undefined {
  const only = process.env.BENCH_ONLY;
  if (only === undefined || only === '') return undefined;
  if (!(PARTS as readonly string[]).includes(only)) throw new Error(`BENCH_ONLY must be one of ${PARTS.join(', ')}, got "${only}"`);
  return only as Part;
}

/** The loans, reminders and reporting benches' teardown steps go on the same list, so a signal or a failure runs them too. */
const loansCleanups = {
  add(name: string, run: () => Promise<unknown>): () => void {
    const entry = { name, run };
    cleanups.push(entry);
    return () => {
      const index = cleanups.indexOf(entry);
      if (index >= 0) cleanups.splice(index, 1);
    };
  },
};

async function main(): Promise<void> {
  const only = benchOnly();
  const runs = (part: Part) => only === undefined || only === part;
  const startedAt = new Date();
  const outbox = runs('outbox') ? await runOutboxBench() : undefined;
  let loans: { config: LoansBenchOptions; report: LoansReport } | undefined;
  if (runs('loans')) {
    const config: LoansBenchOptions = {
      loans: intEnv('BENCH_LOANS', 10_000),
      postings: intEnv('BENCH_LOAN_POSTINGS', 2000),
      warmup: intEnv('BENCH_WARMUP', 100),
      offeredRate: intEnv('BENCH_LOAN_RATE', 50),
      rateSeconds: intEnv('BENCH_RATE_SECONDS', 5),
      sweepLoans: intEnv('BENCH_SWEEP_LOANS', 1_000_000),
      sweepDueEvery: intEnv('BENCH_SWEEP_DUE_EVERY', 100),
      reads: intEnv('BENCH_READS', 500),
      readPostings: intEnv('BENCH_READ_POSTINGS', 700),
      timeoutMs: intEnv('BENCH_TIMEOUT_MS', 90_000),
    };
    loans = { config, report: await runLoansBench(config, loansCleanups) };
    printLoansReport(loans.report, config);
  }
  let reminders: { config: RemindersBenchOptions; report: RemindersReport } | undefined;
  if (runs('reminders')) {
    const config: RemindersBenchOptions = {
      reminders: intEnv('BENCH_REMINDERS', 100_000),
      chunk: intEnv('BENCH_REMINDER_CHUNK', 1000),
      sends: intEnv('BENCH_REMINDER_SENDS', 2000),
      timeoutMs: intEnv('BENCH_TIMEOUT_MS', 90_000),
    };
    reminders = { config, report: await runRemindersBench(config, loansCleanups) };
    printRemindersReport(reminders.report, config);
  }
  let reporting: { config: ReportingBenchOptions; report: ReportingReport } | undefined;
  if (runs('reporting')) {
    const config: ReportingBenchOptions = {
      loans: intEnv('BENCH_REPORTING_LOANS', 1_000_000),
      offeredRate: intEnv('BENCH_REPORTING_RATE', 20),
      rateSeconds: intEnv('BENCH_REPORTING_SECONDS', 20),
      burst: intEnv('BENCH_REPORTING_BURST', 200),
      bareRuns: intEnv('BENCH_REPORTING_BARE_RUNS', 10),
    };
    reporting = { config, report: await runReportingBench(config, loansCleanups) };
    printReportingReport(reporting.report, config);
  }

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '*\n');
  const file = join(dir, 'latest.json');
  const report = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), only: only ?? 'all', ...outbox, loans, reminders, reporting };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
}

const OUTBOX_PARTS = ['backbone', 'survey'] as const;
type OutboxPart = (typeof OUTBOX_PARTS)[number];

/** BENCH_OUTBOX_PARTS=survey (or backbone, or both comma-separated) runs only those of the outbox part; unset, both. */
function outboxParts(): Set<OutboxPart> {
  const raw = process.env.BENCH_OUTBOX_PARTS;
  if (raw === undefined || raw === '') return new Set(OUTBOX_PARTS);
  const named = raw.split(',').map((p) => p.trim());
  for (const p of named) if (!(OUTBOX_PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_OUTBOX_PARTS takes ${OUTBOX_PARTS.join(', ')}, got "${p}"`);
  return new Set(named as OutboxPart[]);
}

interface BackboneResults {
  inProcess: Result;
  atRates: Result[];
  rawInsert: Result;
  overKafka: Result;
  rawKafka: Result;
}

/** The outbox backbone and the survey POST, each beside its raw baseline: what goes into the results file. */
async function runOutboxBench(): Promise<Record<string, unknown>> {
  // 10,000: the raw insert of 2,000 rows lasted 0.2–0.6 s and its rate swung 3× between quiet runs (3,145–8,889/s); 10,000 last 1.3–1.6 s.
  const events = intEnv('BENCH_EVENTS', 10000);
  const writers = intEnv('BENCH_WRITERS', 8);
  const warmup = intEnv('BENCH_WARMUP', 100);
  const timeoutMs = intEnv('BENCH_TIMEOUT_MS', 90_000);
  const rateSeconds = intEnv('BENCH_RATE_SECONDS', 5);
  const surveys = intEnv('BENCH_SURVEYS', 600);
  // 250/s is about 0.4x the same-shape bare pg at 32 connections on this machine (~610/s).
  const surveyRate = intEnv('BENCH_SURVEY_RATE', 250);
  const parts = outboxParts();
  const rates = [300, 600, 900];
  const options = { events, writers, warmup, timeoutMs };
  progress(`${events} events, ${writers} concurrent writers, ${warmup} warm-up events; broker ${brokerAddress()}`);

  cleanups.push({ name: 'stop broker', run: stopBroker });
  if (parts.has('backbone')) await startBroker();
  const databaseUrl = await createTestDatabase('bench');
  cleanups.push({ name: 'drop database', run: () => dropTestDatabase(databaseUrl) });
  const cpu = await CpuMeter.open(databaseUrl, brokerAddress());
  cleanups.push({ name: 'close cpu meter', run: () => cpu.close() });
  const runStart = await cpu.sample();
  /** Runs a scenario and notes the CPU the rest of the machine used meanwhile. */
  const measured = async (result: () => Promise<Result>): Promise<Result> => {
    const from = await cpu.sample();
    const r = await result();
    r.notes = { ...r.notes, cpu: cpu.report(from, await cpu.sample()) };
    return r;
  };

  let backbone: BackboneResults | undefined;
  if (parts.has('backbone')) {
    progress('outbox in-process: applications → relay → in-process transport → reporting inbox (burst, then offered rates)');
    const [inProcess, ...atRates] = await withApp(databaseUrl, false, async (app) => {
      const burst = await measured(() => runOutboxScenario(app, 'outbox in-process', options));
      const steady: Result[] = [];
      for (const r of rates) {
        progress(`in-process at an offered ${r} events/s for ${rateSeconds} s`);
        steady.push(await measured(() => runRateScenario(app, r, rateSeconds, timeoutMs)));
      }
      return [burst, ...steady];
    });

    progress('raw postgres insert: bare INSERTs into a copy of applications.outbox');
    const rawInsert = await measured(() => runRawInsertBaseline(databaseUrl, options));

    progress('outbox over kafka: relay → go-mokapi → kafkajs consumer group → reporting inbox');
    const overKafka = await withApp(databaseUrl, true, (app) => measured(() => runOutboxScenario(app, 'outbox over kafka', options)));

    // A fresh broker: the raw consumer must not wade through the outbox scenario's messages.
    progress('raw kafkajs: bare produce → consume on a fresh broker');
    await stopBroker();
    await startBroker();
    const rawKafka = await measured(() => runRawKafkaBaseline(options));
    backbone = { inProcess, atRates, rawInsert, overKafka, rawKafka };
  }

  let survey: SurveyResults | undefined;
  if (parts.has('survey')) survey = await runSurveyPart(databaseUrl, measured, surveys, surveyRate, rateSeconds);
  const wholeRun = cpu.report(runStart, await cpu.sample(), true);

  const goals: { goal: string; value: number | null; ok: boolean }[] = [];
  let ratios: Record<string, unknown> = {};
  if (backbone) {
    const { inProcess, atRates, rawInsert, overKafka, rawKafka } = backbone;
    const backboneRatios = {
      inProcessVsRawInsert: { eventsPerSecond: ratio(inProcess.eventsPerSecond, rawInsert.eventsPerSecond) },
      kafkaVsRawKafkajs: {
        eventsPerSecond: ratio(overKafka.eventsPerSecond, rawKafka.eventsPerSecond),
        p50: ratio(overKafka.latencyMs?.p50, rawKafka.latencyMs?.p50),
        p99: ratio(overKafka.latencyMs?.p99, rawKafka.latencyMs?.p99),
      },
    };
    ratios = backboneRatios;
    printTable([rawInsert, inProcess, rawKafka, overKafka], backboneRatios);
    printDeliveryCosts([inProcess, ...atRates, overKafka]);
    const at600 = atRates[rates.indexOf(600)];
    goals.push(
      { goal: 'in-process delivery >= 0.25x raw insert (burst)', value: backboneRatios.inProcessVsRawInsert.eventsPerSecond, ok: (backboneRatios.inProcessVsRawInsert.eventsPerSecond ?? 0) >= 0.25 },
      { goal: 'p99 commit -> consumer < 50 ms at 600 events/s', value: at600.latencyMs?.p99 ?? null, ok: (at600.latencyMs?.p99 ?? Infinity) < 50 },
    );
  }
  const surveyRatios = survey ? [0, 1].map((i) => ratio(survey.posts[i].eventsPerSecond, survey.bare[i].eventsPerSecond)) : [];
  printLatencyTable(backbone?.atRates ?? [], survey);
  if (survey) {
    goals.push(
      { goal: 'survey POST >= 0.4x same-shape bare pg at 32 connections', value: surveyRatios[1], ok: (surveyRatios[1] ?? 0) >= 0.4 },
      { goal: 'survey POST p99 < 100 ms at 32 connections', value: survey.posts[1].latencyMs?.p99 ?? null, ok: (survey.posts[1].latencyMs?.p99 ?? Infinity) < 100 },
    );
  }
  console.log('\ngoals');
  for (const g of goals) console.log(`  ${g.ok ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value ?? '-'}`);
  console.log(
    `\nCPU used by other processes during the run: ${wholeRun.otherCores} cores (${wholeRun.otherPercentOfMachine}% of ${wholeRun.cores}) over ${wholeRun.seconds} s` +
      ` (the bench's own process tree ${wholeRun.benchCores} cores, PostgreSQL backends of its database ${wholeRun.postgresForBenchCores},` +
      ` PostgreSQL's shared processes ${wholeRun.postgresSharedCores}).` +
      `\nPer scenario, in the "other CPU" column: above ~10% of the machine the run was noisy.`,
  );

  // The loans bench (when it runs next) starts apps of its own: nothing of this part stays up.
  await cpu.close();
  await dropTestDatabase(databaseUrl);
  await stopBroker();
  for (const name of ['close cpu meter', 'drop database', 'stop broker']) cleanups.splice(cleanups.findIndex((c) => c.name === name), 1);
  return {
    config: { events, writers, warmup, aggregates: 100, broker: brokerAddress(), appEnv: BENCH_APP_ENV, node: process.version, cpus: cpus().length },
    parts: [...parts],
    results: { ...backbone, surveyPosts: survey?.posts, surveyPostsAtRate: survey?.offered, sameShapeBarePg: survey?.bare },
    surveyShape: survey ? { statements: survey.shape.statements, roundTrips: survey.shape.roundTrips, summary: survey.shape.summary } : undefined,
    ratios: { ...ratios, ...(survey ? { surveyVsBarePg: { x8: surveyRatios[0], x32: surveyRatios[1] } } : {}) },
    goals,
    cpu: wholeRun,
  };
}

interface SurveyResults {
  posts: Result[];
  bare: Result[];
  offered: Result;
  shape: SurveyShape;
}

/** The survey POST at 8 and 32 connections and at an offered rate, then bare pg sending the same statements. */
async function runSurveyPart(
  databaseUrl: string,
  measured: (result: () => Promise<Result>) => Promise<Result>,
  surveys: number,
  surveyRate: number,
  rateSeconds: number,
): Promise<SurveyResults> {
  progress(`survey POST /api/v1/applications at 8 and 32 connections (${surveys} each), then bare pg running the same statements`);
  let shape: SurveyShape | undefined;
  let offered: Result | undefined;
  const posts = await withApp(
    databaseUrl,
    false,
    async (app) => {
      await app.app.listen(0, '127.0.0.1');
      const { post, projectId } = await surveyPoster(app);
      for (let i = 0; i < 5; i++) await post(); // warm: the first POST compiles and connects
      shape = await captureSurveyShape(app, post, [projectId]);
      progress(`one survey POST sends ${shape.statements} statements in ${shape.roundTrips} round trips: ${shape.summary}`);
      const out: Result[] = [];
      for (const c of [8, 32]) out.push(await measured(() => runSurveyPosts(app, surveys, c)));
      progress(`survey POST at an offered ${surveyRate}/s over 32 connections for ${rateSeconds} s`);
      offered = await measured(() => runSurveyPosts(app, surveyRate * rateSeconds, 32, surveyRate));
      return out;
    },
    startSurveyApp,
  );
  const bare: Result[] = [];
  for (const c of [8, 32]) bare.push(await measured(() => runSameShapeBaseline(databaseUrl, shape as SurveyShape, surveys, c)));
  return { posts, bare, offered: offered as Result, shape: shape as SurveyShape };
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
  const header = `${'scenario'.padEnd(26)}${'events/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'other CPU'.padStart(11)}`;
  console.log(`\n${header}`);
  console.log('-'.repeat(header.length));
  for (const r of results) {
    const row = rowOf(r);
    console.log(comments[r.scenario] ? `${row}   ${comments[r.scenario]}` : row);
  }
  const { events, writers } = results[0];
  console.log(
    `\n${events} events per scenario, ${writers} concurrent writers, keys over 100 aggregates. Latency: producer COMMIT returned → consumer's` +
      `\ninbox transaction (clock_timestamp() at the probe's insert); raw kafkajs: send() called → eachMessage. The raw insert has no consumer.`,
  );
}

/** Where each backbone scenario's delivery time went: the app's CPU per event and each consumer's batches. */
function printDeliveryCosts(results: Result[]): void {
  console.log(`\nper consumer (inbox transaction and handler, per batch; in process the relay waits for the slowest before its next batch)`);
  for (const r of results) {
    const cost = r.notes?.delivery as DeliveryCost | undefined;
    if (!cost) continue;
    console.log(`  ${r.scenario}: this process (app and writers) ${cost.appCpuMsPerEvent} ms CPU per event`);
    for (const [consumer, c] of Object.entries(cost.consumers)) {
      console.log(`    ${consumer.padEnd(40)}${String(c.batches).padStart(6)} batches${c.eventsPerBatch.toFixed(1).padStart(8)} events/batch${c.msPerBatch.toFixed(1).padStart(8)} ms/batch`);
    }
  }
}

function otherCpu(r: Result): string {
  const cpu = r.notes?.cpu as CpuReport | undefined;
  return cpu ? `${cpu.otherPercentOfMachine}%` : '-';
}

function rowOf(r: Result): string {
  const fmt = (x: number | null | undefined, digits = 1) => (x === undefined || x === null ? '-' : x.toFixed(digits));
  return `${r.scenario.padEnd(26)}${fmt(r.eventsPerSecond, 0).padStart(10)}${fmt(r.latencyMs?.p50).padStart(10)}${fmt(r.latencyMs?.p99).padStart(10)}${otherCpu(r).padStart(11)}`;
}

function printLatencyTable(atRates: Result[], survey: SurveyResults | undefined): void {
  const header = `${'scenario'.padEnd(26)}${'events/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'other CPU'.padStart(11)}`;
  console.log(`\n${header}  (offered rates: events/s is the rate achieved by the writers)`);
  console.log('-'.repeat(header.length));
  for (const r of atRates) console.log(rowOf(r));
  if (!survey) return;
  const { posts, bare, offered, shape } = survey;
  for (const [i, r] of posts.entries()) {
    console.log(rowOf(bare[i]));
    console.log(`${rowOf(r)}   ratio vs bare pg: ${ratio(r.eventsPerSecond, bare[i].eventsPerSecond) ?? '-'}`);
  }
  const offeredShare = ratio(Number(offered.scenario.match(/@ (\d+)\//)?.[1]), bare[1].eventsPerSecond);
  console.log(`${rowOf(offered)}   offered ${offeredShare ?? '-'}x bare pg x32; latency from each POST's scheduled start`);
  console.log(
    `\nOne survey POST = ${shape.statements} statements in ${shape.roundTrips} round trips (${shape.summary}; [..] = one pipelined round trip);` +
      ` the bare pg run sends the same SQL in the same round trips with a fresh case's ids.`,
  );
}

/** applications + reporting as standalone hosts them, without the bench probe. */
function startSurveyApp(databaseUrl: string, kafka: boolean): Promise<TestApp> {
  return startTestApp({ services: [applicationsDatabase, reportingDatabase], modules: [ApplicationsModule, ReportingModule], databaseUrl, kafka, env: BENCH_APP_ENV });
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
