import { Module } from '@nestjs/common';
import { PiiCipher, Secrets } from '@xingfu/common';
import { KitModule } from '@xingfu/kit';
import { LogChannel } from './channels/log.channel';
import { ReminderChannels } from './channels/reminder-channels';
import { SmsChannel } from './channels/sms.channel';
import { TaskChannel } from './channels/task.channel';
import { ReminderHistory } from './history/reminder-history';
import { RemindersController } from './history/reminders.controller';
import { ReminderRequeue } from './requeue/reminder-requeue';
import { RetryReminderController } from './retry/retry-reminder.controller';
import { MessageClaim } from './send-reminder/message-claim';
import { ReminderDelivery } from './send-reminder/reminder-delivery';
import { SendReminderJob } from './send-reminder/send-reminder.job';
import { TaskScope } from './tasks/task-scope';
import { TasksController } from './tasks/tasks.controller';

const controllers = [RemindersController, RetryReminderController, TasksController];
const jobs = [SendReminderJob, ReminderRequeue];
const channels = [SmsChannel, LogChannel, TaskChannel, ReminderChannels];
const sending = [MessageClaim, ReminderDelivery];
const reading = [ReminderHistory, TaskScope];

/**
 * The send job (checked again at send time, quiet hours, one message per phone per day), the
 * channels (sms, log, task), the requeue from PostgreSQL, the history, the tasks and the
 * admin's retry. ReminderRequeue is exported for the sweep to call after a run.
 */
@Module({
  imports: [KitModule.forService('reminders')],
  controllers,
  providers: [...jobs, ...channels, ...sending, ...reading, { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) }],
  exports: [ReminderRequeue],
})
export class SendingModule {}
