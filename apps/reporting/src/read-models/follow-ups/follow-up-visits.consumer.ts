import { Injectable } from '@nestjs/common';
import { EventEnvelope, FollowUpRecorded, FollowUpRecordedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationFactsStore } from '../applications/application-facts.store';
import { CellChangeSet } from '../cells/cell-change-set';

/**
 * Every follow-up visit once (keyed by its event); the mother's first and latest visit are read
 * from all of them (same date: the higher event id), so the order they arrive in does not matter.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-follow-ups', events: [FollowUpRecorded] })
export class FollowUpVisitsConsumer implements EventHandler<typeof FollowUpRecorded> {
  constructor(private readonly applications: ApplicationFactsStore) {}

  handle(event: EventEnvelope<FollowUpRecordedV1>, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  /** Each visit recorded in turn, then each mother's summary and cells once. */
  async handleBatch(events: EventEnvelope<FollowUpRecordedV1>[], manager: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((e) => e.payload.applicationId))].sort();
    await this.applications.lockMany(manager, ids);
    for (const event of events) await this.record(event, manager);
    for (const id of ids) await this.summarise(manager, id);
    const changes = new CellChangeSet();
    await this.applications.refreshMany(manager, ids, changes);
    await changes.apply(manager);
  }

  private async record(event: EventEnvelope<FollowUpRecordedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(
      `UPDATE reporting.applications SET township_code = COALESCE(township_code, $2) WHERE application_id = $1`,
      [p.applicationId, p.townshipCode],
    );
    await manager.query(
      `INSERT INTO reporting.follow_up_visits (event_id, application_id, visited_on, income_fen) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [event.eventId, p.applicationId, p.visitedOn, p.incomeEstimateFen],
    );
  }

  private async summarise(manager: EntityManager, applicationId: string): Promise<void> {
    await manager.query(
      `INSERT INTO reporting.follow_ups AS f (application_id, visits, first_visited_on, first_income_fen, latest_visited_on, latest_income_fen)
       SELECT $1, (SELECT count(*) FROM reporting.follow_up_visits WHERE application_id = $1),
              first.visited_on, first.income_fen, latest.visited_on, latest.income_fen
         FROM (SELECT visited_on, income_fen FROM reporting.follow_up_visits WHERE application_id = $1 ORDER BY visited_on, event_id LIMIT 1) first,
              (SELECT visited_on, income_fen FROM reporting.follow_up_visits WHERE application_id = $1 ORDER BY visited_on DESC, event_id DESC LIMIT 1) latest
       ON CONFLICT (application_id) DO UPDATE SET visits = EXCLUDED.visits, first_visited_on = EXCLUDED.first_visited_on,
         first_income_fen = EXCLUDED.first_income_fen, latest_visited_on = EXCLUDED.latest_visited_on, latest_income_fen = EXCLUDED.latest_income_fen`,
      [applicationId],
    );
  }
}
