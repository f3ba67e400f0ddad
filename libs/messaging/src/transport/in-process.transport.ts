import { EventTransport, OutboundMessage, PublishOutcome, Subscription, wants } from './event-transport';
import { errorMessage } from '@xingfu/common';

/**
 * Delivers in the relay's own call to every local subscriber through its inbox: the same
 * handler code and guarantees as Kafka, without a broker. The relay's batch goes to each
 * subscriber as one batch (one inbox transaction, each key's events in outbox order), the
 * subscribers side by side. A subscriber that cannot take the batch (its database is down)
 * makes its messages `unavailable`, so the relay retries them later in order; the inbox makes
 * the retry harmless for the subscribers that did take them.
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
    const outcomes: PublishOutcome[] = messages.map(() => ({ status: 'published' }));
    await Promise.all(
      this.subscriptions.map(async (subscription) => {
        const wanted = messages.flatMap((m, i) => (wants(subscription, m.envelope) ? [i] : []));
        if (wanted.length === 0) return;
        try {
          await subscription.deliver(wanted.map((i) => messages[i].envelope));
        } catch (error) {
          for (const i of wanted) outcomes[i] = { status: 'unavailable', error: `${subscription.consumer}: ${errorMessage(error)}` };
        }
      }),
    );
    return outcomes;
  }
}
