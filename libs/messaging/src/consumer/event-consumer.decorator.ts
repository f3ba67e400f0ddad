import { SetMetadata } from '@nestjs/common';
import { EventContract, EventEnvelope, ServiceName } from '@xingfu/contracts';
import { EntityManager } from 'typeorm';

export interface EventConsumerOptions {
  /** The consuming service: its schema holds the inbox, its consumer group reads Kafka. */
  service: ServiceName;
  /** Unique within the service; with the service, the inbox's consumer key. */
  name: string;
  /** The contract versions this consumer accepts; older versions are upcast to these. */
  events: EventContract[];
}

/**
 * A handler of integration events. It runs inside the inbox transaction: write through
 * `manager` only, so the handler's effects, its inbox row and any events it emits commit
 * together, once per event.
 */
export interface EventHandler {
  handle(event: EventEnvelope, manager: EntityManager): Promise<void>;
}

export const EVENT_CONSUMER = 'xingfu:eventConsumer';

export const EventConsumer = (options: EventConsumerOptions) => SetMetadata(EVENT_CONSUMER, options);
