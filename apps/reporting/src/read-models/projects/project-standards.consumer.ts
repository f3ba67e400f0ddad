import { Injectable } from '@nestjs/common';
import { EventEnvelope, ProjectPolicyChanged, ProjectPolicyChangedV1, ProjectRegistered, ProjectRegisteredV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationFactsStore } from '../applications/application-facts.store';
import { CellChangeSet } from '../cells/cell-change-set';
import { lockStandardForChange } from './project-standard-lock';

/**
 * A project's aid standard (the income ceiling 脱贫 is measured against): the highest policy
 * version wins, so a late or replayed registration never undoes a change. When the ceiling
 * moves, the mothers of the project who were followed up are counted again against it.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-projects', events: [ProjectRegistered, ProjectPolicyChanged] })
export class ProjectStandardsConsumer implements EventHandler<typeof ProjectRegistered | typeof ProjectPolicyChanged> {
  constructor(private readonly applications: ApplicationFactsStore) {}

  async handle(event: EventEnvelope<ProjectRegisteredV1 | ProjectPolicyChangedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    const name = event.type === ProjectRegistered.type ? (p as ProjectRegisteredV1).name : null;
    await lockStandardForChange(manager, p.projectId);
    const changed: unknown[] = await manager.query(
      `INSERT INTO reporting.projects AS p (project_id, name, county_code, policy_version, income_ceiling_fen) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, p.name),
         county_code = CASE WHEN EXCLUDED.policy_version >= p.policy_version THEN EXCLUDED.county_code ELSE p.county_code END,
         income_ceiling_fen = CASE WHEN EXCLUDED.policy_version >= p.policy_version THEN EXCLUDED.income_ceiling_fen ELSE p.income_ceiling_fen END,
         policy_version = GREATEST(EXCLUDED.policy_version, p.policy_version)
       RETURNING 1`,
      [p.projectId, name, p.countyCode, p.policyVersion, p.aidStandard.incomeCeilingFenPerCapita],
    );
    if (!changed.length) return;
    // In id order, so two transactions lock the same applications in the same order.
    const followed: { application_id: string }[] = await manager.query(
      `SELECT a.application_id FROM reporting.applications a JOIN reporting.follow_ups f USING (application_id)
        WHERE a.project_id = $1 ORDER BY a.application_id`,
      [p.projectId],
    );
    const ids = followed.map((f) => f.application_id);
    await this.applications.lockMany(manager, ids);
    const changes = new CellChangeSet();
    await this.applications.refreshMany(manager, ids, changes);
    await changes.apply(manager);
  }
}
