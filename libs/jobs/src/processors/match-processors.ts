import { ServiceQueues, DAILY_SWEEP_JOB } from '../queues/define-queues';

/**
 * Pairs each declared job with its one processor, and each declared sweep with its one method.
 * Returns the problems, each naming the job: no processor, two processors, or a processor of
 * one of this service's queues for a job the queue does not declare.
 */
export function processorProblems(
  declared: ServiceQueues,
  processors: { queue: string; job: string; where: string }[],
  sweeps: { name: string; where: string }[],
): string[] {
  const problems: string[] = [];
  const ours = processors.filter((p) => p.queue.startsWith(`${declared.service}-`));
  for (const queue of declared.queues) {
    for (const job of queue.jobs) {
      if (job === DAILY_SWEEP_JOB && declared.sweeps.length) continue;
      const found = ours.filter((p) => p.queue === queue.name && p.job === job);
      if (found.length === 0) problems.push(`job ${job} on queue ${queue.name} has no processor (mark one method @JobProcessor('${queue.name}', '${job}'))`);
      if (found.length > 1) problems.push(`job ${job} on queue ${queue.name} has ${found.length} processors: ${found.map((p) => p.where).join(', ')}`);
    }
  }
  for (const p of ours) {
    const queue = declared.queues.find((q) => q.name === p.queue);
    if (!queue) problems.push(`${p.where} processes job ${p.job} on queue ${p.queue}, which ${declared.service} does not declare`);
    else if (!queue.jobs.includes(p.job) || p.job === DAILY_SWEEP_JOB) problems.push(`${p.where} processes job ${p.job}, which queue ${p.queue} does not declare`);
  }
  for (const sweep of declared.sweeps) {
    const found = sweeps.filter((s) => s.name === sweep);
    if (found.length === 0) problems.push(`daily sweep ${sweep} of ${declared.service} has no method (mark one @DailySweep('${sweep}'))`);
    if (found.length > 1) problems.push(`daily sweep ${sweep} of ${declared.service} has ${found.length} methods: ${found.map((s) => s.where).join(', ')}`);
  }
  return problems;
}
