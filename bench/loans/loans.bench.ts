import { randomUUID } from 'node:crypto';
import { ManualClock } from '@xingfu/common';
import { createTestDatabase, dropTestDatabase, newTownshipCode, startTestApp, TestApp } from '@xingfu/testing';
import { Client } from 'pg';
import { loansDatabase } from '../../apps/loans/src/loans.database';
import { loansQueues } from '../../apps/loans/src/loans.jobs';
import { LoansModule } from '../../apps/loans/src/loans.module';
import { CpuMeter, CpuReport } from '../cpu';
import { BENCH_APP_ENV } from '../outbox.scenario';
import { AppCpu, Result, waitFor } from '../support';
import { MemoryWatch } from './memory';
import { WaitReport, WaitSampler } from './waits';
import { profiled } from './profile';
import { capturePostingShape, inProcessPoster, PostingBook, PostingShape, runBarePostings, runHttpPostings, runHttpPostingsAtRate } from './postings.scenario';
import { answerBytes, runLoanReads } from './read.scenario';
import { benchUuid, BenchProject, PREFIX, seedLoans, seedPostings, seedProject } from './seed';
import { bareScan, bookMix, runSweep, seedSweepBook, SweepRun, sweepResult } from './sweep.scenario';

export interface LoansBenchOptions {
  /** Loans the postings spread over (BENCH_LOANS, 10,000). */
  loans: number;
  /** Postings per concurrency level (BENCH_LOAN_POSTINGS). */
  postings: number;
  warmup: number;
  /** Offered rate of the open-loop run (BENCH_LOAN_RATE, 50/s: under this machine's ~100–130/s capacity) for BENCH_RATE_SECONDS. */
  offeredRate: number;
  rateSeconds: number;
  /** Loans of the sweep's book (BENCH_SWEEP_LOANS, 1,000,000); every BENCH_SWEEP_DUE_EVERY-th (100: 1%) is due. */
  sweepLoans: number;
  sweepDueEvery: number;
  /** Sequential reads per loan (BENCH_READS, 500) of the loan with 1 posting and the one with BENCH_READ_POSTINGS (700). */
  reads: number;
  readPostings: number;
  timeoutMs: number;
}

/** Teardown steps the runner keeps (so a signal or a failure still closes the app and drops the database). */
export interface Cleanups {
  add(name: string, run: () => Promise<unknown>): () => void;
}

/** The business date of the loans bench: every loan was disbursed before it, every posting is paid on it, the sweep runs for it. */
const TODAY = '2026-12-01';
const progress = (line: string) => console.error(`» ${line}`);

type LoansPart = 'postings' | 'reads' | 'sweep';
/**
 * BENCH_LOANS_PARTS=postings[,reads][,sweep] runs only those parts (a posting run without the
 * sweep's 70 s seeding); unset, all three. A part left out is printed as NOT RUN.
 */
function loansParts(): Set<LoansPart> {
  const all: LoansPart[] = ['postings', 'reads', 'sweep'];
  const named = process.env.BENCH_LOANS_PARTS?.split(',').map((p) => p.trim()).filter(Boolean);
  if (!named?.length) return new Set(all);
  const unknown = named.filter((p) => !all.includes(p as LoansPart));
  if (unknown.length) throw new Error(`BENCH_LOANS_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  return new Set(named as LoansPart[]);
}

/**
 * The offered rate over 32 connections (BENCH_LOAN_RATE_X32): near the goal's throughput, 0.3x
 * what bare pg sustains at 32 clients on a quiet machine (about 645/s), so the goal's p99 is
 * seen at that rate without the closed loop's 32 waiting clients.
 */
const RATE_X32 = Number(process.env.BENCH_LOAN_RATE_X32 ?? 190);

function startLoansApp(databaseUrl: string): Promise<TestApp> {
  return startTestApp({ services: [loansDatabase], modules: [LoansModule], databaseUrl, env: BENCH_APP_ENV, clock: new ManualClock(TODAY) });
}

/** A database and an app on it, both torn down after `body`, whatever happens. */
async function withLoansApp<T>(
  label: string,
  cleanups: Cleanups,
  body: (app: TestApp, db: Client, databaseUrl: string, cpu: CpuMeter, closeApp: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const databaseUrl = await createTestDatabase(label);
  const dropDb = cleanups.add(`drop ${label} database`, () => dropTestDatabase(databaseUrl));
  const app = await startLoansApp(databaseUrl);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const closeApp = cleanups.add(`close ${label} app`, close);
  const db = new Client({ connectionString: databaseUrl, application_name: 'xingfu-bench-loans' });
  await db.connect();
  const cpu = await CpuMeter.open(databaseUrl, 'none');
  try {
    // The jobs runtime runs each sweep once at start-up for today: let it finish on the empty book first.
    if (loansQueues.sweeps.length) {
      await waitFor(
        'the start-up sweep',
        async () => (await db.query(`SELECT count(*)::int AS n FROM platform.sweep_runs WHERE service = 'loans'`)).rows[0].n >= loansQueues.sweeps.length,
        60_000,
        100,
      );
    }
    return await body(app, db, databaseUrl, cpu, close);
  } finally {
    await cpu.close();
    await db.end();
    closeApp();
    await close();
    dropDb();
    await dropTestDatabase(databaseUrl);
  }
}

export interface LoansReport {
  postings: { http: Result[]; bare: Result[]; atRate?: Result; atRateX32?: Result; shape?: PostingShape };
  reads: Result[];
  readBytes: number[];
  sweep?: { mix: Awaited<ReturnType<typeof bookMix>>; seedSeconds: number; first: SweepRun; second: SweepRun; bareScanMs: number; bareScanPlan: string; dueInstalments: number };
  memory: ReturnType<MemoryWatch['stop']>;
  ratios: Record<string, number | null>;
  goals: { goal: string; value: number | null; ok: boolean }[];
  skipped: string[];
}

export function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/**
 * The loans benchmarks (bench/README.md): repayment postings over HTTP against the same rows
 * written by bare pg, GET /api/v1/loans/:id with 1 and with 700 postings, the arrears sweep
 * over a million loans against a bare scan of the instalments, and the process's peak memory.
 */
export async function runLoansBench(options: LoansBenchOptions, cleanups: Cleanups): Promise<LoansReport> {
  const memory = new MemoryWatch();
  const skipped: string[] = [];
  const parts = loansParts();
  for (const part of ['postings', 'reads', 'sweep'] as const) if (!parts.has(part)) skipped.push(`${part}: left out by BENCH_LOANS_PARTS`);
  const measured = async (cpu: CpuMeter, run: () => Promise<Result>, waits?: WaitSampler): Promise<Result> => {
    const from = await cpu.sample();
    await waits?.start();
    const r = await run();
    const waited = await waits?.stop();
    r.notes = { ...r.notes, cpu: cpu.report(from, await cpu.sample()), ...(waited ? { waits: waited } : {}) };
    return r;
  };

  progress(`loans: ${options.loans} active loans by SQL; repayment POSTs at 8 and 32 connections (${options.postings} each), then bare pg; reads with 1 and ${options.readPostings} postings`);
  const { postings, reads, readBytes } = await withLoansApp('benchloans', cleanups, async (app, db, databaseUrl, cpu, closeApp) => {
    const township = newTownshipCode();
    const project: BenchProject = { projectId: randomUUID(), countyCode: township.slice(0, 6), townshipCode: township };
    const amountFen = 1_000_000;
    const loanCount = options.loans + 2; // the last two: the read loans
    await seedProject(db, project, amountFen * loanCount, '2025-01-01');
    await seedLoans(db, project, {
      from: 1,
      to: loanCount,
      amountFen,
      instalments: 12,
      everyDays: 30,
      disbursedOn: '2026-11-01',
      firstDueSql: `'2026-12-01'::date + 1 + (i % 28)`,
      agedOn: '2026-11-30',
      withLedger: true,
    });
    const [oneRow, manyRow] = [options.loans + 1, options.loans + 2];
    await seedPostings(db, project, oneRow, 1, 1_000, '2026-11-20');
    await seedPostings(db, project, manyRow, options.readPostings, 1_000, '2026-11-20');
    await db.query('VACUUM ANALYZE');

    await app.app.listen(0, '127.0.0.1');
    const token = await app.tokenFor('officer', { townships: [township] });
    const book: PostingBook = {
      projectId: project.projectId,
      loanIds: Array.from({ length: options.loans }, (_, i) => benchUuid(PREFIX.loan, i + 1)),
      token,
      paidOn: TODAY,
      amountFen: 100,
    };

    const out: LoansReport['postings'] = { http: [], bare: [] };
    const waits = await WaitSampler.open(databaseUrl);
    const waitsClosed = cleanups.add('close the wait sampler', () => waits.close());
    let readResults: Result[] = [];
    let bytes: number[] = [];
    if (parts.has('postings')) {
      try {
        const post = inProcessPoster(app, book);
        memory.mark('posting loans seeded, app up');
        for (let i = 0; i < 5; i++) await post(); // the first POST compiles and connects
        out.shape = await capturePostingShape(app, post);
        const shape = out.shape;
        progress(`one repayment POST sends ${shape.statements} statements in ${shape.roundTrips} round trips: ${shape.summary}`);
        for (const c of [8, 32]) out.http.push(await measured(cpu, () => profiled(`repayment-post-x${c}`, () => runHttpPostings(app, book, options.postings, c, options.warmup)), waits));
        memory.mark('repayment POSTs x8, x32');
        progress(`repayment POSTs at an offered ${options.offeredRate}/s for ${options.rateSeconds} s`);
        out.atRate = await measured(cpu, () => runHttpPostingsAtRate(app, book, options.offeredRate, options.rateSeconds), waits);
        progress(`repayment POSTs at an offered ${RATE_X32}/s over 32 connections for ${options.rateSeconds} s`);
        out.atRateX32 = await measured(cpu, () => profiled(`repayment-post-at-${RATE_X32}-x32`, () => runHttpPostingsAtRate(app, book, RATE_X32, options.rateSeconds, 32)), waits);
        // The relay publishes what the POSTs appended; let it finish before the baseline shares the machine.
        await waitFor('the relay to publish the postings', async () => (await db.query(`SELECT count(*)::int AS n FROM loans.outbox WHERE status = 'pending'`)).rows[0].n === 0, options.timeoutMs, 100);
      } catch (error) {
        skipped.push(`repayment POSTs: ${error instanceof Error ? error.message : String(error)}`);
        progress(`repayment POSTs could not run: ${skipped[skipped.length - 1]}`);
      }
    }

    memory.mark('repayment POSTs at a rate');
    const [oneId, manyId] = [benchUuid(PREFIX.loan, oneRow), benchUuid(PREFIX.loan, manyRow)];
    if (parts.has('reads')) {
      try {
        bytes = [await answerBytes(app, token, oneId), await answerBytes(app, token, manyId)];
        progress(`GET /api/v1/loans/:id, ${options.reads} sequential reads each: 1 posting (${bytes[0]} bytes), ${options.readPostings} postings (${bytes[1]} bytes)`);
        readResults = [
          await measured(cpu, () => runLoanReads(app, token, oneId, 1, options.reads)),
          await measured(cpu, () => profiled('read-many', () => runLoanReads(app, token, manyId, options.readPostings, options.reads))),
        ];
      } catch (error) {
        skipped.push(`loan reads: ${error instanceof Error ? error.message : String(error)}`);
        progress(`loan reads could not run: ${skipped[skipped.length - 1]}`);
      }
    }
    // The baseline runs with the app closed: its relay would otherwise publish the baseline's outbox rows on the same two cores.
    memory.mark('reads');
    await closeApp();
    progress('bare pg postings at 8 and 32 connections, the app closed');
    if (parts.has('postings')) for (const c of [8, 32]) out.bare.push(await measured(cpu, () => runBarePostings(databaseUrl, book, options.postings, c, options.warmup), waits));
    waitsClosed();
    await waits.close();
    return { postings: out, reads: readResults, readBytes: bytes };
  });

  memory.mark('bare pg postings');
  let sweep: LoansReport['sweep'];
  if (parts.has('sweep')) {
    progress(`arrears sweep: ${options.sweepLoans} loans by SQL, every ${options.sweepDueEvery}th due or overdue on ${TODAY}`);
    await withLoansApp('benchsweep', cleanups, async (app, db) => {
      const township = newTownshipCode();
      const project: BenchProject = { projectId: randomUUID(), countyCode: township.slice(0, 6), townshipCode: township };
      const seedStarted = performance.now();
      await seedProject(db, project, 1, '2025-01-01');
      await seedSweepBook(db, project, options.sweepLoans, options.sweepDueEvery, TODAY);
      await db.query('VACUUM ANALYZE loans.loans');
      await db.query('VACUUM ANALYZE loans.instalments');
      const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
      const mix = await bookMix(db, TODAY);
      progress(`seeded in ${seedSeconds} s: ${JSON.stringify(mix)}`);
      memory.mark('sweep book seeded');
      const scan = await bareScan(db, TODAY);
      progress(`bare scan of loans.instalments: ${scan.ms} ms (${scan.due} due)`);
      try {
        const admin = await app.tokenFor('admin');
        memory.mark('bare scan');
        const first = await profiled('arrears-sweep', () => runSweep(app, db, admin, TODAY));
        progress(`sweep for ${TODAY}: ${first.ms} ms, ${first.agedLoans} loans aged, ${first.walMb} MB of WAL, events ${JSON.stringify(first.events)}`);
        memory.mark('sweep');
        const second = await runSweep(app, db, admin, TODAY);
        progress(`the same date again: ${second.ms} ms, events ${JSON.stringify(second.events)}`);
        const again = await bareScan(db, TODAY);
        sweep = { mix, seedSeconds, first, second, bareScanMs: Math.min(scan.ms, again.ms), bareScanPlan: scan.plan, dueInstalments: scan.due };
      } catch (error) {
        skipped.push(`arrears sweep: ${error instanceof Error ? error.message : String(error)}`);
        progress(`the arrears sweep could not run: ${skipped[skipped.length - 1]}`);
      }
    });
  }

  const mem = memory.stop();
  const [h8, h32] = postings.http;
  const [b8, b32] = postings.bare;
  const ratios = {
    postingX8VsBarePg: ratio(h8?.eventsPerSecond, b8?.eventsPerSecond),
    postingX32VsBarePg: ratio(h32?.eventsPerSecond, b32?.eventsPerSecond),
    read700VsRead1P50: ratio(reads[1]?.latencyMs?.p50, reads[0]?.latencyMs?.p50),
    read700VsRead1P99: ratio(reads[1]?.latencyMs?.p99, reads[0]?.latencyMs?.p99),
    sweepVsBareScan: sweep ? ratio(sweep.first.ms, sweep.bareScanMs) : null,
  };
  const goals = [
    { goal: 'repayment POST >= 0.3x bare pg at 32 connections', value: ratios.postingX32VsBarePg, ok: (ratios.postingX32VsBarePg ?? 0) >= 0.3 },
    { goal: 'repayment POST p99 < 100 ms at 32 connections', value: h32?.latencyMs?.p99 ?? null, ok: (h32?.latencyMs?.p99 ?? Infinity) < 100 },
    { goal: `arrears sweep (${options.sweepLoans} loans) <= 3x the bare scan`, value: ratios.sweepVsBareScan, ok: ratios.sweepVsBareScan !== null && ratios.sweepVsBareScan <= 3 },
    { goal: `GET loan with ${options.readPostings} postings <= 1.5x with 1 (p50)`, value: ratios.read700VsRead1P50, ok: ratios.read700VsRead1P50 !== null && ratios.read700VsRead1P50 <= 1.5 },
    { goal: 'peak memory (RSS) of the process < 500 MB', value: mem.peakRssMb, ok: mem.peakRssMb < 500 },
  ];
  return { postings, reads, readBytes, sweep, memory: mem, ratios, goals, skipped };
}

function otherCpu(r: Result | undefined): string {
  const cpu = r?.notes?.cpu as CpuReport | undefined;
  return cpu ? `${cpu.otherPercentOfMachine}%` : '-';
}

/** The app's CPU per POST of a run (process.cpuUsage() of this process, where the app runs, over its measured requests). */
function cpuPerPost(r: Result | undefined): string {
  const cpu = r?.notes?.appCpu as AppCpu | undefined;
  return cpu ? `app CPU per POST ${cpu.perOperationUs} µs` : 'app CPU per POST -';
}

const fmt = (x: number | null | undefined, digits = 1) => (x === undefined || x === null ? '-' : x.toFixed(digits));

function row(r: Result | undefined, label: string, comment = ''): string {
  const line = `${label.padEnd(30)}${fmt(r?.eventsPerSecond, 0).padStart(10)}${fmt(r?.latencyMs?.p50).padStart(10)}${fmt(r?.latencyMs?.p99).padStart(10)}${otherCpu(r).padStart(11)}`;
  return comment ? `${line}   ${comment}` : line;
}

function waitsLine(w: WaitReport): string {
  const states = Object.entries(w.backends).slice(0, 6).map(([state, n]) => `${state} ${n}`).join(', ');
  return `${states}; ${w.commits} commits, ${fmt(w.commitsPerWalSync, 2)} per WAL flush, ${fmt(w.walBytesPerCommit, 0)} WAL bytes each; run queue ms/commit: backends ${fmt(w.runQueueMsPerCommit.backends, 2)}, this process ${fmt(w.runQueueMsPerCommit.thisProcess, 2)}`;
}

/** The loans tables: each figure beside its baseline, with the ratio; then the goals. */
export function printLoansReport(report: LoansReport, options: LoansBenchOptions): void {
  const header = `${'loans scenario'.padEnd(30)}${'per s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'other CPU'.padStart(11)}`;
  console.log(`\n${header}`);
  console.log('-'.repeat(header.length));
  const { http, bare, atRate, shape } = report.postings;
  for (const [i, c] of [8, 32].entries()) {
    console.log(row(bare[i], `bare pg posting x${c}`));
    console.log(row(http[i], `repayment POST x${c}`, `ratio vs bare pg: ${fmt(ratio(http[i]?.eventsPerSecond, bare[i]?.eventsPerSecond), 2)}; ${cpuPerPost(http[i])}`));
  }
  if (atRate) console.log(row(atRate, atRate.scenario, `(offered rate; latency from each scheduled start); ${cpuPerPost(atRate)}`));
  const x32 = report.postings.atRateX32;
  if (x32) console.log(row(x32, x32.scenario, `(offered rate over 32 connections; ${fmt(ratio(x32.eventsPerSecond, bare[1]?.eventsPerSecond), 2)}x bare pg x32); ${cpuPerPost(x32)}`));
  const waitLines = [...bare, ...http, atRate, report.postings.atRateX32].filter((r): r is Result => !!r?.notes?.waits).map((r) => `  ${r.scenario.padEnd(28)}${waitsLine(r.notes!.waits as WaitReport)}`);
  if (waitLines.length) console.log(`\nThe bench database's backends while each ran (mean count per 20 ms sample; CPU = active, no wait event), WAL flushes, run-queue delay:\n${waitLines.join('\n')}`);
  const [one, many] = report.reads;
  console.log(row(one, one?.scenario ?? 'GET loan, 1 posting', report.readBytes[0] ? `${report.readBytes[0]} bytes` : ''));
  console.log(
    row(many, many?.scenario ?? `GET loan, ${options.readPostings} postings`, `${report.readBytes[1] ? `${report.readBytes[1]} bytes; ` : ''}ratio vs 1 posting: p50 ${fmt(report.ratios.read700VsRead1P50, 2)}, p99 ${fmt(report.ratios.read700VsRead1P99, 2)}`),
  );
  const s = report.sweep;
  if (s) {
    console.log(`\n${'arrears sweep'.padEnd(30)}${'ms'.padStart(10)}   detail`);
    console.log('-'.repeat(header.length));
    console.log(`${'bare scan of instalments'.padEnd(30)}${fmt(s.bareScanMs).padStart(10)}   ${s.mix.instalments} rows, ${s.dueInstalments} due; ${s.bareScanPlan}`);
    console.log(`${`sweep ${TODAY}`.padEnd(30)}${fmt(s.first.ms, 0).padStart(10)}   ${s.first.agedLoans} loans aged, ${s.first.walMb} MB of WAL, events ${JSON.stringify(s.first.events)}; ratio vs bare scan: ${fmt(report.ratios.sweepVsBareScan, 2)}`);
    console.log(`${'same date again'.padEnd(30)}${fmt(s.second.ms, 0).padStart(10)}   ${s.second.walMb} MB of WAL, events ${JSON.stringify(s.second.events)}`);
    console.log(
      `\nBook: ${s.mix.loans} loans (${s.mix.due} due or overdue on ${TODAY}, ${s.mix.defaulted} of them already defaulted), ${s.mix.instalments} instalments; seeded by SQL in ${s.seedSeconds} s.`,
    );
  }
  const m = report.memory;
  console.log(`\nPeak memory of the bench process during the loans bench: RSS ${m.peakRssMb} MB (heap ${m.peakHeapMb} MB); maxRSS since the process started ${m.maxRssMb} MB.`);
  console.log(`Peak RSS by phase (MB): ${Object.entries(m.phasePeakRssMb).map(([phase, peak]) => `${phase} ${peak}`).join('; ')}.`);
  if (shape) console.log(`One repayment POST = ${shape.statements} statements in ${shape.roundTrips} round trips (${shape.summary}).`);
  console.log(
    `Postings: ${options.postings} per run on ${options.loans} loans (random loan, fresh Idempotency-Key, 100 fen each); the app's pool has 10 connections, the bare pg run as many as its clients.`,
  );
  console.log('\nloans goals');
  for (const g of report.goals) console.log(`  ${g.ok ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value ?? '-'}`);
  for (const s of report.skipped) console.log(`  NOT RUN  ${s}`);
}
