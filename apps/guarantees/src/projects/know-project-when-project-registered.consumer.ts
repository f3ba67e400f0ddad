import { Injectable } from '@nestjs/common';
import { EventEnvelope, ProjectRegistered, ProjectRegisteredV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_HOUSEHOLD_LIMIT } from '../domain/household-rules';

/** A new project gets the default guarantee settings, with its county (the scope of who may change them). */
@Injectable()
@EventConsumer({ service: 'guarantees', name: 'know-project-when-project-registered', events: [ProjectRegistered] })
export class KnowProjectWhenProjectRegistered implements EventHandler<typeof ProjectRegistered> {
  async handle(event: EventEnvelope<ProjectRegisteredV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO guarantees.project_settings (project_id, county_code, household_limit, deadline_days) VALUES ($1, $2, $3, $4) ON CONFLICT (project_id) DO NOTHING`,
      [event.payload.projectId, event.payload.countyCode, DEFAULT_HOUSEHOLD_LIMIT, DEFAULT_DEADLINE_DAYS],
    );
  }
}
