import { Logger } from '@nestjs/common';
import { counter, errorMessage } from '@xingfu/common';
import { ServiceName } from '@xingfu/contracts';
import { Consumer, Kafka, KafkaJSProtocolError, logCreator, logLevel, Partitioners, Producer } from 'kafkajs';
import { EventTransport, OutboundMessage, ParkUnreadable, PublishOutcome, Subscription, subscribedTopics } from './event-transport';
import { groupBy } from './group-by';
import { ConsumerProgress } from './consumer-progress';
import { consumeBatch, UnreadableSightings } from './kafka-batch';

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

/** The broker's answers that a topic (or partition) does not exist there: waiting will not help. */
const MISSING_TOPIC = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID']);

/** Whether the error (or one it was caused by: kafkajs wraps the last one after its retries) says the topic does not exist. */
export function isMissingTopic(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError, depth++) {
    if (MISSING_TOPIC.has((e as { type?: string }).type ?? '')) return true;
    if ((e as { name?: string }).name === 'KafkaJSTopicMetadataNotLoaded') return true;
  }
  return false;
}

/**
 * kafkajs's own log lines, warn and above, into the process's logger (pino): a broker that does
 * not answer, a group that rebalances or crashes, is in the logs, not silent. Below warn it talks
 * about every request. kafkajs repeats a line at every retry (each failed connect, each answer
 * naming a missing topic): a line seen within `quietMs` is counted, not written again, and the
 * next one written says how many were held back.
 */
export function kafkaLogCreator(logger: Pick<Logger, 'error' | 'warn'> = new Logger('kafkajs'), quietMs = 30_000, now: () => number = Date.now): logCreator {
  const seen = new Map<string, { at: number; held: number }>();
  return () =>
    ({ namespace, level, log }) => {
      if (level !== logLevel.ERROR && level !== logLevel.WARN) return;
      const { message, timestamp: _timestamp, logger: _name, correlationId: _correlationId, size: _size, ...extra } = log as {
        message: string;
        [key: string]: unknown;
      };
      const key = `${level}|${namespace}|${message}|${String(extra.error ?? '')}`;
      const last = seen.get(key);
      if (last && now() - last.at < quietMs) {
        last.held += 1;
        return;
      }
      if (seen.size > 1000) seen.clear();
      seen.set(key, { at: now(), held: 0 });
      const detail = Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
      const held = last?.held ? ` (${last.held} more like it held back)` : '';
      const line = `${namespace ? `[${namespace}] ` : ''}${message}${detail}${held}`;
      if (level === logLevel.ERROR) logger.error(line);
      else logger.warn(line);
    };
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
  private readonly progress = new ConsumerProgress();
  private stopping = false;

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(),
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
      return messages.map((m) => unavailable(m, error));
    }
    if (this.options.batchPublish === false) return this.publishOneByOne(producer, messages);
    try {
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
      return messages.map(() => ({ status: 'published' }));
    } catch (error) {
      if (!isMessageFault(error)) {
        await this.resetProducer();
        return messages.map((m) => unavailable(m, error));
      }
    }
    // Some message in the batch broke its contract: find which, one by one, in order.
    return this.publishOneByOne(producer, messages);
  }

  private async publishOneByOne(producer: Producer, messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    const blockedKeys = new Set<string>();
    const blockedTopics = new Set<string>();
    const outcomes: PublishOutcome[] = [];
    let down: unknown;
    for (const message of messages) {
      if (down) {
        outcomes.push(unavailable(message, down));
        continue;
      }
      if (blockedKeys.has(message.key) || blockedTopics.has(message.topic)) {
        outcomes.push({ status: 'skipped' });
        continue;
      }
      try {
        await producer.send({ topic: message.topic, acks: -1, messages: [toKafkaMessage(message)] });
        outcomes.push({ status: 'published' });
      } catch (error) {
        blockedKeys.add(message.key);
        if (isMessageFault(error)) outcomes.push({ status: 'rejected', error: describe(error) });
        else if (isMissingTopic(error)) {
          // Only this topic is missing: the others may still go out.
          outcomes.push(unavailable(message, error));
          blockedTopics.add(message.topic);
        } else {
          down = error;
          outcomes.push(unavailable(message, error));
        }
      }
    }
    if (down) await this.resetProducer();
    return outcomes;
  }

  /** One consumer group per consuming service, joined side by side: each join waits out the broker's rebalance delay. */
  async start(subscriptions: Subscription[], parkUnreadable: ParkUnreadable): Promise<void> {
    const groups = [...groupBy(subscriptions, (s) => s.service)];
    await Promise.all(groups.map(([service, subs]) => this.startConsumer(service, subs, parkUnreadable)));
  }

  private async startConsumer(service: ServiceName, subscriptions: Subscription[], parkUnreadable: ParkUnreadable, rejoining = false): Promise<void> {
    const groupId = `${this.options.groupPrefix}xingfu.${service}`;
    // After a crash the wait counts from the crash, with its reason (restartWhenCrashed).
    if (!rejoining) this.progress.joining(groupId);
    // A short long-poll: stopping waits for the fetch in flight, so the default 5 s would hold
    // every shutdown (and deploy) for up to 5 s; an idle fetch twice a second costs nothing.
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: 500, retry: { retries: 10 } });
    this.consumers.push(consumer);
    await consumer.connect();
    // From the beginning: a new consumer group (a new read model) must see the history;
    // the inbox makes re-reading harmless.
    try {
      await consumer.subscribe({ topics: subscribedTopics(subscriptions), fromBeginning: true });
    } catch (error) {
      if (!isMissingTopic(error)) throw error;
      await consumer.disconnect().catch(() => undefined);
      throw new Error(
        `consumer group ${groupId} cannot subscribe to ${subscribedTopics(subscriptions).join(', ')}: the broker lacks one of them (${describe(error)}); create the topics, consumers never auto-create them`,
      );
    }
    // Offsets are resolved only after the inbox transaction committed (consumeBatch); kafkajs
    // then commits resolved offsets (every second or at the end of a batch), never one not yet
    // handled. No auto-resolve: it would mark a batch cut short by shutdown as done.
    const sightings = new UnreadableSightings();
    consumer.on(consumer.events.GROUP_JOIN, () => this.progress.joined(groupId));
    consumer.on(consumer.events.FETCH, () => this.progress.fetched(groupId));
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => consumeBatch(service, subscriptions, parkUnreadable, payload, sightings),
    });
    this.logger.log(`consumer group ${groupId} subscribed to ${subscribedTopics(subscriptions).join(', ')}`);
    this.restartWhenCrashed(consumer, groupId, () => this.startConsumer(service, subscriptions, parkUnreadable, true));
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
      this.progress.joining(groupId, `joining again since a crash (${errorMessage(payload.error)})`);
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

  /** For /ready: each consumer group of this process that has fetched nothing for `limitMs` (stuck joining, or a handler that never returns). */
  stalledConsumers(limitMs: number): string[] {
    return this.stopping ? [] : this.progress.stalled(limitMs);
  }

  /** The broker answers, and has every topic in `topics` (those this process publishes to and reads). */
  async probe(topics: string[] = []): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
      if (!topics.length) return;
      const present = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !present.has(t));
      if (missing.length) throw new Error(`the broker has no topic ${missing.join(', ')} (create it: producers and consumers never auto-create topics)`);
    } finally {
      await admin.disconnect();
    }
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producerReady) {
      // The default partitioner named explicitly: kafkajs warns about its v2 change otherwise, at every connect.
      const producer = this.kafka.producer({ maxInFlightRequests: 1, idempotent: false, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
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

function unavailable(message: OutboundMessage, error: unknown): PublishOutcome {
  return isMissingTopic(error) ? { status: 'unavailable', error: describe(error), missingTopic: message.topic } : { status: 'unavailable', error: describe(error) };
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
