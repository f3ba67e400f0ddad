import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { AppConfig, BUSINESS_TIME_ZONE, errorMessage } from '@xingfu/common';
import { BusinessDateStore, RedisConnection } from '@xingfu/platform';
import { Job, Queue, Worker } from 'bullmq';
import { QueueBoard } from './board/queue-board';
import { JobQueues } from './job-queues';
import { failedJobs } from './metrics/job-gauges';
import { findDailySweeps, findJobProcessors, FoundMethod } from './processors/find-handlers';
import { processorProblems } from './processors/match-processors';
import { DAILY_SWEEP_JOB, ServiceQueues, sweepQueueOf } from './queues/define-queues';
import { SweepRunner } from './sweeps/sweep-runner';

export const SERVICE_QUEUES = Symbol('SERVICE_QUEUES');

export interface DailySweepJobData {
  sweep: string;
  /** Why it runs: the schedule, start-up, or the business date moving. */
  reason: 'schedule' | 'start-up' | 'business-date';
}

type Processor = (job: Job, token?: string) => Promise<unknown>;

/**
 * One service's queues and workers. At init it finds the processors (`@JobProcessor`) and
 * sweeps (`@DailySweep`) and refuses to start, naming the job, unless each declared job has
 * exactly one; at bootstrap it starts the workers, schedules each sweep daily at SWEEP_HOUR
 * Asia/Shanghai and runs it once to catch up on the days missed while it was down.
 */
@Injectable()
export class JobsRuntime implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly processors = new Map<string, Processor>();
  private readonly sweeps = new Map<string, FoundMethod<string>>();
  private readonly queues: Queue[] = [];
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(SERVICE_QUEUES) private readonly declared: ServiceQueues,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly registry: JobQueues,
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
    private readonly runner: SweepRunner,
    private readonly businessDate: BusinessDateStore,
    private readonly board: QueueBoard,
  ) {
    this.logger = new Logger(`Jobs:${declared.service}`);
  }

  onModuleInit(): void {
    const processors = findJobProcessors(this.discovery, this.scanner);
    const sweeps = findDailySweeps(this.discovery, this.scanner).filter((s) => this.declared.sweeps.includes(s.meta));
    const problems = processorProblems(
      this.declared,
      processors.map((p) => ({ ...p.meta, where: p.where })),
      sweeps.map((s) => ({ name: s.meta, where: s.where })),
    );
    if (problems.length) throw new Error(`${this.declared.service} jobs: ${problems.join('; ')}`);
    for (const p of processors) if (p.meta.queue.startsWith(`${this.declared.service}-`)) this.processors.set(`${p.meta.queue}/${p.meta.job}`, p.call as Processor);
    for (const s of sweeps) this.sweeps.set(s.meta, s);
    if (this.declared.sweeps.length) {
      this.processors.set(`${sweepQueueOf(this.declared.service)}/${DAILY_SWEEP_JOB}`, (job: Job) => this.sweep(job as Job<DailySweepJobData>));
    }
    for (const declaration of this.declared.queues) {
      const queue = new Queue(declaration.name, { connection: this.redis.options(), prefix: this.config.BULLMQ_PREFIX, defaultJobOptions: declaration.defaultJobOptions });
      queue.on('error', (error) => this.logger.warn(`queue ${declaration.name}: ${error.message}`));
      this.registry.register(queue);
      this.board.add(queue);
      this.queues.push(queue);
    }
    this.businessDate.onChange(() => this.catchUpAll('business-date'));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const declaration of this.declared.queues) {
      const worker = new Worker(
        declaration.name,
        (job, token) => {
          const processor = this.processors.get(`${declaration.name}/${job.name}`);
          if (!processor) throw new Error(`no processor for job ${job.name} on ${declaration.name}`);
          return processor(job, token);
        },
        { connection: this.redis.options(), prefix: this.config.BULLMQ_PREFIX, concurrency: declaration.concurrency },
      );
      worker.on('failed', (job, error) => {
        const last = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        if (last) failedJobs().inc({ queue: declaration.name, job: job.name });
        this.logger.error(`job ${job?.name} ${job?.id} on ${declaration.name} failed (attempt ${job?.attemptsMade}${last ? ', the last' : ''}): ${error.message}`);
      });
      worker.on('error', (error) => this.logger.error(`worker ${declaration.name}: ${error.message}`));
      this.workers.push(worker);
    }
    if (this.declared.sweeps.length) {
      const queue = this.registry.get(sweepQueueOf(this.declared.service));
      for (const sweep of this.declared.sweeps) {
        await queue.upsertJobScheduler(
          `daily-${sweep}`,
          { pattern: `0 ${this.config.SWEEP_HOUR} * * *`, tz: BUSINESS_TIME_ZONE },
          { name: DAILY_SWEEP_JOB, data: { sweep, reason: 'schedule' } satisfies DailySweepJobData },
        );
      }
      await this.catchUpAll('start-up');
    }
  }

  /** Workers first, before the database goes: close() lets a running job finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const queue of this.queues) {
      this.registry.unregister(queue.name);
      this.board.remove(queue.name);
    }
    await Promise.all(this.queues.map((q) => q.close()));
  }

  /** Adds a run of each sweep; the runner works out which days it covers. */
  private async catchUpAll(reason: DailySweepJobData['reason']): Promise<void> {
    if (!this.declared.sweeps.length) return;
    const queue = this.registry.get(sweepQueueOf(this.declared.service));
    for (const sweep of this.declared.sweeps) {
      try {
        await queue.add(DAILY_SWEEP_JOB, { sweep, reason } satisfies DailySweepJobData);
      } catch (error) {
        // The daily schedule still comes; the next run catches up on these days too.
        this.logger.error(`${sweep} catch-up (${reason}) not queued: ${errorMessage(error)}`);
      }
    }
  }

  private async sweep(job: Job<DailySweepJobData>): Promise<{ businessDates: string[] }> {
    const method = this.sweeps.get(job.data.sweep);
    if (!method) throw new Error(`no daily sweep ${job.data.sweep} in ${this.declared.service}`);
    const businessDates = await this.runner.catchUp(this.declared.service, job.data.sweep, (date) => method.call(date));
    return { businessDates };
  }
}
