import { Injectable } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { JobProcessor } from '@xingfu/jobs';
import { addDays } from '@xingfu/kernel';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { quietHoursEnd, quietHoursEndOn } from '../../domain/quiet-hours';
import { RemindersJob, RemindersQueue } from '../../reminders.jobs';
import { MessageClaim } from './message-claim';
import { DeliveryOutcome, ReminderDelivery } from './reminder-delivery';

export interface SendReminderJobData {
  reminderId: string;
}

export type SendReminderJobResult = DeliveryOutcome | { settled: string };

/**
 * Sends one reminder (job id = reminder id; an admin's retry adds `<id>-retry-<n>`): at night
 * it waits until 08:00; then it claims (checks the read model again, merges what else is due
 * to the same phone, commits the message as `sending`) and delivers. A retry after a crash
 * finds the reminder `sending` and delivers the same message again, which the gateway dedupes.
 */
@Injectable()
export class SendReminderJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: MessageClaim,
    private readonly delivery: ReminderDelivery,
    private readonly clock: Clock,
  ) {}

  @JobProcessor(RemindersQueue.Sending, RemindersJob.SendReminder)
  async process(job: Job<SendReminderJobData>, token?: string): Promise<SendReminderJobResult> {
    const { reminderId } = job.data;
    const [row]: { status: string; channel: string; phone_hash: string | null; message_id: string | null }[] = await this.dataSource.query(
      `SELECT status, channel, phone_hash, message_id FROM reminders.reminders WHERE id = $1`,
      [reminderId],
    );
    if (!row) return { settled: 'missing' };
    if (row.status !== 'scheduled' && row.status !== 'sending') return { settled: row.status };
    // No message to a phone at night; an officer's task may be filed at any hour.
    const quietUntil = row.channel === 'task' ? undefined : quietHoursEnd(this.clock.now());
    if (quietUntil) return this.waitUntil(job, token, quietUntil);

    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const claimed = row.status === 'sending' && row.message_id ? { deliver: row.message_id } : await this.claimOrRecord(reminderId, row.phone_hash, last);
    if ('tomorrow' in claimed) return this.waitUntil(job, token, quietHoursEndOn(addDays(this.clock.today(), 1)));
    if ('settled' in claimed) return claimed;
    return this.delivery.deliver(claimed.deliver, { last });
  }

  /**
   * A claim that fails its last attempt (the database away) leaves the reminder `failed` with
   * the reason, counted, for an admin to retry: never `scheduled` behind a failed job that the
   * requeue cannot add again. (A failed delivery records itself: ReminderDelivery.)
   */
  private async claimOrRecord(reminderId: string, phoneHash: string | null, last: boolean) {
    try {
      return await this.claims.claim(reminderId, phoneHash);
    } catch (error) {
      if (last) await this.claims.recordFailure(reminderId, error).catch(() => undefined);
      throw error;
    }
  }

  /** Back to the delayed set without using up an attempt. The clock may be a test's or a managed one: wait the difference. */
  private async waitUntil(job: Job, token: string | undefined, until: Date): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, until.getTime() - this.clock.now().getTime()), token);
    throw new DelayedError();
  }
}
