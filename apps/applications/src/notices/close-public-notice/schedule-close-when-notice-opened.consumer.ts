import { Injectable } from '@nestjs/common';
import { EventEnvelope, PublicNoticeOpened, PublicNoticeOpenedV1 } from '@xingfu/contracts';
import { Clock } from '@xingfu/common';
import { JobQueues } from '@xingfu/jobs';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { ApplicationsJob, ApplicationsQueue } from '../../applications.jobs';
import { closeDelayMs } from '../domain/notice-period';
import { ClosePublicNoticeJobData, closeNoticeJobId } from './close-public-notice.job';

/**
 * Adds the delayed job that closes a notice at the end of its last day, from the committed
 * PublicNoticeOpened (through the inbox), so no crash between the notice's commit and the
 * queue can lose it: until the job is added the event is not handled, and is retried. The id
 * is deterministic, so a redelivery adds nothing. A failed add throws: the inbox retries it.
 */
@Injectable()
@EventConsumer({ service: 'applications', name: 'schedule-close-when-notice-opened', events: [PublicNoticeOpened] })
export class ScheduleCloseWhenNoticeOpened implements EventHandler<typeof PublicNoticeOpened> {
  constructor(
    private readonly queues: JobQueues,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<PublicNoticeOpenedV1>): Promise<void> {
    const opened = event.payload;
    await this.queues.add<ClosePublicNoticeJobData>(
      ApplicationsQueue.PublicNotices,
      ApplicationsJob.ClosePublicNotice,
      { noticeId: opened.noticeId },
      { jobId: closeNoticeJobId(opened.noticeId), delay: closeDelayMs(opened.endDate, this.clock.now()) },
    );
  }
}
