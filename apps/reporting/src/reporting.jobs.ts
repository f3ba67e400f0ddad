import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run for each business date, catching up missed days. */
export enum ReportingSweep {
  /** Compares reporting's totals with the loans ledger, per project (ReportingDriftDetected). */
  Reconciliation = 'reporting-reconciliation',
}

// TODO(read-models helper): declare sweeps [ReportingSweep.Reconciliation] in the commit that adds its @DailySweep.
export const reportingQueues = defineQueues('reporting', {}, { sweeps: [] });
