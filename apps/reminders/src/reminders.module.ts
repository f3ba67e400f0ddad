import { Module } from '@nestjs/common';
import { JobsModule } from '@xingfu/jobs';
import { MessagingModule } from '@xingfu/messaging';
import { ReadModelModule } from './read-model/read-model.module';
import { remindersQueues } from './reminders.jobs';
import { SendingModule } from './sending/sending.module';
import { SweepModule } from './sweep/sweep.module';

/**
 * Reminders before and after due dates, escalating to guarantors and the project office, for
 * notices, guarantee deadlines, buybacks and follow-up visits:
 * - read-model/: what this service knows, fed only by committed events (inbox);
 * - sweep/: the daily sweep (and its admin route) that records what falls due and enqueues it;
 * - sending/: the send job (quiet hours, one SMS per phone per day, checked again at send time),
 *   the channels (sms, log, task), the requeue from PostgreSQL, the history, the tasks list and
 *   the admin's retry.
 * Rules that need no database (what is due on a date, quiet hours, merging, staleness,
 * templates) are in domain/.
 */
@Module({
  imports: [MessagingModule.forFeature({ service: 'reminders', produces: [] }), JobsModule.forService(remindersQueues), ReadModelModule, SweepModule, SendingModule],
})
export class RemindersModule {}
