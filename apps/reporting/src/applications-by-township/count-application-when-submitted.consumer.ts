import { Injectable } from '@nestjs/common';
import { ApplicationSubmitted, EventEnvelope, PayloadOf } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';

/** Counts surveys per township; runs once per event (inbox), so a redelivery never double-counts. */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'applications-by-township', events: [ApplicationSubmitted] })
export class CountApplicationWhenSubmitted implements EventHandler<typeof ApplicationSubmitted> {
  async handle(event: EventEnvelope<PayloadOf<typeof ApplicationSubmitted>>, manager: EntityManager): Promise<void> {
    const { payload } = event;
    await manager.query(
      `INSERT INTO reporting.applications_by_township (township_code, county_code, applications, last_event_at)
       VALUES ($1, $2, 1, $3)
       ON CONFLICT (township_code) DO UPDATE
         SET applications = reporting.applications_by_township.applications + 1,
             last_event_at = GREATEST(reporting.applications_by_township.last_event_at, EXCLUDED.last_event_at)`,
      [payload.townshipCode, payload.countyCode, event.occurredAt],
    );
  }
}
