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
 * One partition's batch, in chunks of up to KAFKA_CHUNK records in offset order: unreadable
 * records are parked, then each subscriber takes its share of the chunk in one inbox
 * transaction, the subscribers side by side. The chunk's offsets are resolved only after every
 * subscriber's transaction committed (kafkajs commits resolved offsets only), so a crash before
 * that redelivers them, and the inbox makes the redelivery harmless. A delivery that throws (the
 * database is down) ends the batch with the chunk unresolved, and kafkajs fetches it again. On
 * shutdown the loop stops between chunks and leaves the rest for the next consumer.
 */
export async function consumeBatch(service: ServiceName, subscriptions: Subscription[], parkUnreadable: ParkUnreadable, fetched: FetchedBatch): Promise<void> {
  const { batch } = fetched;
  for (let start = 0; start < batch.messages.length; start += KAFKA_CHUNK) {
    if (!fetched.isRunning() || fetched.isStale()) break;
    const chunk = batch.messages.slice(start, start + KAFKA_CHUNK);
    const envelopes: EventEnvelope[] = [];
    for (const message of chunk) {
      const read = readEnvelope(message.value);
      if ('envelope' in read) envelopes.push(read.envelope);
      else {
        const { topic, partition } = batch;
        await parkUnreadable({ service, topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, reason: read.reason });
      }
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
    fetched.resolveOffset(chunk[chunk.length - 1].offset);
    await fetched.heartbeat();
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
