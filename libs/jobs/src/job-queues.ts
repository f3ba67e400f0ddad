import { Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';

/**
 * Every queue of the process, by name (names carry their service, so one map serves all).
 * Work that a state change makes necessary adds its job here from an inbox consumer of that
 * change's event, never after the commit of the request.
 */
@Injectable()
export class JobQueues {
  private readonly queues = new Map<string, Queue>();

  register(queue: Queue): void {
    if (this.queues.has(queue.name)) throw new Error(`queue ${queue.name} is declared twice`);
    this.queues.set(queue.name, queue);
  }

  unregister(name: string): void {
    this.queues.delete(name);
  }

  get(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`queue ${name} is not declared in this process`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  add<D>(queue: string, job: string, data: D, options?: JobsOptions) {
    return this.get(queue).add(job, data, options);
  }
}
