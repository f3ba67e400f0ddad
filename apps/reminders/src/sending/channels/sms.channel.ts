import { Injectable } from '@nestjs/common';
import { AppConfig } from '@xingfu/common';
import { ANSWER_EXCERPT_CHARS, ChannelAnswer, ChannelError, OutgoingMessage, ReminderChannel } from './reminder-channel';

/** A gateway that does not answer within this is taken as failed (BullMQ retries; the message id dedupes). */
export const SMS_TIMEOUT_MS = 5_000;

/**
 * The HTTP SMS gateway adapter: POST `{ messageId, phone, templateId, text }` to
 * REMINDERS_SMS_URL with the key and `Idempotency-Key: <messageId>`. Anything but a 2xx
 * throws, so the job retries with backoff; the gateway dedupes a resend on the message id.
 */
@Injectable()
export class SmsChannel implements ReminderChannel {
  readonly name = 'sms' as const;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.REMINDERS_SMS_URL);
  }

  async send(message: OutgoingMessage): Promise<ChannelAnswer> {
    const url = this.config.REMINDERS_SMS_URL;
    if (!url) throw new ChannelError('REMINDERS_SMS_URL is not configured');
    if (!message.phone) throw new ChannelError(`message ${message.id} has no phone to send to`);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': message.id,
          ...(this.config.REMINDERS_SMS_KEY ? { 'X-Api-Key': this.config.REMINDERS_SMS_KEY } : {}),
        },
        body: JSON.stringify({ messageId: message.id, phone: message.phone, templateId: this.config.REMINDERS_SMS_TEMPLATE_ID ?? null, text: message.body }),
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${SMS_TIMEOUT_MS} ms` : error instanceof Error ? error.message : String(error);
      throw new ChannelError(`SMS gateway unreachable: ${reason}`);
    }
    const text = (await response.text().catch(() => '')).slice(0, ANSWER_EXCERPT_CHARS);
    const answer: ChannelAnswer = { statusCode: response.status, body: text };
    if (!response.ok) throw new ChannelError(`SMS gateway answered ${response.status}: ${text}`, answer);
    return answer;
  }
}
