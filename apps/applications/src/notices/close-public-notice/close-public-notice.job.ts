import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, DomainError, systemContext } from '@xingfu/common';
import { jobId, JobProcessor } from '@xingfu/jobs';
import { DelayedError, Job } from 'bullmq';
import { ApplicationsJob, ApplicationsQueue } from '../../applications.jobs';
import { closeDelayMs } from '../domain/notice-period';
import { ClosePublicNoticeCommand } from './close-public-notice.command';
import { NoticeClosedResult } from './notice-closer';

export interface ClosePublicNoticeJobData {
  noticeId: string;
}

export type ClosePublicNoticeJobResult = NoticeClosedResult | { skipped: string };

/** Deterministic, so a redelivered PublicNoticeOpened never makes a second job. */
export const closeNoticeJobId = (noticeId: string) => jobId('close-notice', noticeId);

/**
 * The fast path that ends a notice at the end of its last day: a delayed job, added by
 * ScheduleCloseWhenNoticeOpened. The daily sweep closes whatever it misses (a lost job, a
 * business date moved ahead). While an objection is open it does nothing: the resolution of
 * the last one closes the notice.
 */
@Injectable()
export class ClosePublicNoticeJob {
  private readonly logger = new Logger('ClosePublicNoticeJob');

  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @JobProcessor(ApplicationsQueue.PublicNotices, ApplicationsJob.ClosePublicNotice)
  async process(job: Job<ClosePublicNoticeJobData>, token?: string): Promise<ClosePublicNoticeJobResult> {
    const { noticeId } = job.data;
    try {
      return await this.commands.execute(new ClosePublicNoticeCommand({ noticeId, closedBy: 'job' }, systemContext('public-notice-sweep', randomUUID())));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'notice_closed' || error.code === 'unresolved_objections') {
        this.logger.log(`notice ${noticeId} left to its ${error.code === 'notice_closed' ? 'earlier close' : 'last objection'}`);
        return { skipped: error.code };
      }
      if (error.code === 'notice_not_ended' && typeof error.details.endDate === 'string') {
        // Woke early (clocks differ between hosts): wait again for the end, without using up an attempt.
        await job.moveToDelayed(Date.now() + closeDelayMs(error.details.endDate, this.clock.now()), token);
        throw new DelayedError();
      }
      throw error;
    }
  }
}
