import { EventEnvelope, ServiceName } from '@xingfu/contracts';
import { ParkUnreadable, Subscription, wants } from './event-transport';
import { errorMessage } from '@xingfu/common';

/** The part of kafkajs's eachBatch payload this code uses (kafkajs's own payload fits it). */
export interface FetchedBatch {
  batch: { topic: string; partition: number; messages: { offset: string; key: Buffer | null; value: Buffer | null }[] };
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records of a fetched batch handed over at once: each subscriber's share is one inbox transaction. */
export const KAFKA_CHUNK = 500;

/**
 * How often a record must read as no event before it is parked. A fetch the client decoded
 * wrongly (go-mokapi, the test broker, sometimes answers one kafkajs misreads) reads fine
 * when fetched again; a record that truly is no event reads the same wrong way every time.
 */
export const PARK_UNREADABLE_AFTER_SIGHTINGS = 3;

/** The unreadable records one consumer has seen and how often, until they are parked (bounded). */
export class UnreadableSightings {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit = 10_000) {}

  /** Counts one more sighting of the record and answers how many there have been. */
  sight(topic: string, partition: number, offset: string): number {
    const key = `${topic}/${partition}@${offset}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    if (this.counts.size >= this.limit) this.counts.clear();
    this.counts.set(key, count);
    return count;
  }

  forget(topic: string, partition: number, offset: string): void {
    this.counts.delete(`${topic}/${partition}@${offset}`);
  }
}

/** Thrown to have kafkajs fetch the rest of a partition again, from an unreadable record on. */
export class RecordUnreadableYet extends Error {
  constructor(topic: string, partition: number, offset: string, reason: string, sightings: number) {
    super(`record ${topic}[${partition}]@${offset} reads as no event (${reason}); fetching it again (sighting ${sightings} of ${PARK_UNREADABLE_AFTER_SIGHTINGS})`);
    this.name = 'RecordUnreadableYet';
  }
}

/**
 * One partition's batch, in chunks of up to KAFKA_CHUNK records in offset order: each
 * subscriber takes its share of the chunk in one inbox transaction, the subscribers side by
 * side. The chunk's offsets are resolved only after every subscriber's transaction committed
 * (kafkajs commits resolved offsets only), so a crash before that redelivers them, and the inbox
 * makes the redelivery harmless. A delivery that throws (the database is down) ends the batch
 * with the chunk unresolved, and kafkajs fetches it again. An unreadable record is fetched again
 * (the records before it delivered and resolved) until it has read wrong
 * PARK_UNREADABLE_AFTER_SIGHTINGS times; then it is parked and the batch goes on. On shutdown the
 * loop stops between chunks and leaves the rest for the next consumer.
 */
export async function consumeBatch(
  service: ServiceName,
  subscriptions: Subscription[],
  parkUnreadable: ParkUnreadable,
  fetched: FetchedBatch,
  sightings: UnreadableSightings = new UnreadableSightings(),
): Promise<void> {
  const { batch } = fetched;
  const { topic, partition } = batch;
  for (let start = 0; start < batch.messages.length; start += KAFKA_CHUNK) {
    if (!fetched.isRunning() || fetched.isStale()) break;
    let chunk = batch.messages.slice(start, start + KAFKA_CHUNK);
    const envelopes: EventEnvelope[] = [];
    let refetch: RecordUnreadableYet | undefined;
    for (const [i, message] of chunk.entries()) {
      const read = readEnvelope(message.value);
      if ('envelope' in read) {
        envelopes.push(read.envelope);
        continue;
      }
      const seen = sightings.sight(topic, partition, message.offset);
      if (seen < PARK_UNREADABLE_AFTER_SIGHTINGS) {
        refetch = new RecordUnreadableYet(topic, partition, message.offset, read.reason, seen);
        chunk = chunk.slice(0, i);
        break;
      }
      await parkUnreadable({ service, topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, reason: read.reason });
      sightings.forget(topic, partition, message.offset);
    }
    // Settled, not Promise.all: a redelivery must not start while a subscriber still runs.
    const results = await Promise.allSettled(
      subscriptions.map(async (subscription) => {
        const wanted = envelopes.filter((envelope) => wants(subscription, envelope));
        if (wanted.length) await subscription.deliver(wanted);
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    if (chunk.length) fetched.resolveOffset(chunk[chunk.length - 1].offset);
    await fetched.heartbeat();
    if (refetch) throw refetch;
  }
}

/** An envelope, or why the record is not one. The eventId must be a uuid: the inbox key is one. */
export function readEnvelope(value: Buffer | null): { envelope: EventEnvelope } | { reason: string } {
  if (!value || value.length === 0) return { reason: 'empty value' };
  let parsed: Partial<EventEnvelope> | null;
  try {
    parsed = JSON.parse(value.toString('utf8')) as Partial<EventEnvelope> | null;
  } catch (error) {
    return { reason: `not JSON (${errorMessage(error)})` };
  }
  if (typeof parsed?.eventId !== 'string' || !UUID.test(parsed.eventId)) return { reason: 'no uuid eventId' };
  if (typeof parsed.type !== 'string') return { reason: 'no type' };
  return { envelope: parsed as EventEnvelope };
}
