import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run at SWEEP_HOUR Asia/Shanghai for each business date, catching up missed days. */
export enum LoansSweep {
  /** Ages every loan with an instalment due or overdue (arrears/age-loans). */
  Arrears = 'loan-arrears',
}

/** No queue of its own yet: the arrears sweep is the only time-driven work. */
export const loansQueues = defineQueues('loans', {}, { sweeps: [LoansSweep.Arrears] });
