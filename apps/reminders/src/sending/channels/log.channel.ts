import { Injectable, Logger } from '@nestjs/common';
import { ChannelAnswer, OutgoingMessage, ReminderChannel } from './reminder-channel';

/** The default channel: the message is recorded (the messages row and the log), never sent. No phone in the log. */
@Injectable()
export class LogChannel implements ReminderChannel {
  readonly name = 'log' as const;
  private readonly logger = new Logger('RemindersLogChannel');

  async send(message: OutgoingMessage): Promise<ChannelAnswer> {
    this.logger.log({ msg: 'reminder recorded', messageId: message.id, recipientRole: message.recipientRole, reminders: message.reminders.map((r) => r.id), body: message.body });
    return { logged: true };
  }
}
