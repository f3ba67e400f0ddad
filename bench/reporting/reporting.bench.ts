import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '@xingfu/common';
import { createTestDatabase, dropTestDatabase, startTestApp, TestApp } from '@xingfu/testing';
import { Client } from 'pg';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { loansDatabase } from '../../apps/loans/src/loans.database';
import { partnersDatabase } from '../../apps/partners/src/partners.database';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { CpuMeter, CpuReport } from '../cpu';
import type { Cleanups } from '../loans/loans.bench';
import { BENCH_APP_ENV } from '../outbox.scenario';
import { LatencySummary, rate, Result, summarize } from '../support';
import { BareRun, runBareAggregate } from './bare-aggregate';
import { seedDueCells, seedReadModel } from './seed';

const execFileAsync = promisify(execFile);

export interface ReportingBenchOptions {
  /** Loans in the read model (BENCH_REPORTING_LOANS, 1,000,000). */
  loans: number;
  /** Offered rate of the open-loop run (BENCH_REPORTING_RATE, 20/s) for BENCH_REPORTING_SECONDS (20). */
  offeredRate: number;
  rateSeconds: number;
  /** The burst: this many requests (BENCH_REPORTING_BURST, 200) over 8 connections, back to back. */
  burst: number;
  /** Runs of the bare aggregate (BENCH_REPORTING_BARE_RUNS, 10) and of the cells' query by bare pg. */
  bareRuns: number;
  /** Also the recovery route over the book's due cells (BENCH_REPORTING_RECOVERY=1; off by default: 12,000,000 due cells take about 6 minutes to write). */
  recovery?: boolean;
}

export interface ReportingReport {
  book: { loans: number; applications: number; followUps: number; buybacks: number; cells: number; townshipCells: number; townships: number; seedSeconds: number };
  /** One request at a time: the service time, no queueing. */
  sequential?: Result;
  atRate?: Result;
  burst?: Result;
  /** GET /reports/recovery (by the month instalments fell due) over the due cells of the same book. */
  recovery?: { dueCells: number; seedSeconds: number; sequential: Result };
  answerBytes?: number;
  bare?: { latencyMs: LatencySummary; plan: string };
  cellsByBarePg?: LatencySummary;
  fullCellsByBarePg?: LatencySummary;
  figuresAgree?: { townships: number; mismatches: string[] };
  ratios: Record<string, number | null>;
  goals: { goal: string; value: number | null; ok: boolean }[];
  skipped: string[];
}

const TODAY = '2026-12-01';
const PATH = '/api/v1/reports/portfolio?groupBy=township';
const RECOVERY_PATH = '/api/v1/reports/recovery';
const progress = (line: string) => console.error(`» ${line}`);

function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

interface LoadOutput {
  latencies: number[];
  failures: { status: number; body: string }[];
  durationMs: number;
  bytes: number;
}

/** Runs bench/reporting/reporting-load.js against the app's port; fails on any answer but 200. */
async function runLoad(
  app: TestApp,
  what: string,
  input: { token: string; warmup: number; count?: number; connections?: number; rate?: number; seconds?: number; path?: string },
): Promise<LoadOutput> {
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const file = join(mkdtempSync(join(tmpdir(), 'xingfu-bench-reporting-')), 'load.json');
  writeFileSync(file, JSON.stringify({ port, path: PATH, connections: 1, count: 0, ...input }));
  const { stdout } = await execFileAsync(process.execPath, [join(__dirname, 'reporting-load.js'), file], { maxBuffer: 64 * 1024 * 1024 }).finally(() =>
    rmSync(dirname(file), { recursive: true, force: true }),
  );
  const out = JSON.parse(stdout) as LoadOutput;
  if (out.failures.length) throw new Error(`${what}: ${out.failures.length} answers other than 200; first: ${out.failures[0].status} ${out.failures[0].body}`);
  return out;
}

const asResult = (scenario: string, out: LoadOutput, writers: number): Result => ({
  scenario,
  events: out.latencies.length,
  writers,
  durationMs: Math.round(out.durationMs),
  eventsPerSecond: rate(out.latencies.length, out.durationMs),
  latencyMs: summarize(out.latencies),
});

/** The figures the route gave beside the bare aggregate's, township by township: the cells must hold the same sums as the facts. */
function compare(items: Record<string, unknown>[], bare: BareRun['rows']): { townships: number; mismatches: string[] } {
  const pairs: [string, string][] = [
    ['applicants', 'applicants'],
    ['approved', 'approved'],
    ['rejected', 'rejected'],
    ['disbursedCount', 'disbursed_count'],
    ['disbursedFen', 'disbursed_fen'],
    ['repaidPrincipalFen', 'repaid_principal_fen'],
    ['outstandingFen', 'outstanding_fen'],
    ['par30Fen', 'par30_fen'],
    ['par90Fen', 'par90_fen'],
    ['defaultedCount', 'defaulted_count'],
    ['writtenOffFen', 'written_off_fen'],
    ['followedUp', 'followed_up'],
    ['outOfPoverty', 'out_of_poverty'],
    ['buybackCount', 'buyback_count'],
    ['buybackGrossFen', 'buyback_gross_fen'],
    ['buybackNetToMotherFen', 'buyback_net_to_mother_fen'],
  ];
  const byTownship = new Map(bare.map((row) => [row.township_code, row]));
  const mismatches: string[] = [];
  if (items.length !== bare.length) mismatches.push(`${items.length} townships from the route, ${bare.length} from the bare aggregate`);
  for (const item of items) {
    const row = byTownship.get(String(item.townshipCode));
    for (const [key, column] of pairs) {
      if (Number(item[key]) !== Number(row?.[column] ?? 0)) mismatches.push(`${String(item.townshipCode)} ${key}: ${String(item[key])} vs ${String(row?.[column])}`);
    }
  }
  return { townships: items.length, mismatches: mismatches.slice(0, 10) };
}

/** The route's own query over a cells table, by bare pg: the database's share of a request. */
async function cellsByBarePg(db: Client, table: string, runs: number): Promise<LatencySummary> {
  const sql = `SELECT c.township_code, ${['applicants', 'eligible', 'approved', 'rejected', 'withdrawn', 'disbursed_count', 'disbursed_fen', 'repaid_principal_fen', 'repaid_fee_fen',
    'principal_outstanding_fen', 'active_count', 'repaid_count', 'par1_count', 'par1_fen', 'par30_count', 'par30_fen', 'par90_count', 'par90_fen', 'defaulted_count',
    'written_off_count', 'written_off_fen', 'followed_up', 'out_of_poverty', 'first_income_fen', 'latest_income_fen', 'buyback_count', 'buyback_gross_fen',
    'buyback_net_to_mother_fen']
    .map((c) => `COALESCE(sum(c.${c}), 0)::text`)
    .join(', ')} FROM ${table} c WHERE TRUE GROUP BY c.township_code ORDER BY c.township_code`;
  await db.query(sql);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await db.query(sql);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/**
 * The reporting bench (bench/README.md, reporting): GET /api/v1/reports/portfolio?groupBy=township
 * over a read model of a million loans, at an offered rate and in a burst, beside the same figures
 * by a bare aggregate over the fact tables (and the cells' own query by bare pg), in the same run.
 */
export async function runReportingBench(options: ReportingBenchOptions, cleanups: Cleanups): Promise<ReportingReport> {
  const skipped: string[] = [];
  const databaseUrl = await createTestDatabase('benchreporting');
  const dropDb = cleanups.add('drop reporting bench database', () => dropTestDatabase(databaseUrl));
  const app = await startTestApp({
    services: [applicationsDatabase, loansDatabase, partnersDatabase, reportingDatabase],
    modules: [ReportingModule],
    databaseUrl,
    env: BENCH_APP_ENV,
    clock: new ManualClock(TODAY),
  });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  const closeApp = cleanups.add('close reporting bench app', close);
  const db = new Client({ connectionString: databaseUrl, application_name: 'xingfu-bench-reporting' });
  await db.connect();
  const cpu = await CpuMeter.open(databaseUrl, 'none');
  const measured = async (run: () => Promise<Result>): Promise<Result> => {
    const from = await cpu.sample();
    const r = await run();
    r.notes = { ...r.notes, cpu: cpu.report(from, await cpu.sample()) };
    return r;
  };
  try {
    progress(`reporting: ${options.loans} loans, their applications and follow-ups into the read model by SQL, then the cells`);
    const seedStarted = performance.now();
    await seedReadModel(db, { loans: options.loans }, progress);
    for (const table of ['loans', 'applications', 'follow_ups', 'buybacks', 'portfolio_cells', 'portfolio_township_cells']) await db.query(`VACUUM ANALYZE reporting.${table}`);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    const [counts] = (
      await db.query(`SELECT (SELECT count(*) FROM reporting.loans)::int AS loans, (SELECT count(*) FROM reporting.applications)::int AS applications,
        (SELECT count(*) FROM reporting.follow_ups)::int AS follow_ups, (SELECT count(*) FROM reporting.buybacks)::int AS buybacks,
        (SELECT count(*) FROM reporting.portfolio_cells)::int AS cells, (SELECT count(*) FROM reporting.portfolio_township_cells)::int AS township_cells,
        (SELECT count(DISTINCT township_code) FROM reporting.portfolio_cells)::int AS townships`)
    ).rows;
    const book = {
      loans: counts.loans,
      applications: counts.applications,
      followUps: counts.follow_ups,
      buybacks: counts.buybacks,
      cells: counts.cells,
      townshipCells: counts.township_cells,
      townships: counts.townships,
      seedSeconds,
    };
    progress(`seeded in ${seedSeconds} s: ${JSON.stringify(book)}`);

    await app.app.listen(0, '127.0.0.1');
    const token = await app.tokenFor('foundation');
    const report: ReportingReport = { book, ratios: {}, goals: [], skipped };

    progress(`bare aggregate over the fact tables, ${options.bareRuns} warm runs`);
    const bare = await runBareAggregate(db, options.bareRuns);
    report.bare = { latencyMs: summarize(bare.latenciesMs), plan: bare.plan };
    progress(`bare aggregate p50 ${report.bare.latencyMs.p50} ms`);
    // What the route reads (the township rollup), and what it would read without it (every village cohort).
    report.cellsByBarePg = await cellsByBarePg(db, 'reporting.portfolio_township_cells', Math.max(options.bareRuns, 20));
    report.fullCellsByBarePg = await cellsByBarePg(db, 'reporting.portfolio_cells', Math.max(options.bareRuns, 5));

    try {
      const answer = await app.http().get(PATH).set('Authorization', `Bearer ${token}`);
      if (answer.status !== 200) throw new Error(`GET ${PATH} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      report.answerBytes = Buffer.byteLength(answer.text);
      report.figuresAgree = compare(answer.body.items, bare.rows);
      progress(`route and bare aggregate: ${report.figuresAgree.mismatches.length ? `MISMATCH ${report.figuresAgree.mismatches.join('; ')}` : `the same figures for all ${report.figuresAgree.townships} townships`}`);
      progress(`GET ${PATH}: 100 one at a time`);
      report.sequential = await measured(async () => asResult('portfolio one at a time', await runLoad(app, 'portfolio sequential', { token, warmup: 10, count: 100, connections: 1 }), 1));
      progress(`GET ${PATH} at an offered ${options.offeredRate}/s for ${options.rateSeconds} s`);
      report.atRate = await measured(async () =>
        asResult(`portfolio @ ${options.offeredRate}/s`, await runLoad(app, 'portfolio at a rate', { token, warmup: 20, rate: options.offeredRate, seconds: options.rateSeconds }), 0),
      );
      progress(`burst: ${options.burst} requests over 8 connections`);
      report.burst = await measured(async () =>
        asResult('portfolio burst x8', await runLoad(app, 'portfolio burst', { token, warmup: 5, count: options.burst, connections: 8 }), 8),
      );
    } catch (error) {
      skipped.push(`portfolio route: ${error instanceof Error ? error.message : String(error)}`);
      progress(`the portfolio route could not run: ${skipped[skipped.length - 1]}`);
    }

    if (options.recovery ?? process.env.BENCH_REPORTING_RECOVERY === '1') {
      try {
        progress('recovery: the book’s instalments into due_cells by SQL');
        const started = performance.now();
        await seedDueCells(db);
        await db.query('VACUUM ANALYZE reporting.due_cells');
        await db.query('VACUUM ANALYZE reporting.due_township_cells');
        const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
        const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM reporting.due_cells')).rows;
        progress(`${n} due cells in ${seedSeconds} s; GET /api/v1/reports/recovery, 10 one at a time`);
        const sequential = await measured(async () =>
          asResult('recovery by month, one at a time', await runLoad(app, 'recovery sequential', { token, warmup: 2, count: 10, connections: 1, path: RECOVERY_PATH }), 1),
        );
        report.recovery = { dueCells: n, seedSeconds, sequential };
      } catch (error) {
        skipped.push(`recovery route: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const p50 = report.atRate?.latencyMs?.p50;
    report.ratios = {
      bareVsRouteP50: ratio(report.bare.latencyMs.p50, p50),
      bareVsRouteP99: ratio(report.bare.latencyMs.p99, report.atRate?.latencyMs?.p99),
      routeVsCellsQueryP50: ratio(p50, report.cellsByBarePg.p50),
    };
    report.goals = [
      { goal: `portfolio by township p50 < 50 ms at ${options.offeredRate}/s (${book.loans} loans)`, value: p50 ?? null, ok: p50 !== undefined && p50 < 50 },
      { goal: 'portfolio by township >= 10x faster than the bare aggregate (p50)', value: report.ratios.bareVsRouteP50, ok: (report.ratios.bareVsRouteP50 ?? 0) >= 10 },
      { goal: 'the route gives the same figures as the bare aggregate', value: report.figuresAgree?.mismatches.length ?? null, ok: report.figuresAgree !== undefined && report.figuresAgree.mismatches.length === 0 },
    ];
    return report;
  } finally {
    await cpu.close();
    await db.end();
    closeApp();
    await close();
    dropDb();
    await dropTestDatabase(databaseUrl);
  }
}

const fmt = (x: number | null | undefined, digits = 1) => (x === undefined || x === null ? '-' : x.toFixed(digits));

function row(label: string, perSecond: number | undefined, latency: LatencySummary | undefined, cpu?: CpuReport, comment = ''): string {
  const line = `${label.padEnd(34)}${fmt(perSecond, 0).padStart(8)}${fmt(latency?.p50).padStart(10)}${fmt(latency?.p99).padStart(10)}${(cpu ? `${cpu.otherPercentOfMachine}%` : '-').padStart(11)}`;
  return comment ? `${line}   ${comment}` : line;
}

/** The portfolio route beside its baselines, the book it ran on, then the goals. */
export function printReportingReport(report: ReportingReport, options: ReportingBenchOptions): void {
  const header = `${'reporting scenario'.padEnd(34)}${'per s'.padStart(8)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'other CPU'.padStart(11)}`;
  console.log(`\n${header}`);
  console.log('-'.repeat(header.length));
  if (report.bare) console.log(row('bare aggregate over the facts', undefined, report.bare.latencyMs, undefined, report.bare.plan));
  if (report.cellsByBarePg) console.log(row('township cells query, bare pg', undefined, report.cellsByBarePg, undefined, `the route’s SQL alone (${report.book.townshipCells} rows)`));
  if (report.fullCellsByBarePg) console.log(row('full cells query, bare pg', undefined, report.fullCellsByBarePg, undefined, `the same over portfolio_cells (${report.book.cells} rows): groupBy with village, industry, model or partner`));
  const { sequential, atRate, burst } = report;
  if (sequential) console.log(row('GET portfolio, one at a time', sequential.eventsPerSecond, sequential.latencyMs, sequential.notes?.cpu as CpuReport, 'service time: no queueing'));
  if (atRate) console.log(row(`GET portfolio @ ${options.offeredRate}/s`, atRate.eventsPerSecond, atRate.latencyMs, atRate.notes?.cpu as CpuReport, `(offered rate; latency from each scheduled start); bare/route p50 ${fmt(report.ratios.bareVsRouteP50, 1)}x`));
  if (burst) console.log(row('GET portfolio burst x8', burst.eventsPerSecond, burst.latencyMs, burst.notes?.cpu as CpuReport, `${options.burst} requests back to back`));
  const b = report.book;
  console.log(
    `\nBook: ${b.loans} loans, ${b.applications} applications, ${b.followUps} follow-ups, ${b.buybacks} buybacks in ${b.townships} townships, rolled up into ${b.cells} portfolio cells and ${b.townshipCells} township cells; seeded by SQL in ${b.seedSeconds} s. Answer: ${report.answerBytes ?? '-'} bytes.`,
  );
  if (report.recovery) {
    const r = report.recovery;
    console.log(row('GET recovery by month, one at a time', r.sequential.eventsPerSecond, r.sequential.latencyMs, r.sequential.notes?.cpu as CpuReport, `over ${r.dueCells} due cells (seeded in ${r.seedSeconds} s); no goal`));
  }
  if (report.figuresAgree) console.log(`Route vs bare aggregate: ${report.figuresAgree.mismatches.length ? report.figuresAgree.mismatches.join('; ') : `the same figures in all ${report.figuresAgree.townships} townships`}.`);
  console.log('\nreporting goals');
  for (const g of report.goals) console.log(`  ${g.ok ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.value ?? '-'}`);
  for (const s of report.skipped) console.log(`  NOT RUN  ${s}`);
}
