import { EventContract, EventEnvelope, ServiceName } from '@xingfu/contracts';

export interface OutboundMessage {
  topic: string;
  key: string;
  envelope: EventEnvelope;
}

/**
 * What became of one message:
 * - published: the transport has it;
 * - rejected: the transport refused THIS message (it breaks the contract); retrying will not help much;
 * - unavailable: the transport could not take it now; try again later, it is not the message's fault.
 *   `missingTopic` names the topic when the broker answered that it does not have it: no retry
 *   helps until an operator creates it, so the relay says so loudly (and /ready fails);
 * - skipped: not attempted because an earlier message of the same key did not go through.
 */
export type PublishOutcome =
  | { status: 'published' }
  | { status: 'rejected'; error: string }
  | { status: 'unavailable'; error: string; missingTopic?: string }
  | { status: 'skipped' };

/** A consumer as the transport sees it: which events it takes and how to hand one over. */
export interface Subscription {
  service: ServiceName;
  consumer: string;
  contracts: EventContract[];
  /**
   * Hands over a batch (each key's events in order) the subscriber wants. Resolves once every
   * event is handled (or parked); rejects when the batch must be redelivered (the inbox makes
   * the redelivery of the events that did commit harmless).
   */
  deliver(envelopes: EventEnvelope[]): Promise<void>;
}

/**
 * A record a consumer read that is not an event envelope (not JSON, no uuid eventId, no type).
 * No subscriber can handle it and retrying cannot help: it is parked for an operator.
 */
export interface UnreadableMessage {
  /** The consuming service: its dead_letters table receives the record. */
  service: ServiceName;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  reason: string;
}

/** Stores an unreadable record durably; resolves once it is stored (then its offset may be committed). */
export type ParkUnreadable = (message: UnreadableMessage) => Promise<void>;

export interface EventTransport {
  readonly name: 'kafka' | 'in-process';
  /** Publishes in order; per-key order must hold even across retries. */
  publish(messages: OutboundMessage[]): Promise<PublishOutcome[]>;
  start(subscriptions: Subscription[], parkUnreadable: ParkUnreadable): Promise<void>;
  stop(): Promise<void>;
  /** Throws when the transport cannot be used right now, or lacks one of `topics` (for /ready). */
  probe(topics?: string[]): Promise<void>;
  /** Kafka only: a sentence for each consumer group here that has fetched nothing for `limitMs` (for /ready). */
  stalledConsumers?(limitMs: number): string[];
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** The topic a service publishes its events to. */
export function topicOf(service: ServiceName): string {
  return `xingfu.${service}.v1`;
}

export function subscribedTopics(subscriptions: Subscription[]): string[] {
  return [...new Set(subscriptions.flatMap((s) => s.contracts.map((c) => `xingfu.${c.producer}.v1`)))];
}

export function wants(subscription: Subscription, envelope: EventEnvelope): boolean {
  return subscription.contracts.some((c) => c.type === envelope.type);
}
