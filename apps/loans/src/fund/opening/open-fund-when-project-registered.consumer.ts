import { Injectable } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { EventEnvelope, ProjectRegistered, ProjectRegisteredV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { DEFAULT_INTEREST_SUBSIDY_BASIS_POINTS, DEFAULT_THRESHOLD_DAYS } from '../domain/loan-settings';

/**
 * A registered project becomes known to loans (its county for the scope, its charge from the
 * loan policy, the default loan settings) and its revolving fund opens on the business date.
 * Both inserts are keyed by the project, so the event handled twice, or re-emitted under a new
 * id, leaves one project and one fund as they were first written.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'open-fund-when-project-registered', events: [ProjectRegistered] })
export class OpenFundWhenProjectRegistered implements EventHandler<typeof ProjectRegistered> {
  constructor(private readonly clock: Clock) {}

  async handle(event: EventEnvelope<ProjectRegisteredV1>, manager: EntityManager): Promise<void> {
    const { projectId, countyCode, name, loanPolicy, policyVersion } = event.payload;
    await manager.query(
      `INSERT INTO loans.projects (project_id, county_code, name, charge_kind, rate_basis_points, default_threshold_days, interest_subsidy_basis_points, policy_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_id) DO NOTHING`,
      [projectId, countyCode, name, loanPolicy.chargeKind, loanPolicy.rateBasisPoints, DEFAULT_THRESHOLD_DAYS, DEFAULT_INTEREST_SUBSIDY_BASIS_POINTS, policyVersion],
    );
    await manager.query(`INSERT INTO loans.funds (project_id, county_code, opened_on) VALUES ($1, $2, $3) ON CONFLICT (project_id) DO NOTHING`, [
      projectId,
      countyCode,
      this.clock.today(),
    ]);
  }
}
