import { Injectable } from '@nestjs/common';
import { LogChannel } from './log.channel';
import { ChannelName, ReminderChannel } from './reminder-channel';
import { SmsChannel } from './sms.channel';
import { TaskChannel } from './task.channel';

/** The channels by name, and which one a reminder's channel goes through here. */
@Injectable()
export class ReminderChannels {
  constructor(
    private readonly sms: SmsChannel,
    private readonly log: LogChannel,
    private readonly task: TaskChannel,
  ) {}

  get(name: ChannelName): ReminderChannel {
    return { sms: this.sms, log: this.log, task: this.task }[name];
  }

  /** `sms` only when a gateway is configured: otherwise the message is recorded by `log`. */
  resolve(requested: ChannelName): ChannelName {
    return requested === 'sms' && !this.sms.configured ? 'log' : requested;
  }
}
