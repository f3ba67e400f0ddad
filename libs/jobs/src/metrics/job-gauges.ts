import { counter } from '@xingfu/common';
import { Gauge, register } from 'prom-client';
import { JobQueues } from '../job-queues';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** The live registries of the process (tests start several apps in one). */
const live = new Set<JobQueues>();

const NAME = 'xingfu_jobs';

/** `xingfu_jobs{queue,state}`: read from Redis at each scrape, so it counts what the queues hold now. */
function ensureGauge(): void {
  if (register.getSingleMetric(NAME)) return;
  new Gauge({
    name: NAME,
    help: 'BullMQ jobs per queue and state, read from the queues at scrape time',
    labelNames: ['queue', 'state'],
    async collect() {
      this.reset();
      for (const queues of live) {
        for (const queue of queues.all()) {
          try {
            const counts = await queue.getJobCounts(...JOB_STATES);
            for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch {
            // Redis down: /ready says so; the scrape still answers with what it could read.
          }
        }
      }
    },
  });
}

export function watchJobCounts(queues: JobQueues): () => void {
  ensureGauge();
  live.add(queues);
  return () => live.delete(queues);
}

/** Jobs that failed their last attempt (they stay in the failed set for someone to act on). */
export const failedJobs = () => counter('xingfu_jobs_failed_total', 'Jobs that failed their last attempt', ['queue', 'job']);
