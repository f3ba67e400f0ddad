import { jobId } from '@xingfu/jobs';

/** The send job of an admin's retry: a new id per retry (the failed job keeps the reminder's own id). `n` = the attempts made so far, which only grow. */
export const retryJobIdOf = (reminderId: string, n: number) => jobId(reminderId, 'retry', n);

/**
 * The id of a reminder's send job, from its row: the reminder id, or, once an admin retried it
 * (scheduled again after attempts were made, which nothing else does), the retry's id. So the
 * requeue puts back a retry that was lost, and never doubles one still queued.
 */
export function sendJobIdOf(row: { id: string; status: string; attempts: number }): string {
  return row.status === 'scheduled' && row.attempts > 0 ? retryJobIdOf(row.id, row.attempts) : row.id;
}
