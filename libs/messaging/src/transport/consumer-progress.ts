/**
 * When each consumer group of this process last fetched from the broker, for /ready. kafkajs
 * fetches again only once every batch of the last fetch was handled, and fetches at least twice a
 * second when idle (maxWaitTimeInMs), so a group that has not fetched for long is not consuming:
 * stuck joining (a broker whose group never settles), or a handler that never returns. Neither
 * shows anywhere else: the broker answers, the topics exist, the relay publishes.
 */
export class ConsumerProgress {
  private readonly groups = new Map<string, { since: number; fetchedAt?: number; last: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The group is (re)joining: its wait counts from now. */
  joining(group: string, why = 'joining'): void {
    this.groups.set(group, { since: this.now(), last: why });
  }

  joined(group: string): void {
    const entry = this.groups.get(group);
    if (entry) entry.last = 'joined, no fetch since';
  }

  fetched(group: string): void {
    const entry = this.groups.get(group);
    if (entry) {
      entry.fetchedAt = this.now();
      entry.last = 'fetching';
    }
  }

  /** Stopped on purpose (shutdown): not a stall. */
  forget(group: string): void {
    this.groups.delete(group);
  }

  /** One sentence per group that has fetched nothing for longer than `limitMs`. */
  stalled(limitMs: number): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const [group, { since, fetchedAt, last }] of this.groups) {
      const quietMs = now - (fetchedAt ?? since);
      if (quietMs > limitMs) out.push(`consumer group ${group} has fetched nothing for ${Math.round(quietMs / 1000)} s (${last})`);
    }
    return out;
  }
}
