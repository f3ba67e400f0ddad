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

