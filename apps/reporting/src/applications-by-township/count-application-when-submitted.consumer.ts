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

  /** A batch in one statement: the events counted per township first (an upsert may touch a row once). */
  async handleBatch(events: EventEnvelope<PayloadOf<typeof ApplicationSubmitted>>[], manager: EntityManager): Promise<void> {
    const byTownship = new Map<string, { county: string; count: number; last: string }>();
    for (const { payload, occurredAt } of events) {
      const seen = byTownship.get(payload.townshipCode);
      if (!seen) byTownship.set(payload.townshipCode, { county: payload.countyCode, count: 1, last: occurredAt });
      else {
        seen.count += 1;
        if (Date.parse(occurredAt) > Date.parse(seen.last)) seen.last = occurredAt;
      }
    }
    const rows = [...byTownship];
    await manager.query(
      `INSERT INTO reporting.applications_by_township (township_code, county_code, applications, last_event_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[])
       ON CONFLICT (township_code) DO UPDATE
         SET applications = reporting.applications_by_township.applications + EXCLUDED.applications,
             last_event_at = GREATEST(reporting.applications_by_township.last_event_at, EXCLUDED.last_event_at)`,
      [rows.map(([t]) => t), rows.map(([, r]) => r.county), rows.map(([, r]) => r.count), rows.map(([, r]) => r.last)],
    );
  }
}
