import { Module } from '@nestjs/common';
import { PiiCipher, Secrets } from '@xingfu/common';
import { LogChannel } from './channels/log.channel';
import { ReminderChannels } from './channels/reminder-channels';
import { SmsChannel } from './channels/sms.channel';
import { TaskChannel } from './channels/task.channel';
import { MessageClaim } from './send-reminder/message-claim';
import { ReminderDelivery } from './send-reminder/reminder-delivery';
import { SendReminderJob } from './send-reminder/send-reminder.job';

const controllers: never[] = [];
const jobs = [SendReminderJob];
const channels = [SmsChannel, LogChannel, TaskChannel, ReminderChannels];

/** The send job, the channels, the requeue, the history, the tasks and the admin's retry. */
@Module({
  controllers,
  providers: [...jobs, ...channels, MessageClaim, ReminderDelivery, { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) }],
})
export class SendingModule {}
