import { defineQueues } from '@xingfu/jobs';

/** The daily sweeps, run at SWEEP_HOUR Asia/Shanghai for each business date, catching up missed days. */
export enum PartnersSweep {
  BuybackOverdue = 'partners-buyback-overdue',
}

/** No queue of its own: the expected buyback date is the only time-driven work, and the daily sweep does it. */
export const partnersQueues = defineQueues('partners', {}, { sweeps: [PartnersSweep.BuybackOverdue] });
