import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { counter } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { UnreadableMessage } from '../transport/event-transport';

const unreadable = counter('xingfu_kafka_unreadable_total', 'Kafka records that were no event envelope, parked in dead_letters', ['service', 'topic']);
const logger = new Logger('Inbox');

/** The dead-letter "consumer" of records no consumer could read (angle brackets: no real consumer name). */
export function unreadableConsumer(service: ServiceName): string {
  return `${service}.<unreadable>`;
}

export function isUnreadableConsumer(consumer: string): boolean {
  return consumer.endsWith('.<unreadable>');
}

/**
 * Parks a record no consumer can read in the consuming service's dead_letters: the raw value
 * in `envelope`, where it came from in `error`. Its id is derived from topic, partition, offset
 * and value, so reading the record again (the offset is committed only after this) finds the
 * row instead of adding a second one or counting it twice.
 */
export async function parkUnreadable(dataSource: DataSource, message: UnreadableMessage): Promise<void> {
  const where = `${message.topic}[${message.partition}]@${message.offset}`;
  const inserted: unknown[] = await dataSource.query(
    `INSERT INTO "${message.service}".dead_letters (consumer, event_id, envelope, error, attempts) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING id`,
    [unreadableConsumer(message.service), syntheticEventId(message), JSON.stringify(rawRecord(message)), `unreadable record at ${where}: ${message.reason}`],
  );
  if (inserted.length === 0) return;
  unreadable.inc({ service: message.service, topic: message.topic });
  logger.error(`${message.service} parked an unreadable record at ${where}: ${message.reason}`);
}

/** A uuid-shaped digest (RFC 9562 version 8: custom) of where the record sits and what it holds. */
function syntheticEventId(m: UnreadableMessage): string {
  const digest = createHash('sha256').update(`${m.topic}\0${m.partition}\0${m.offset}\0`).update(m.value ?? Buffer.alloc(0)).digest();
  digest[6] = (digest[6] & 0x0f) | 0x80;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** jsonb holds neither invalid UTF-8 nor NUL: such a value is kept as base64. */
function rawRecord(m: UnreadableMessage) {
  const text = m.value?.toString('utf8');
  const plain = m.value !== null && text !== undefined && Buffer.from(text, 'utf8').equals(m.value) && !text.includes('\0');
  return {
    unreadable: true,
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    key: m.key,
    value: plain ? text : (m.value?.toString('base64') ?? null),
    encoding: plain ? 'utf8' : 'base64',
  };
}
