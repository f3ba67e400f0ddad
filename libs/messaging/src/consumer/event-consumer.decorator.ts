import { SetMetadata } from '@nestjs/common';
import { EventContract, EventEnvelope, PayloadOf, ServiceName } from '@xingfu/contracts';
import { EntityManager } from 'typeorm';

export interface EventConsumerOptions<C extends EventContract = EventContract> {
  /** The consuming service: its schema holds the inbox, its consumer group reads Kafka. */
  service: ServiceName;
  /** Unique within the service (start-up fails on two); with the service, the inbox's consumer key. */
  name: string;
  /** The contract versions this consumer accepts; older versions are upcast to these. */
  events: C[];
}

/**
 * A handler of integration events, typed by the contracts it accepts:
 * `EventHandler<typeof LoanRepaid>` gets `event.payload` as a `LoanRepaidV1`. It runs inside
 * the inbox transaction: write through `manager` only, so the handler's effects, its inbox
 * row and any events it emits commit together, once per event.
 */
export interface EventHandler<C extends EventContract = EventContract> {
  handle(event: EventEnvelope<PayloadOf<C>>, manager: EntityManager): Promise<void>;
  /**
   * Optional, for set-based handlers (read models): the new events of a batch, in commit order,
   * in one call and one transaction, so the handler can write them in a statement or two
   * instead of one per event. Must have the same effect as `handle` on each in turn; when it
   * throws, the batch goes one event at a time through `handle`.
   */
  handleBatch?(events: EventEnvelope<PayloadOf<C>>[], manager: EntityManager): Promise<void>;
}

export const EVENT_CONSUMER = 'xingfu:eventConsumer';

/** Marks a provider as a consumer; its class must handle the payloads of the contracts it names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function EventConsumer<C extends EventContract<any>>(options: EventConsumerOptions<C>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <T extends new (...args: any[]) => EventHandler<C>>(target: T): void => {
    SetMetadata(EVENT_CONSUMER, options)(target);
  };
}
