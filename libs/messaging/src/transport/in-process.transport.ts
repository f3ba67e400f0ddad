import { EventTransport, OutboundMessage, PublishOutcome, Subscription, wants } from './event-transport';
import { groupBy } from './group-by';
import { errorMessage } from '@xingfu/common';

/** Keys delivered at once: order holds within a key, different keys need not wait for each other. */
const KEY_CONCURRENCY = 4;

/**
 * Delivers in the relay's own call to every local subscriber through its inbox transaction:
 * the same handler code and guarantees as Kafka, without a broker. Each key's messages go one
 * at a time in outbox order; a few keys go side by side. A subscriber that cannot take an
 * event (its database is down) makes the message `unavailable` and holds back the rest of
 * that key, so the relay retries them later in order; the inbox makes the retry harmless.
 */
export class InProcessTransport implements EventTransport {
  readonly name = 'in-process' as const;
  private subscriptions: Subscription[] = [];

  async start(subscriptions: Subscription[]): Promise<void> {
    this.subscriptions = subscriptions;
  }

  async stop(): Promise<void> {
    this.subscriptions = [];
  }

  async probe(): Promise<void> {}

  async publish(messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = new Array(messages.length);
    const queues = [...groupBy(messages.map((_, i) => i), (i) => messages[i].key).values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) await this.deliverKey(messages, queue, outcomes);
    };
    await Promise.all(Array.from({ length: Math.min(KEY_CONCURRENCY, queues.length) }, worker));
    return outcomes;
  }

  private async deliverKey(messages: OutboundMessage[], indexes: number[], outcomes: PublishOutcome[]): Promise<void> {
    let blocked = false;
    for (const i of indexes) {
      if (blocked) {
        outcomes[i] = { status: 'skipped' };
        continue;
      }
      try {
        for (const subscription of this.subscriptions) {
          if (wants(subscription, messages[i].envelope)) await subscription.deliver(messages[i].envelope);
        }
        outcomes[i] = { status: 'published' };
      } catch (error) {
        blocked = true;
        outcomes[i] = { status: 'unavailable', error: errorMessage(error) };
      }
    }
  }
}
