import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, Clock, errorMessage } from '@xingfu/common';
import { JobQueues } from '@xingfu/jobs';
import { DataSource } from 'typeorm';
import { RemindersJob, RemindersQueue } from '../../reminders.jobs';
import { sendJobIdOf } from '../send-reminder/send-job-id';
import type { SendReminderJobData } from '../send-reminder/send-reminder.job';

/** Jobs per addBulk call: one round trip each, never one huge script. */
const CHUNK = 1_000;

/**
 * PostgreSQL is the record, Redis only the to-do list: every reminder still `scheduled` or
 * `sending` and due by today is enqueued again with its own id (sendJobIdOf), so a job
 * lost with Redis comes back and one still there is not doubled. Runs at start-up, on a timer
 * (REMINDERS_REQUEUE_SECONDS), when the queue's Redis connection is ready again after a loss,
 * and whenever someone calls it (the sweep, after a run).
 */
@Injectable()
export class ReminderRequeue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReminderRequeue');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private detach?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.requeueSafely('start-up');
    this.timer = setInterval(() => void this.requeueSafely('timer'), this.config.REMINDERS_REQUEUE_SECONDS * 1000);
    this.timer.unref();
    void this.watchRedis().catch((error) => this.logger.warn(`cannot watch the Redis connection: ${errorMessage(error)}`));
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.detach?.();
  }

  /** Enqueues every open reminder due by today; returns how many it offered (existing ids are left as they are). */
  async requeueOpen(): Promise<number> {
    const rows: { id: string; status: string; attempts: number }[] = await this.dataSource.query(
      `SELECT id, status, attempts FROM reminders.reminders WHERE status IN ('scheduled', 'sending') AND due_on <= $1 ORDER BY due_on, id`,
      [this.clock.today()],
    );
    const queue = this.queues.get(RemindersQueue.Sending);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await queue.addBulk(
        rows.slice(i, i + CHUNK).map((row) => ({ name: RemindersJob.SendReminder, data: { reminderId: row.id } satisfies SendReminderJobData, opts: { jobId: sendJobIdOf(row) } })),
      );
    }
    return rows.length;
  }

  private async requeueSafely(reason: string): Promise<void> {
    if (this.stopped) return;
    try {
      const count = await this.requeueOpen();
      if (count) this.logger.log(`${reason}: ${count} open reminder(s) offered to the queue again`);
    } catch (error) {
      // Redis or PostgreSQL away: the next tick, or the connection's return, tries again.
      this.logger.warn(`${reason}: requeue failed: ${errorMessage(error)}`);
    }
  }

  /** After Redis went away (restart, failover, a flushed instance), jobs may be gone: put them back as soon as it answers. */
  private async watchRedis(): Promise<void> {
    const client = await this.queues.get(RemindersQueue.Sending).client;
    let lost = false;
    const onClose = () => void (lost = true);
    const onReady = () => {
      if (!lost) return;
      lost = false;
      void this.requeueSafely('redis back');
    };
    client.on('close', onClose);
    client.on('ready', onReady);
    this.detach = () => {
      client.off('close', onClose);
      client.off('ready', onReady);
    };
  }
}
