import { DynamicModule, Global, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueBoard } from './board/queue-board';
import { BusinessDateController } from './business-date/business-date.controller';
import { BusinessDateStore } from './business-date/business-date.store';
import { JobQueues } from './job-queues';
import { JobsRuntime, SERVICE_QUEUES } from './jobs.runtime';
import { watchJobCounts } from './metrics/job-gauges';
import { ServiceQueues } from './queues/define-queues';
import { SweepRunner } from './sweeps/sweep-runner';

/** Once per process: the queue registry, the board, the business date (record and admin route), the sweep runner, the gauges. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [BusinessDateController],
  providers: [JobQueues, QueueBoard, BusinessDateStore, SweepRunner],
  exports: [JobQueues, QueueBoard, BusinessDateStore, SweepRunner],
})
export class JobsCoreModule implements OnModuleInit, OnApplicationShutdown {
  private unwatch?: () => void;

  constructor(private readonly queues: JobQueues) {}

  onModuleInit(): void {
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
