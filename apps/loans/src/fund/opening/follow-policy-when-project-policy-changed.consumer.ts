import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, ProjectPolicyChanged, ProjectPolicyChangedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { clampedSubsidy } from '../domain/loan-settings';

/**
 * A project's new loan policy: the charge kind and rate for loans approved from now on (a loan
 * keeps the charge it was created with, on its own row). A subsidy above the new rate would pay
 * more than is charged, so it is cut to the rate. Events of one project come in order (key =
 * project id); a version older than one already applied is ignored, by policy_version.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'follow-policy-when-project-policy-changed', events: [ProjectPolicyChanged] })
export class FollowPolicyWhenProjectPolicyChanged implements EventHandler<typeof ProjectPolicyChanged> {
  private readonly logger = new Logger(FollowPolicyWhenProjectPolicyChanged.name);

  async handle(event: EventEnvelope<ProjectPolicyChangedV1>, manager: EntityManager): Promise<void> {
    const { projectId, policyVersion, loanPolicy } = event.payload;
    const [project]: { interest_subsidy_basis_points: number; policy_version: number }[] = await manager.query(
      `SELECT interest_subsidy_basis_points, policy_version FROM loans.projects WHERE project_id = $1 FOR UPDATE`,
      [projectId],
    );
    if (!project) {
      // ProjectRegistered comes first on the same key; a project loans never heard of has no fund to follow.
      this.logger.warn(`ProjectPolicyChanged ${event.eventId} for project ${projectId}, unknown to loans: ignored`);
      return;
    }
    if (project.policy_version >= policyVersion) return;
    await manager.query(
      `UPDATE loans.projects SET charge_kind = $2, rate_basis_points = $3, interest_subsidy_basis_points = $4, policy_version = $5, updated_at = now() WHERE project_id = $1`,
      [projectId, loanPolicy.chargeKind, loanPolicy.rateBasisPoints, clampedSubsidy(project.interest_subsidy_basis_points, loanPolicy.chargeKind, loanPolicy.rateBasisPoints), policyVersion],
    );
  }
}
