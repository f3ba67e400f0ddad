import { SetMetadata } from '@nestjs/common';

export const JOB_PROCESSOR = 'xingfu:jobProcessor';
export const DAILY_SWEEP = 'xingfu:dailySweep';

export interface JobProcessorMeta {
  queue: string;
  job: string;
}

/**
 * Marks the method that processes one job of one queue: `(job: Job<Data>, token?: string) => Promise<Result>`.
 * Whatever it throws fails the attempt (and, after the last, leaves the job failed): never catch to hide it.
 */
export const JobProcessor = (queue: string, job: string): MethodDecorator => SetMetadata<string, JobProcessorMeta>(JOB_PROCESSOR, { queue, job });

/**
 * Marks the method of a daily sweep: `(businessDate: string) => Promise<unknown>`. It runs once for
 * each business date, in date order, catching up every day missed since its last run; running
 * it again for a date must yield the same work (deterministic job ids, state checks).
 */
export const DailySweep = (name: string): MethodDecorator => SetMetadata(DAILY_SWEEP, name);
