import { ServiceName } from '@xingfu/contracts';
import { JobsOptions } from 'bullmq';

/** What every job gets unless its queue says otherwise: retries for passing failures, completed jobs kept a week, failed ones until someone acts. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 86_400 },
  removeOnFail: false,
};

/** The job every service with sweeps has on its `<service>-sweeps` queue; processed by the lib itself. */
export const DAILY_SWEEP_JOB = 'daily-sweep';

export interface QueueDeclaration {
  name: string;
  jobs: readonly string[];
  concurrency: number;
  defaultJobOptions: JobsOptions;
}

export interface ServiceQueues {
  service: ServiceName;
  queues: QueueDeclaration[];
  /** The daily sweeps of the service (names unique in the process), run on its `<service>-sweeps` queue. */
  sweeps: readonly string[];
}

export interface QueueSpec {
  jobs: readonly string[];
  concurrency?: number;
  defaultJobOptions?: JobsOptions;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * A service's queues, in one place. Every queue name starts with `<service>-`, so two services
 * never share a queue by accident; every job a queue carries is listed, so start-up can insist
 * that each has exactly one processor.
 */
export function defineQueues(service: ServiceName, queues: Record<string, readonly string[] | QueueSpec>, options: { sweeps?: readonly string[] } = {}): ServiceQueues {
  const declared: QueueDeclaration[] = Object.entries(queues).map(([name, spec]) => {
    const { jobs, concurrency = 2, defaultJobOptions = {} } = Array.isArray(spec) ? { jobs: spec as readonly string[] } : (spec as QueueSpec);
    if (!name.startsWith(`${service}-`) || !NAME.test(name)) {
      throw new Error(`queue "${name}" of ${service} must be named "${service}-<kebab-case>"`);
    }
    if (jobs.length === 0) throw new Error(`queue ${name} declares no jobs`);
    for (const job of jobs) if (!NAME.test(job)) throw new Error(`job "${job}" on ${name} must be kebab-case`);
    if (new Set(jobs).size !== jobs.length) throw new Error(`queue ${name} lists a job twice`);
    return { name, jobs, concurrency, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...defaultJobOptions } };
  });
  const sweeps = options.sweeps ?? [];
  for (const sweep of sweeps) if (!NAME.test(sweep)) throw new Error(`sweep "${sweep}" of ${service} must be kebab-case`);
  if (sweeps.length) {
    const name = sweepQueueOf(service);
    if (declared.some((q) => q.name === name)) throw new Error(`${name} is kept for the daily sweeps of ${service}`);
    declared.push({ name, jobs: [DAILY_SWEEP_JOB], concurrency: 1, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  }
  return { service, queues: declared, sweeps };
}

export function sweepQueueOf(service: ServiceName): string {
  return `${service}-sweeps`;
}

/**
 * A deterministic job id from its parts (`jobId('close-notice', noticeId)` → `close-notice-<id>`),
 * so adding a job twice (a retry, a redelivered event, a re-run sweep) never makes two jobs.
 * BullMQ 5 refuses ':' in custom ids, and a bare integer would pass for one of its own.
 */
export function jobId(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error('jobId needs at least one part');
  const text = parts.map(String);
  const bad = text.find((p) => p === '' || p.includes(':'));
  if (bad !== undefined) throw new Error(`job id part ${JSON.stringify(bad)} is empty or holds ':'`);
  const id = text.join('-');
  if (/^\d+$/.test(id)) throw new Error(`job id ${id} must not be a bare integer`);
  return id;
}
