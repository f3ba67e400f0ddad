import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { JobQueues } from '@xingfu/jobs';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ReminderChannel } from '../../domain/due-channel';
import { quietHoursDelayMs } from '../../domain/quiet-hours';
import { RemindersJob, RemindersQueue } from '../../reminders.jobs';
import type { SendReminderJobData } from '../../sending/send-reminder/send-reminder.job';

/** Jobs per addBulk: one round trip each, small enough that Redis never stalls on one call. */
export const ENQUEUE_CHUNK = 1000;

/** What the enqueuer needs of a reminders row. */
export interface ReminderToSend {
  id: string;
  channel: ReminderChannel;
}

/**
 * Adds the send job of each reminder (job id = reminder id, data `{ reminderId }`), in chunks
 * through addBulk. A reminder already queued (a second sweep, the requeue pass) is left out
 * before the add, so the answer counts only jobs that are new. A text (sms or log) found during
 * the quiet hours is delayed until 08:00 Asia/Shanghai; a task goes at once.
 */
@Injectable()
export class ReminderEnqueuer {
  private readonly logger = new Logger('ReminderEnqueuer');
  private warned = false;

  constructor(
    private readonly queues: JobQueues,
    private readonly clock: Clock,
  ) {}

  /**
   * Answers how many jobs were added. `justRecorded`: rows the caller inserted a moment ago,
   * which no job can have yet, so the EXISTS round trip is skipped (were one there after all, a
   * requeue racing, addBulk keeps it: only the count would be one too many).
   */
  async enqueue(reminders: readonly ReminderToSend[], options: { justRecorded?: boolean } = {}): Promise<number> {
    const queue = this.sendingQueue();
    if (!queue || !reminders.length) return 0;
    const delay = quietHoursDelayMs(this.clock.now());
    let added = 0;
    for (let i = 0; i < reminders.length; i += ENQUEUE_CHUNK) {
      const chunk = reminders.slice(i, i + ENQUEUE_CHUNK);
      const fresh = options.justRecorded ? chunk : await this.notQueued(queue, chunk);
      if (!fresh.length) continue;
      await queue.addBulk(
        fresh.map((r) => ({
          name: RemindersJob.SendReminder,
          data: { reminderId: r.id } satisfies SendReminderJobData,
          opts: { jobId: r.id, ...(delay && r.channel !== 'task' && { delay }) },
        })),
      );
      added += fresh.length;
    }
    return added;
  }

  /** The queue, or undefined (with one warning) while this process declares none: nothing is lost, the rows stay `scheduled`. */
  private sendingQueue(): Queue | undefined {
    const queue = this.queues.all().find((q) => q.name === RemindersQueue.Sending);
    if (!queue && !this.warned) {
      this.warned = true;
      this.logger.warn(`queue ${RemindersQueue.Sending} is not declared: reminders are recorded as scheduled but not enqueued`);
    }
    return queue;
  }

  /** The reminders whose job is not in the queue yet (one pipelined EXISTS per chunk). */
  private async notQueued(queue: Queue, chunk: readonly ReminderToSend[]): Promise<ReminderToSend[]> {
    const client = (await queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const r of chunk) pipeline.exists(queue.toKey(r.id));
    const answers = (await pipeline.exec()) ?? [];
    return chunk.filter((_, i) => {
      const [error, exists] = answers[i] ?? [null, 0];
      if (error) throw error;
      return exists === 0;
    });
  }
}
