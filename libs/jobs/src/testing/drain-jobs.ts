import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JobQueues } from '../job-queues';

/** Jobs that still have to run: waiting, active, prioritized, or delayed with their moment come. */
async function pending(queue: Queue, now: number): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
  const busy = Object.values(counts).reduce((a, b) => a + b, 0);
  if (busy) return busy;
  // BullMQ scores a delayed job by its due time (ms × 0x1000 plus a counter).
  const client = (await queue.client) as unknown as Redis;
  return client.zcount(queue.toKey('delayed'), 0, (now + 1) * 0x1000 - 1);
}

/**
 * For tests: waits until no queue of the app has a job waiting, running or due (delayed jobs
 * whose moment has not come are left alone), twice in a row, so a job that adds another is
 * followed. Throws, naming the queues, when they are still busy after `timeoutMs`.
 */
export async function drainJobs(app: INestApplicationContext, timeoutMs = 15_000): Promise<void> {
  const queues = app.get(JobQueues, { strict: false });
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const busy: string[] = [];
    for (const queue of queues.all()) if ((await pending(queue, Date.now())) > 0) busy.push(queue.name);
    quiet = busy.length ? 0 : quiet + 1;
    if (quiet >= 2) return;
    if (Date.now() > deadline) throw new Error(`jobs still pending after ${timeoutMs} ms on ${busy.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
