import { JobsOptions } from 'bullmq';

/** The queues of the applications service. */
export enum QueueName {
  PublicNotices = 'applications-public-notices',
}

/** The jobs on them; the worker holds exactly one handler per name (a typed record). */
export enum JobName {
  ClosePublicNotice = 'close-public-notice',
}

export interface ClosePublicNoticeJobData {
  noticeId: string;
}

/** Deterministic, so scheduling twice (retry, restart) never makes two jobs. BullMQ 5 refuses ':' in custom ids. */
export function closeNoticeJobId(noticeId: string): string {
  return `close-notice-${noticeId}`;
}

/** Retries for a passing failure (database, Redis); completed jobs kept a week to look at, failed ones until someone looks. */
export const PUBLIC_NOTICE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 86_400 },
  removeOnFail: false,
};
