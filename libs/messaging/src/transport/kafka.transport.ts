import { Logger } from '@nestjs/common';
import { counter, errorMessage } from '@xingfu/common';
import { ServiceName } from '@xingfu/contracts';
import { Consumer, Kafka, KafkaJSProtocolError, logLevel, Producer } from 'kafkajs';
import { EventTransport, OutboundMessage, ParkUnreadable, PublishOutcome, Subscription, subscribedTopics } from './event-transport';
import { groupBy } from './group-by';
import { consumeBatch } from './kafka-batch';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  groupPrefix: string;
  partitionsConsumedConcurrently?: number;
  /** Default true: a batch goes in one produce request; false sends one record per request. */
  batchPublish?: boolean;
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
const consumerCrashes = counter('xingfu_kafka_consumer_restarts_total', 'Consumer groups restarted after a crash kafkajs would not restart itself', ['group']);
/** How long a crashed group waits before it joins again: long enough not to spin, short enough not to fall behind. */
const RESTART_AFTER_MS = 1000;

export class KafkaTransport implements EventTransport {
  readonly name = 'kafka' as const;
  private readonly logger = new Logger('KafkaTransport');
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers: Consumer[] = [];
  private stopping = false;

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
    if (this.options.batchPublish === false) return this.publishOneByOne(producer, messages);
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

  /** One consumer group per consuming service, joined side by side: each join waits out the broker's rebalance delay. */
  async start(subscriptions: Subscription[], parkUnreadable: ParkUnreadable): Promise<void> {
    const groups = [...groupBy(subscriptions, (s) => s.service)];
    await Promise.all(groups.map(([service, subs]) => this.startConsumer(service, subs, parkUnreadable)));
  }

  private async startConsumer(service: ServiceName, subscriptions: Subscription[], parkUnreadable: ParkUnreadable): Promise<void> {
    const groupId = `${this.options.groupPrefix}xingfu.${service}`;
    // A short long-poll: stopping waits for the fetch in flight, so the default 5 s would hold
    // every shutdown (and deploy) for up to 5 s; an idle fetch twice a second costs nothing.
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: 500, retry: { retries: 10 } });
    this.consumers.push(consumer);
    await consumer.connect();
    // From the beginning: a new consumer group (a new read model) must see the history;
    // the inbox makes re-reading harmless.
    await consumer.subscribe({ topics: subscribedTopics(subscriptions), fromBeginning: true });
    // Offsets are resolved only after the inbox transaction committed (consumeBatch); kafkajs
    // then commits resolved offsets (every second or at the end of a batch), never one not yet
    // handled. No auto-resolve: it would mark a batch cut short by shutdown as done.
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => consumeBatch(service, subscriptions, parkUnreadable, payload),
    });
    this.logger.log(`consumer group ${groupId} subscribed to ${subscribedTopics(subscriptions).join(', ')}`);
    this.restartWhenCrashed(consumer, groupId, () => this.startConsumer(service, subscriptions, parkUnreadable));
  }

  /**
   * kafkajs restarts a consumer after a retriable error only; after any other (a fetch answer it
   * cannot decode, say) the group would stay stopped for good, silently, and its events would
   * wait for the next deploy. Nothing is lost by joining again: offsets are committed only
   * after the inbox transaction, so the new consumer starts where the handled events end.
   */
  private restartWhenCrashed(consumer: Consumer, groupId: string, start: () => Promise<void>): void {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping) return;
      consumerCrashes.inc({ group: groupId });
      this.logger.error(`consumer group ${groupId} crashed (${errorMessage(payload.error)}); joining again in ${RESTART_AFTER_MS} ms`);
      const index = this.consumers.indexOf(consumer);
      if (index >= 0) this.consumers.splice(index, 1);
      const rejoin = () => {
        if (this.stopping) return;
        start().catch((error: unknown) => {
          this.logger.error(`consumer group ${groupId} could not join again (${errorMessage(error)}); trying again in ${RESTART_AFTER_MS} ms`);
          setTimeout(rejoin, RESTART_AFTER_MS).unref();
        });
      };
      setTimeout(rejoin, RESTART_AFTER_MS).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
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
  return [...groupBy(messages, (m) => m.topic)].map(([topic, inTopic]) => ({ topic, messages: inTopic.map(toKafkaMessage) }));
}
