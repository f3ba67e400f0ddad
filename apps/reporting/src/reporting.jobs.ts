import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run for each business date, catching up missed days. */
export enum ReportingSweep {
  /** Compares reporting's totals with the loans ledger, per project (ReportingDriftDetected). */
  Reconciliation = 'reporting-reconciliation',
}

/** No queue of its own: the reconciliation is the only time-driven work, and the daily sweep does it. */
export const reportingQueues = defineQueues('reporting', {}, { sweeps: [ReportingSweep.Reconciliation] });
