import { Logger } from '@nestjs/common';
import { EventEnvelope, ServiceName } from '@xingfu/contracts';
import { Consumer, Kafka, KafkaJSProtocolError, logLevel, Producer } from 'kafkajs';
import { EventTransport, OutboundMessage, PublishOutcome, Subscription, subscribedTopics, wants } from './event-transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  groupPrefix: string;
  partitionsConsumedConcurrently?: number;
}

/** Broker answers that blame the message itself, not the broker's availability. */
const MESSAGE_FAULTS = new Set(['INVALID_RECORD', 'CORRUPT_MESSAGE', 'MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_REQUIRED_ACKS']);

function isMessageFault(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && MESSAGE_FAULTS.has(error.type);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Kafka through kafkajs: one topic per producing service, key = aggregate id, one consumer
 * group per consuming service. The producer keeps one request in flight so a retry cannot
 * overtake an earlier message of the same key. Offsets are committed only after the
 * subscriber's inbox transaction committed.
 */
export class KafkaTransport implements EventTransport {
  readonly name = 'kafka' as const;
  private readonly logger = new Logger('KafkaTransport');
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers: Consumer[] = [];

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
      connectionTimeout: 2000,
      requestTimeout: 10000,
    });
  }

  async publish(messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    let producer: Producer;
    try {
      producer = await this.connectedProducer();
    } catch (error) {
      return messages.map(() => ({ status: 'unavailable', error: describe(error) }));
    }
    try {
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
      return messages.map(() => ({ status: 'published' }));
    } catch (error) {
      if (!isMessageFault(error)) {
        await this.resetProducer();
        return messages.map(() => ({ status: 'unavailable', error: describe(error) }));
      }
    }
    // Some message in the batch broke its contract: find which, one by one, in order.
    return this.publishOneByOne(producer, messages);
  }

  private async publishOneByOne(producer: Producer, messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    const blockedKeys = new Set<string>();
    const outcomes: PublishOutcome[] = [];
    let unavailable: string | undefined;
    for (const message of messages) {
      if (unavailable) {
        outcomes.push({ status: 'unavailable', error: unavailable });
        continue;
      }
      if (blockedKeys.has(message.key)) {
        outcomes.push({ status: 'skipped' });
        continue;
      }
      try {
        await producer.send({ topic: message.topic, acks: -1, messages: [toKafkaMessage(message)] });
        outcomes.push({ status: 'published' });
      } catch (error) {
        blockedKeys.add(message.key);
        if (isMessageFault(error)) outcomes.push({ status: 'rejected', error: describe(error) });
        else {
          unavailable = describe(error);
          outcomes.push({ status: 'unavailable', error: unavailable });
        }
      }
    }
    if (unavailable) await this.resetProducer();
    return outcomes;
  }

  async start(subscriptions: Subscription[]): Promise<void> {
    const byService = new Map<ServiceName, Subscription[]>();
    for (const s of subscriptions) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
    for (const [service, subs] of byService) await this.startConsumer(service, subs);
  }

  private async startConsumer(service: ServiceName, subscriptions: Subscription[]): Promise<void> {
    const groupId = `${this.options.groupPrefix}xingfu.${service}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000, retry: { retries: 10 } });
    this.consumers.push(consumer);
    await consumer.connect();
    // From the beginning: a new consumer group (a new read model) must see the history;
    // the inbox makes re-reading harmless.
    await consumer.subscribe({ topics: subscribedTopics(subscriptions), fromBeginning: true });
    // Offsets are resolved only after the inbox transaction committed; kafkajs then commits
    // resolved offsets (every second or at the end of a batch), never one not yet handled.
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const envelope = parseEnvelope(message.value);
          if (envelope) {
            for (const subscription of subscriptions) {
              if (wants(subscription, envelope)) await subscription.deliver(envelope);
            }
          } else {
            this.logger.warn(`skipping an unreadable message on ${batch.topic}[${batch.partition}] at ${message.offset}`);
          }
          resolveOffset(message.offset);
          await heartbeat();
        }
      },
    });
    this.logger.log(`consumer group ${groupId} subscribed to ${subscribedTopics(subscriptions).join(', ')}`);
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    this.consumers.length = 0;
    await this.resetProducer();
  }

  async probe(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({ maxInFlightRequests: 1, idempotent: false, allowAutoTopicCreation: false });
      this.producer = producer;
      this.producerReady = producer.connect().then(
        () => producer,
        (error) => {
          this.producerReady = undefined;
          this.producer = undefined;
          throw error;
        },
      );
    }
    return this.producerReady;
  }

  /** After a connection failure, start from a fresh producer rather than trust a broken one. */
  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

function toKafkaMessage(message: OutboundMessage) {
  return {
    key: message.key,
    value: JSON.stringify(message.envelope),
    headers: { type: message.envelope.type, version: String(message.envelope.version), correlationId: message.envelope.correlationId },
  };
}

function groupByTopic(messages: OutboundMessage[]) {
  const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
  for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), toKafkaMessage(m)]);
  return [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs }));
}

function parseEnvelope(value: Buffer | null): EventEnvelope | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as EventEnvelope;
    return typeof parsed?.eventId === 'string' && typeof parsed.type === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
