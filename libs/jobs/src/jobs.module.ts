import { DynamicModule, Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { QueueBoard } from './board/queue-board';
import { JobQueues } from './job-queues';
import { JobsRuntime, SERVICE_QUEUES } from './jobs.runtime';
import { watchJobCounts } from './metrics/job-gauges';
import { ensureSweepRunsTable } from './platform-tables';
import { ServiceQueues } from './queues/define-queues';
import { SweepRunner } from './sweeps/sweep-runner';

/**
 * Once per process: the queue registry, the board, the sweep runner and its record, the gauges.
 * (The business date itself is the root module's, in every process: libs/platform.)
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobQueues, QueueBoard, SweepRunner],
  exports: [JobQueues, QueueBoard, SweepRunner],
})
export class JobsCoreModule implements OnModuleInit, OnApplicationShutdown {
  private unwatch?: () => void;

  constructor(
    private readonly queues: JobQueues,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureSweepRunsTable(this.dataSource);
    this.unwatch = watchJobCounts(this.queues);
  }

  onApplicationShutdown(): void {
    this.unwatch?.();
  }
}

/**
 * A service's jobs: `JobsModule.forService(defineQueues('loans', {...}, { sweeps: [...] }))` in
 * the service's module. Its processors and sweeps are found by their decorators.
 */
@Module({})
export class JobsModule {
  static forService(queues: ServiceQueues): DynamicModule {
    return {
      module: JobsModule,
      imports: [JobsCoreModule, DiscoveryModule],
      providers: [{ provide: SERVICE_QUEUES, useValue: queues }, JobsRuntime],
    };
  }
}
