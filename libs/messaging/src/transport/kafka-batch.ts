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

/**
 * One partition's batch, one message at a time in offset order. An offset is resolved only
 * after every subscriber's inbox transaction committed, or after an unreadable record was
 * parked; kafkajs commits resolved offsets only, so a crash before that redelivers the
 * message. A delivery that throws (the database is down) ends the batch with the offset
 * unresolved, and kafkajs fetches the message again. On shutdown the loop stops between
 * messages and leaves the rest unresolved for the next consumer.
 */
export async function consumeBatch(service: ServiceName, subscriptions: Subscription[], parkUnreadable: ParkUnreadable, fetched: FetchedBatch): Promise<void> {
  const { batch } = fetched;
  for (const message of batch.messages) {
    if (!fetched.isRunning() || fetched.isStale()) break;
    const read = readEnvelope(message.value);
    if ('envelope' in read) {
      for (const subscription of subscriptions) {
        if (wants(subscription, read.envelope)) await subscription.deliver(read.envelope);
      }
    } else {
      const { topic, partition } = batch;
      await parkUnreadable({ service, topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, reason: read.reason });
    }
    fetched.resolveOffset(message.offset);
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
