import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TestApp } from '@xingfu/testing';
import { AppCpu, appCpu, runLoadScript } from '../support';

export interface LoadInput {
  token: string;
  kind: 'repayment' | 'read';
  loanIds: string[];
  amountFen?: number;
  paidOn?: string;
  warmup: number;
  /** Closed loop: this many requests over `connections` loops. */
  count?: number;
  connections?: number;
  /** Open loop: requests start at `rate` per second for `seconds`. */
  rate?: number;
  seconds?: number;
  /** Open loop: at most this many connections (unset: as many as the schedule needs). */
  sockets?: number;
}

export interface LoadOutput {
  latencies: number[];
  failures: { status: number; body: string; warmup?: boolean }[];
  durationMs: number;
  /** This process's CPU (the app's) over the measured requests, per request. */
  appCpu: AppCpu;
}

/** Runs bench/loans/loans-load.js against the app's port (the app must listen) and fails on any unexpected status. */
export async function runLoad(app: TestApp, what: string, input: LoadInput): Promise<LoadOutput> {
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  // Through a file: ten thousand loan ids are more than a command line takes.
  const file = join(mkdtempSync(join(tmpdir(), 'xingfu-bench-loans-')), 'load.json');
  writeFileSync(file, JSON.stringify({ port, connections: 1, count: 0, ...input }));
  const { stdout, cpu } = await runLoadScript(join(__dirname, 'loans-load.js'), file).finally(() => rmSync(dirname(file), { recursive: true, force: true }));
  const parsed = JSON.parse(stdout) as Omit<LoadOutput, 'appCpu'>;
  const out: LoadOutput = { ...parsed, appCpu: appCpu(cpu, parsed.latencies.length) };
  if (out.failures.length) {
    const first = out.failures[0];
    throw new Error(`${what}: ${out.failures.length} unexpected answers (statuses ${[...new Set(out.failures.map((f) => f.status))].join(', ')}); first: ${first.body}`);
  }
  return out;
}
