import { ReminderChannel as DueChannel } from '../../domain/due-channel';

/** The name of a channel (the one list, in the domain); `sms` falls back to `log` when no gateway is configured. */
export type ChannelName = DueChannel;

/** One reminder inside a message, with what a task needs to be filed in the right scope. */
export interface MessageReminder {
  id: string;
  kind: string;
  dueOn: string;
  recipientRole: string;
  countyCode: string | null;
  townshipCode: string | null;
  partnerId: string | null;
  text: string;
}

/** What goes out: one message (several reminders merged for a phone, one for a task). */
export interface OutgoingMessage {
  /** Deterministic; the gateway dedupes on it (Idempotency-Key), so a resend after a crash never doubles. */
  id: string;
  recipientRole: string;
  /** The phone in clear, opened only for the gateway; never stored, logged or answered. */
  phone?: string;
  body: string;
  reminders: MessageReminder[];
}

/** What the channel answered, kept on the message and shown in the history. */
export interface ChannelAnswer {
  statusCode?: number;
  /** The start of the answer's body, enough to read what the gateway said. */
  body?: string;
  [detail: string]: unknown;
}

/** A channel that failed with an answer worth keeping (a gateway's non-2xx). BullMQ retries it. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly answer: ChannelAnswer = {},
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface ReminderChannel {
  readonly name: ChannelName;
  send(message: OutgoingMessage): Promise<ChannelAnswer>;
}

/** How much of a gateway's answer is kept. */
export const ANSWER_EXCERPT_CHARS = 500;
