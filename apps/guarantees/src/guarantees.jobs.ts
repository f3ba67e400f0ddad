import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run at SWEEP_HOUR Asia/Shanghai for each business date, catching up missed days. */
export enum GuaranteesSweep {
  Deadlines = 'guarantee-deadlines',
}

/** No queue of its own yet: the deadline is the only time-driven work, and the daily sweep does it. */
export const guaranteesQueues = defineQueues('guarantees', {}, { sweeps: [GuaranteesSweep.Deadlines] });
