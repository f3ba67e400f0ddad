import { defineQueues } from '@xingfu/jobs';

/** The queues of the applications service (names carry the service: see defineQueues). */
export enum ApplicationsQueue {
  PublicNotices = 'applications-public-notices',
}

/** The jobs on them; start-up fails unless each has exactly one @JobProcessor. */
export enum ApplicationsJob {
  ClosePublicNotice = 'close-public-notice',
}

/** The daily sweeps, run at SWEEP_HOUR Asia/Shanghai for each business date, catching up missed days. */
export enum ApplicationsSweep {
  PublicNotices = 'public-notices',
}

export const applicationsQueues = defineQueues(
  'applications',
  { [ApplicationsQueue.PublicNotices]: [ApplicationsJob.ClosePublicNotice] },
  { sweeps: [ApplicationsSweep.PublicNotices] },
);
