import { Injectable, Module } from '@nestjs/common';
import { ApplicationSubmitted, ApplicationSubmittedV1, EventEnvelope } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';

/** Villages whose events the recorder always fails on: a poison event for the dead-letter tests. */
export const POISON_VILLAGE_SUFFIX = '999';

/** Villages whose events the recorder holds until the release holdRecorder() returned: a handler that does not return. */
export const HELD_VILLAGE_SUFFIX = '998';
let held: Promise<void> = Promise.resolve();

/** From now on the recorder waits, on an event of a held village, until the function returned is called. */
export function holdRecorder(): () => void {
  let release!: () => void;
  held = new Promise<void>((resolve) => (release = resolve));
  return release;
}

export const RECORDER_TABLE_SQL = `CREATE TABLE IF NOT EXISTS reporting.test_recorder (
  id bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, township_code text NOT NULL, seq int)`;

/**
 * A test-only consumer in the reporting service: writes every ApplicationSubmitted it handles,
 * in handling order, so tests can count effects and check per-key order.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'test-recorder', events: [ApplicationSubmitted] })
export class RecordApplicationEvents implements EventHandler<typeof ApplicationSubmitted> {
  async handle(event: EventEnvelope<ApplicationSubmittedV1>, manager: EntityManager): Promise<void> {
    const { payload } = event;
    if (payload.villageCode.endsWith(POISON_VILLAGE_SUFFIX)) throw new Error('the recorder cannot digest this village');
    if (payload.villageCode.endsWith(HELD_VILLAGE_SUFFIX)) await held;
    await manager.query(`INSERT INTO reporting.test_recorder (event_id, aggregate_id, township_code, seq) VALUES ($1, $2, $3, $4)`, [
      event.eventId,
      event.aggregateId,
      payload.townshipCode,
      payload.requestedAmountFen ?? null,
    ]);
  }
}

@Module({ providers: [RecordApplicationEvents] })
export class RecorderModule {}
