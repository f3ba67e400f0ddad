import { Injectable } from '@nestjs/common';
import { Clock, errorMessage } from '@xingfu/common';
import { jobId } from '@xingfu/jobs';
import { DataSource, EntityManager } from 'typeorm';
import { mergedBody, MergeItem } from '../../domain/merging';
import { ReminderChannels } from '../channels/reminder-channels';
import { failedReminders } from '../reminders-metrics';
import { lockReminder, lockSamePhone, markSkipped, ReminderRow, subjectNow } from './reminder-rows';
import { renderedText } from './reminder-texts';
import { skipAtSendTime } from './still-due';

export type ClaimOutcome =
  /** A message holding the reminder is committed as `sending`: deliver it. */
  | { deliver: string }
  /** Nothing to send: already handled, or skipped now. */
  | { settled: string }
  /** Today's message to this phone is already out: wait for tomorrow. */
  | { tomorrow: true };

/** The message id of a phone's day: one SMS per phone per day (the unique index holds it too). */
export const phoneMessageId = (channel: string, phoneHash: string, day: string) => jobId(channel, phoneHash.slice(0, 16), day);

/**
 * The first half of a send, in one transaction: checks the reminder again against the read
 * model, gathers everything else due to the same phone by today (merged into one message),
 * writes the message and marks its reminders `sending`. Only committed messages are sent.
 */
@Injectable()
export class MessageClaim {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ReminderChannels,
    private readonly clock: Clock,
  ) {}

  async claim(reminderId: string, phoneHash: string | null): Promise<ClaimOutcome> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      // One merge per phone at a time (before any row lock): a second job for the same phone
      // waits, then finds its reminder already in the first one's message.
      if (phoneHash) await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reminders-phone-${phoneHash}`]);
      const row = await lockReminder(manager, reminderId);
      if (!row) return { settled: 'missing' };
      if (row.status === 'sending' && row.message_id) return { deliver: row.message_id };
      if (row.status !== 'scheduled') return { settled: row.status };
      const skip = skipAtSendTime(await subjectNow(manager, row, today));
      if (skip) {
        await markSkipped(manager, row.id, skip);
        return { settled: skip };
      }
      // A text needs a phone: without one (none known for this party) the message is only recorded.
      const channel = row.channel === 'task' ? 'task' : row.phone_sealed ? this.channels.resolve(row.channel) : 'log';
      if (channel === 'task' || !row.phone_hash) return this.single(manager, row, channel, today);
      return this.merged(manager, row, channel, row.phone_hash, today);
    });
  }

  /** The last attempt of a claim failed: the reminder is `failed` (if still scheduled), with the reason, and counted. */
  async recordFailure(reminderId: string, error: unknown): Promise<void> {
    const rows: { kind: string }[][] = await this.dataSource.query(
      `UPDATE reminders.reminders SET status = 'failed', attempts = attempts + 1, last_error = $2, updated_at = now() WHERE id = $1 AND status = 'scheduled' RETURNING kind`,
      [reminderId, errorMessage(error).slice(0, 1000)],
    );
    // An UPDATE through TypeORM's pg driver answers [rows, rowCount].
    for (const { kind } of rows[0] ?? []) failedReminders().inc({ kind });
  }

  /** A task (or a reminder with no phone): a message of its own. */
  private async single(manager: EntityManager, row: ReminderRow, channel: string, today: string): Promise<ClaimOutcome> {
    const messageId = jobId(channel, row.id);
    const body = await renderedText(manager, row);
    await this.writeMessage(manager, { id: messageId, channel, role: row.recipient_role, phoneHash: null, today, body });
    await this.markSending(manager, [row.id], messageId);
    return { deliver: messageId };
  }

  private async merged(manager: EntityManager, row: ReminderRow, channel: string, phoneHash: string, today: string): Promise<ClaimOutcome> {
    const messageId = phoneMessageId(channel, phoneHash, today);
    const [existing] = await manager.query(`SELECT status FROM reminders.messages WHERE id = $1 FOR UPDATE`, [messageId]);
    if (existing && existing.status !== 'failed') return { tomorrow: true };
    const items: MergeItem[] = [];
    for (const candidate of [row, ...(await lockSamePhone(manager, phoneHash, today, row.id))]) {
      if (candidate !== row) {
        const skip = skipAtSendTime(await subjectNow(manager, candidate, today));
        if (skip) {
          await markSkipped(manager, candidate.id, skip);
          continue;
        }
      }
      items.push({ id: candidate.id, kind: candidate.kind, dueOn: candidate.due_on, phoneHash, text: await renderedText(manager, candidate) });
    }
    await this.writeMessage(manager, { id: messageId, channel, role: row.recipient_role, phoneHash, today, body: mergedBody(items) });
    await this.markSending(
      manager,
      items.map((i) => i.id),
      messageId,
    );
    return { deliver: messageId };
  }

  /** A message that failed earlier today (an admin retried its reminder) is written anew under the same id. */
  private async writeMessage(manager: EntityManager, m: { id: string; channel: string; role: string; phoneHash: string | null; today: string; body: string }): Promise<void> {
    await manager.query(
      `INSERT INTO reminders.messages (id, channel, recipient_role, phone_hash, send_day, body, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending')
       ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, status = 'sending', attempts = 0, gateway_answer = NULL, sent_at = NULL
         WHERE reminders.messages.status = 'failed'`,
      [m.id, m.channel, m.role, m.phoneHash, m.today, m.body],
    );
  }

  private async markSending(manager: EntityManager, ids: string[], messageId: string): Promise<void> {
    await manager.query(`UPDATE reminders.reminders SET status = 'sending', message_id = $2, last_error = NULL, updated_at = now() WHERE id = ANY($1)`, [ids, messageId]);
  }
}
