import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Clock } from '@xingfu/common';
import { RedisConnection } from '@xingfu/platform';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { closeDelayMs } from '../domain/notice-period';
import { ClosePublicNoticeJobData, closeNoticeJobId, JobName, PUBLIC_NOTICE_JOB_OPTIONS, QueueName } from '../notice-jobs.constants';

/**
 * Puts the delayed job that ends a public notice at the end of its last day. A notice commits
 * before its job is added, so at start-up every open notice is scheduled again: the job id is
 * deterministic, so no notice ever gets two jobs, and a crash between commit and add loses
 * nothing.
 */
@Injectable()
export class CloseNoticeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CloseNoticeScheduler');
  private queue?: Queue<ClosePublicNoticeJobData>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = new Queue(QueueName.PublicNotices, { connection: this.redis.options(), prefix: this.config.BULLMQ_PREFIX, defaultJobOptions: PUBLIC_NOTICE_JOB_OPTIONS });
    const open: { id: string; end_date: string }[] = await this.dataSource.query(`SELECT id, end_date FROM applications.public_notices WHERE status = 'open' ORDER BY end_date, id`);
    for (const notice of open) await this.schedule(notice.id, notice.end_date);
    if (open.length) this.logger.log(`${open.length} open public notice(s) scheduled to close`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }

  async schedule(noticeId: string, endDate: string): Promise<void> {
    if (!this.queue) throw new Error('the public-notice queue is not started');
    const jobId = closeNoticeJobId(noticeId);
    // A completed job (it found objections open, say) would block the id; the notice is still
    // open, so it deserves another try. A failed one stays for someone to look at.
    const previous = await this.queue.getJob(jobId);
    if (previous && (await previous.getState()) === 'completed') await previous.remove();
    await this.queue.add(JobName.ClosePublicNotice, { noticeId }, { jobId, delay: closeDelayMs(endDate, this.clock.now()) });
  }
}
