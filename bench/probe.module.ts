import { Injectable, Module } from '@nestjs/common';
import { ApplicationSubmitted, EventEnvelope } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';

export const PROBE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS reporting.bench_probe (
  event_id uuid PRIMARY KEY, handled_at timestamptz NOT NULL)`;

/**
 * The benchmark's consumer in the reporting service. It stamps each event with the database's
 * wall clock INSIDE the inbox transaction. clock_timestamp() is taken at the insert, a fraction of
 * a millisecond before the inbox transaction commits (now() would be the transaction's start,
 * which is earlier still), so "inbox commit" is read as this stamp: close enough at ms scale.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'bench-probe', events: [ApplicationSubmitted] })
export class BenchProbe implements EventHandler<typeof ApplicationSubmitted> {
  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO reporting.bench_probe (event_id, handled_at) VALUES ($1, clock_timestamp())`, [event.eventId]);
  }

  /** As a read model would: the batch in one statement. */
  async handleBatch(events: EventEnvelope[], manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO reporting.bench_probe (event_id, handled_at) SELECT id, clock_timestamp() FROM unnest($1::uuid[]) AS id`, [events.map((e) => e.eventId)]);
  }
}

@Module({ providers: [BenchProbe] })
export class BenchProbeModule {}
