/**
 * The reporting bench on its own, until bench/run.ts runs it under BENCH_ONLY=reporting:
 * `node -r @swc-node/register bench/reporting/run-alone.ts` (the same BENCH_REPORTING_* settings).
 */
import { printReportingReport, ReportingBenchOptions, runReportingBench } from './reporting.bench';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const steps: { name: string; run: () => Promise<unknown> }[] = [];
const cleanups = {
  add(name: string, run: () => Promise<unknown>): () => void {
    const entry = { name, run };
    steps.push(entry);
    return () => {
      const i = steps.indexOf(entry);
      if (i >= 0) steps.splice(i, 1);
    };
  },
};

async function main(): Promise<void> {
  const options: ReportingBenchOptions = {
    loans: intEnv('BENCH_REPORTING_LOANS', 1_000_000),
    offeredRate: intEnv('BENCH_REPORTING_RATE', 20),
    rateSeconds: intEnv('BENCH_REPORTING_SECONDS', 20),
    burst: intEnv('BENCH_REPORTING_BURST', 200),
    bareRuns: intEnv('BENCH_REPORTING_BARE_RUNS', 10),
    recovery: process.env.BENCH_REPORTING_RECOVERY === '1',
  };
  try {
    printReportingReport(await runReportingBench(options, cleanups), options);
  } finally {
    while (steps.length) await steps.pop()!.run().catch((error) => console.error(`cleanup failed: ${String(error)}`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
