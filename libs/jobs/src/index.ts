export * from './queues/define-queues';
export * from './processors/job-processor.decorator';
export * from './processors/match-processors';
export * from './job-queues';
export * from './jobs.module';
export { DailySweepJobData } from './jobs.runtime';
export * from './board/queue-board';
export * from './sweeps/sweep-runner';
export * from './testing/drain-jobs';
