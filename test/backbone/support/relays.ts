import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@xingfu/contracts';
import { EventTransport, insertOutboxRow, messagingTablesSql, OutboundMessage, OutboxRelay, OutboxWakeups, PublishOutcome } from '@xingfu/messaging';
import { DataSource } from 'typeorm';

export interface Published {
  by: string;
  eventId: string;
  key: string;
  n: number;
}

/** A transport that publishes into a shared log, tagged with who published, so a test sees which relay sent what and in which order. */
export class RecordingTransport implements EventTransport {
  readonly name = 'in-process' as const;

  constructor(
    private readonly by: string,
    private readonly log: Published[],
    /** Awaited before each publish: lets a test hold a relay mid-publish. */
    private readonly beforePublish: () => Promise<void> = async () => undefined,
  ) {}

  async publish(messages: OutboundMessage[]): Promise<PublishOutcome[]> {
    await this.beforePublish();
    for (const { key, envelope } of messages) this.log.push({ by: this.by, eventId: envelope.eventId, key, n: (envelope.payload as { n: number }).n });
    return messages.map(() => ({ status: 'published' }));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async probe(): Promise<void> {}
}

const wakeups = new WeakMap<DataSource, OutboxWakeups>();

/** One OutboxWakeups per data source, as the messaging module has one per process. */
export function wakeupsFor(dataSource: DataSource): OutboxWakeups {
  let found = wakeups.get(dataSource);
  if (!found) wakeups.set(dataSource, (found = new OutboxWakeups(dataSource)));
  return found;
}

export function relayFor(databaseUrl: string, dataSource: DataSource, transport: EventTransport, pollIntervalMs: number, batchSize = 10): OutboxRelay {
  return new OutboxRelay('applications', databaseUrl, dataSource, transport, {
    pollIntervalMs,
    batchSize,
    maxAttempts: 3,
    backoffBaseMs: 50,
    leaseSeconds: 30,
    retentionHours: 1,
  }, wakeupsFor(dataSource));
}

/** A database with only the applications outbox: relays under test need nothing else. */
export async function outboxOnlyDatabase(databaseUrl: string): Promise<DataSource> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  await dataSource.query('CREATE SCHEMA applications');
  for (const statement of messagingTablesSql('applications')) await dataSource.query(statement);
  return dataSource;
}

/** Commits one outbox row (the relay is woken after the commit, as the writer's rows do) for `key`; `n` is its place in that key's order. */
export async function commitEvent(dataSource: DataSource, key: string, n: number): Promise<string> {
  const envelope: EventEnvelope = {
    eventId: randomUUID(),
    type: 'ApplicationSubmitted',
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: key,
    correlationId: randomUUID(),
    causationId: null,
    actor: 'system:test',
    payload: { n },
  };
  await dataSource.transaction((manager) => insertOutboxRow(manager, 'applications', envelope));
  return envelope.eventId;
}

/** Commits `perKey` events for each key, each key's in order, the keys side by side. */
export async function commitEvents(dataSource: DataSource, keys: string[], from: number, perKey: number): Promise<void> {
  await Promise.all(keys.map(async (key) => {
    for (let n = from; n < from + perKey; n++) await commitEvent(dataSource, key, n);
  }));
}

/** Each key's published n values, in publishing order. */
export function publishedOrder(log: Published[], key: string): number[] {
  return log.filter((p) => p.key === key).map((p) => p.n);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
