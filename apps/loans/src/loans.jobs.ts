import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run at SWEEP_HOUR Asia/Shanghai for each business date, catching up missed days. */
export enum LoansSweep {}

/** No queue of its own yet. */
export const loansQueues = defineQueues('loans', {}, { sweeps: [] });
