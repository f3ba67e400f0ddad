import { Injectable } from '@nestjs/common';

/** One dependency /ready waits for (database, Redis, Kafka). `probe` throws when it is down. */
export interface ReadinessProbe {
  name: string;
  probe(): Promise<void>;
}

/** Modules register their probes at init; /ready runs them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(probe: ReadinessProbe): void {
    this.probes.set(probe.name, probe);
  }

  all(): ReadinessProbe[] {
    return [...this.probes.values()];
  }
}
