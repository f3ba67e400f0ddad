import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig, Clock, DomainError } from '@xingfu/common';
import { RedisConnection } from '@xingfu/platform';
import { DelayedError, Job, Worker } from 'bullmq';
import { closeDelayMs } from '../domain/notice-period';
import { ClosePublicNoticeJobData, JobName, QueueName } from '../notice-jobs.constants';
import { ClosePublicNoticeCommand } from './close-public-notice.command';
import { NoticeClosedResult } from './notice-closer';

type JobResult = NoticeClosedResult | { skipped: string };

/**
 * The worker that ends public notices: the same command as the manual route, closedBy 'job'.
 * While an objection is open it does nothing: the resolution of the last one closes the notice.
 */
@Injectable()
export class ClosePublicNoticeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ClosePublicNoticeJob');
  private worker?: Worker<ClosePublicNoticeJobData, JobResult>;
  private readonly handlers: Record<JobName, (job: Job<ClosePublicNoticeJobData>, token?: string) => Promise<JobResult>> = {
    [JobName.ClosePublicNotice]: (job, token) => this.close(job, token),
  };

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<ClosePublicNoticeJobData, JobResult>(
      QueueName.PublicNotices,
      (job, token) => {
        const handler = this.handlers[job.name as JobName];
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        return handler(job, token);
      },
      { connection: this.redis.options(), prefix: this.config.BULLMQ_PREFIX, concurrency: 2 },
    );
    this.worker.on('failed', (job, error) => this.logger.error(`job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`worker: ${error.message}`));
  }

  /** Before the database goes: close() lets a running job finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async close(job: Job<ClosePublicNoticeJobData>, token?: string): Promise<JobResult> {
    try {
      return await this.commands.execute(new ClosePublicNoticeCommand(job.data.noticeId, null, 'job'));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'notice_closed' || error.code === 'unresolved_objections') {
        this.logger.log(`notice ${job.data.noticeId} left to its ${error.code === 'notice_closed' ? 'earlier close' : 'last objection'}`);
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
