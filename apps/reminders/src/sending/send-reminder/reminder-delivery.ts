import { Injectable } from '@nestjs/common';
import { Clock, errorMessage, PiiCipher } from '@xingfu/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelAnswer, ChannelError, ChannelName, OutgoingMessage } from '../channels/reminder-channel';
import { ReminderChannels } from '../channels/reminder-channels';
import { failedReminders } from '../reminders-metrics';
import { renderedText } from './reminder-texts';
import { ReminderRow } from './reminder-rows';

export type DeliveryOutcome = { delivered: string } | { alreadySent: string } | { inFlightElsewhere: string } | { messageFailed: string };

/** Where a send attempt stands among the attempts BullMQ gives the job. */
export interface AttemptInfo {
  last: boolean;
}

interface MessageRow {
  id: string;
  channel: ChannelName;
  recipient_role: string;
  body: string;
  status: 'sending' | 'sent' | 'failed';
}

/**
 * Sends a committed message (status `sending`) through its channel and records the answer. The
 * message row stays locked while the channel works, so two jobs holding reminders of one message
 * never both send it; a crash releases the lock and the retry sends the same message id again,
 * which the gateway dedupes.
 */
@Injectable()
export class ReminderDelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ReminderChannels,
    private readonly pii: PiiCipher,
    private readonly clock: Clock,
  ) {
    // Registered at once, so /metrics shows the series at 0 before the first failure.
    failedReminders();
  }

  async deliver(messageId: string, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    let failure: unknown;
    const outcome = await this.dataSource.transaction(async (manager): Promise<DeliveryOutcome> => {
      const [message]: MessageRow[] = await manager.query(`SELECT id, channel, recipient_role, body, status FROM reminders.messages WHERE id = $1 FOR UPDATE SKIP LOCKED`, [messageId]);
      if (!message) return { inFlightElsewhere: messageId };
      if (message.status === 'sent') {
        await manager.query(`UPDATE reminders.reminders SET status = 'sent', updated_at = now() WHERE message_id = $1 AND status = 'sending'`, [messageId]);
        return { alreadySent: messageId };
      }
      if (message.status === 'failed') return { messageFailed: messageId };
      const reminders: ReminderRow[] = await manager.query(
        `SELECT id, kind, due_on::text AS due_on, recipient_role, phone_sealed, county_code, township_code, partner_id, facts, project_id
           FROM reminders.reminders WHERE message_id = $1 AND status = 'sending' ORDER BY due_on, kind, id`,
        [messageId],
      );
      try {
        const answer = await this.channels.get(message.channel).send(await this.outgoing(manager, message, reminders));
        await this.recordSent(manager, messageId, answer);
        return { delivered: messageId };
      } catch (error) {
        failure = error;
        await this.recordFailure(manager, messageId, reminders, error, attempt);
        return { messageFailed: messageId };
      }
    });
    // Thrown after the commit, so the failed attempt stays recorded and BullMQ retries (or keeps the job failed).
    if (failure) throw failure;
    return outcome;
  }

  private async outgoing(manager: EntityManager, message: MessageRow, reminders: ReminderRow[]): Promise<OutgoingMessage> {
    const sealed = reminders.find((r) => r.phone_sealed)?.phone_sealed;
    // One after the other: they read on the message's transaction, one client, and pg queues a
    // query sent while another runs only with a warning (pg 9 refuses it).
    const parts: OutgoingMessage['reminders'] = [];
    for (const r of reminders) {
      parts.push({
        id: r.id,
        kind: r.kind,
        dueOn: r.due_on,
        recipientRole: r.recipient_role,
        countyCode: r.county_code,
        townshipCode: r.township_code,
        partnerId: r.partner_id,
        // A message of one reminder (every task) is its text already: no second rendering.
        text: reminders.length === 1 ? message.body : await renderedText(manager, r),
      });
    }
    return { id: message.id, recipientRole: message.recipient_role, phone: sealed ? this.pii.decrypt(sealed) : undefined, body: message.body, reminders: parts };
  }

  private async recordSent(manager: EntityManager, messageId: string, answer: ChannelAnswer): Promise<void> {
    await manager.query(`UPDATE reminders.messages SET status = 'sent', sent_at = $2, gateway_answer = $3, attempts = attempts + 1 WHERE id = $1`, [messageId, this.clock.now(), JSON.stringify(answer)]);
    await manager.query(`UPDATE reminders.reminders SET status = 'sent', attempts = attempts + 1, last_error = NULL, updated_at = now() WHERE message_id = $1 AND status = 'sending'`, [messageId]);
  }

  private async recordFailure(manager: EntityManager, messageId: string, reminders: ReminderRow[], error: unknown, attempt: AttemptInfo): Promise<void> {
    const answer = error instanceof ChannelError ? error.answer : {};
    const reason = errorMessage(error).slice(0, 1000);
    const status = attempt.last ? 'failed' : 'sending';
    await manager.query(`UPDATE reminders.messages SET status = $2, gateway_answer = $3, attempts = attempts + 1 WHERE id = $1`, [messageId, status, JSON.stringify({ ...answer, error: reason })]);
    await manager.query(`UPDATE reminders.reminders SET status = $2, attempts = attempts + 1, last_error = $3, updated_at = now() WHERE message_id = $1 AND status = 'sending'`, [messageId, status, reason]);
    if (attempt.last) for (const r of reminders) failedReminders().inc({ kind: r.kind });
  }
}
