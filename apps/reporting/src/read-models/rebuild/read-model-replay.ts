import { Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventEnvelope } from '@xingfu/contracts';
import { consumerKey, EVENT_CONSUMER, EventConsumerOptions, EventHandler, MessagingRuntime } from '@xingfu/messaging';
import { readModelConsumers } from '../read-model-consumers';

interface ReadModelConsumer {
  options: EventConsumerOptions;
  handler: EventHandler;
}

/**
 * Hands events to the read-model consumers the way the transport does: through the inbox
 * (once per consumer and event, in one transaction with the facts and cells), in the order
 * given. The rebuild replays the history through it.
 */
@Injectable()
export class ReadModelReplay {
  private consumers?: ReadModelConsumer[];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly messaging: MessagingRuntime,
  ) {}

  /** The inbox keys of the read-model consumers (reporting.inbox.consumer). */
  consumerKeys(): string[] {
    return this.all().map((c) => consumerKey(c.options));
  }

  /** The event types some read model consumes. */
  eventTypes(): string[] {
    return [...new Set(this.all().flatMap((c) => c.options.events.map((e) => e.type)))];
  }

  async deliver(events: readonly EventEnvelope[]): Promise<void> {
    for (const { options, handler } of this.all()) {
      const accepted = events.filter((e) => options.events.some((c) => c.type === e.type));
      if (accepted.length) await this.messaging.inbox.deliverBatch(options, handler, accepted);
    }
  }

  private all(): ReadModelConsumer[] {
    return (this.consumers ??= (readModelConsumers as Type<EventHandler>[]).map((type) => ({
      options: Reflect.getMetadata(EVENT_CONSUMER, type) as EventConsumerOptions,
      handler: this.moduleRef.get(type, { strict: false }),
    })));
  }
}
