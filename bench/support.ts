import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationSubmittedV1, EventEnvelope } from '@xingfu/contracts';
import { submittedEnvelope } from '../test/support/backbone';

export const AGGREGATES = 100;
const TOWNSHIP = '231085001';
const PROJECT_ID = randomUUID();

/** Keys spread over a fixed set of aggregates, as many writers touching a hundred applications. */
export function aggregatePool(size = AGGREGATES): string[] {
  return Array.from({ length: size }, () => randomUUID());
}

/** A valid ApplicationSubmitted v1 payload (the contract is fixed: no room for a timestamp). */
export function payloadFor(applicationId: string): ApplicationSubmittedV1 {
  return {
    applicationId,
    projectId: PROJECT_ID,
    countyCode: TOWNSHIP.slice(0, 6),
    townshipCode: TOWNSHIP,
    villageCode: `${TOWNSHIP}001`,
    motherNameMasked: '王*梅',
    idNumberMasked: '2310**********0021',
    industry: '养殖',
    requestedAmountFen: 500_000,
    model: 'self',
    submittedOn: '2026-11-22',
  };
}

/** The envelope OutboxWriter.append would build, for the baselines that bypass it. */
export function envelopeFor(aggregateId: string): EventEnvelope<ApplicationSubmittedV1> {
  return submittedEnvelope(payloadFor(aggregateId), aggregateId) as EventEnvelope<ApplicationSubmittedV1>;
}

/** Runs task(0..n-1) on `workers` concurrent loops. */
export async function runConcurrently(n: number, workers: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, n) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

export async function waitFor(what: string, done: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export interface Result {
  scenario: string;
  events: number;
  writers: number;
  durationMs: number;
  eventsPerSecond: number;
  /** Commit (or produce) → consumer; absent for the insert baseline, which has no consumer. */
  latencyMs?: LatencySummary;
  /** Extra figures of the scenario (e.g. the producer's own commit round trip). */
  notes?: Record<string, unknown>;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles over the samples. */
export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) throw new Error('no latency samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((s, x) => s + x, 0) / sorted.length),
  };
}

export function rate(events: number, durationMs: number): number {
  return Math.round((events / (durationMs / 1000)) * 10) / 10;
}


/** CPU this process (where the app under test runs) used over a window, from process.cpuUsage(). */
export interface AppCpu {
  userUs: number;
  systemUs: number;
  /** (user + system) / operations, in µs. */
  perOperationUs: number;
}

/**
 * Runs a load script (plain JavaScript, `node <script> <input>`) in a process of its own and
 * measures this process's CPU (process.cpuUsage(): the app's, as the app runs here) over the
 * script's measured part only: the script says `process.send('measuring')` after its warm-up
 * and `process.send('measured')` when done. Resolves with its stdout.
 */
export function runLoadScript(script: string, inputFile: string): Promise<{ stdout: string; cpu: { userUs: number; systemUs: number } }> {
  return new Promise((resolve, reject) => {
    // execArgv []: not the bench's own TypeScript hook; silent: stdout comes back here.
    const child = fork(script, [inputFile], { execArgv: [], silent: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    let from: NodeJS.CpuUsage | undefined;
    let used: NodeJS.CpuUsage | undefined;
    child.on('message', (phase) => {
      if (phase === 'measuring') from = process.cpuUsage();
      else if (phase === 'measured' && from) used = process.cpuUsage(from);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code ?? signal}: ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
      if (!used) return reject(new Error(`${script} never said 'measured'`));
      resolve({ stdout: Buffer.concat(out).toString('utf8'), cpu: { userUs: used.user, systemUs: used.system } });
    });
  });
}

export function appCpu(cpu: { userUs: number; systemUs: number }, operations: number): AppCpu {
  return { ...cpu, perOperationUs: Math.round((cpu.userUs + cpu.systemUs) / Math.max(1, operations)) };
}
