import { Injectable } from '@nestjs/common';
import {
  ApplicationApproved,
  ApplicationApprovedV1,
  ApplicationClosed,
  ApplicationClosedV1,
  ApplicationRejected,
  ApplicationRejectedV1,
  ApplicationScreened,
  ApplicationScreenedV1,
  ApplicationSubmitted,
  ApplicationSubmittedV1,
  ApplicationWithdrawn,
  ApplicationWithdrawnV1,
  EventEnvelope,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { CellChangeSet } from '../cells/cell-change-set';
import { monthOf } from '../domain/cell-dims';
import { ApplicationFactsStore } from './application-facts.store';

type ApplicationEvent =
  | typeof ApplicationSubmitted
  | typeof ApplicationScreened
  | typeof ApplicationApproved
  | typeof ApplicationRejected
  | typeof ApplicationWithdrawn
  | typeof ApplicationClosed;
type ApplicationPayload = ApplicationSubmittedV1 | ApplicationScreenedV1 | ApplicationApprovedV1 | ApplicationRejectedV1 | ApplicationWithdrawnV1 | ApplicationClosedV1;

/**
 * An application's facts, whatever order its events arrive in: the survey's dims win over the
 * approval's (which only fills what is missing), the latest screening counts, and the ends
 * (rejected, withdrawn, closed) are flags the status is derived from.
 */
@Injectable()
@EventConsumer({
  service: 'reporting',
  name: 'read-model-applications',
  events: [ApplicationSubmitted, ApplicationScreened, ApplicationApproved, ApplicationRejected, ApplicationWithdrawn, ApplicationClosed],
})
export class ApplicationFactsConsumer implements EventHandler<ApplicationEvent> {
  constructor(private readonly applications: ApplicationFactsStore) {}

  handle(event: EventEnvelope<ApplicationPayload>, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  /** Each event's fact written in turn, then each application refreshed once and the cells changed once. */
  async handleBatch(events: EventEnvelope<ApplicationPayload>[], manager: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((e) => e.payload.applicationId))].sort();
    for (const id of ids) await this.applications.lock(manager, id);
    for (const event of events) await this.record(event, manager);
    const changes = new CellChangeSet();
    for (const id of ids) await this.applications.refresh(manager, id, changes);
    await changes.apply(manager);
  }

  private async record(event: EventEnvelope<ApplicationPayload>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case ApplicationSubmitted.type: {
        const p = event.payload as ApplicationSubmittedV1;
        await manager.query(
          `UPDATE reporting.applications SET project_id = $2, county_code = $3, township_code = $4, village_code = $5, industry = $6,
             model = $7, partner_id = COALESCE($8, partner_id), submitted_on = $9, month = $10, requested_fen = $11
           WHERE application_id = $1`,
          [p.applicationId, p.projectId, p.countyCode, p.townshipCode, p.villageCode, p.industry, p.model, p.partnerId ?? null, p.submittedOn, monthOf(p.submittedOn), p.requestedAmountFen],
        );
        return;
      }
      case ApplicationScreened.type: {
        const p = event.payload as ApplicationScreenedV1;
        // The latest screening (by date, then policy version) is the one that counts.
        await manager.query(
          `UPDATE reporting.applications SET screened_on = $2, screening_policy_version = $3, eligible = $4, failed_rules = $5,
             project_id = COALESCE(project_id, $6), township_code = COALESCE(township_code, $7)
           WHERE application_id = $1 AND (screened_on IS NULL OR (screened_on, screening_policy_version) <= ($2::date, $3::int))`,
          [p.applicationId, p.screenedOn, p.policyVersion, p.eligible, p.failedRules, p.projectId, p.townshipCode],
        );
        return;
      }
      case ApplicationApproved.type: {
        const p = event.payload as ApplicationApprovedV1;
        await manager.query(
          `UPDATE reporting.applications SET approved_on = $2, amount_fen = $3,
             project_id = COALESCE(project_id, $4), county_code = COALESCE(county_code, $5), township_code = COALESCE(township_code, $6),
             village_code = COALESCE(village_code, $7), industry = COALESCE(industry, $8), model = COALESCE(model, $9),
             partner_id = COALESCE(partner_id, $10)
           WHERE application_id = $1`,
          [p.applicationId, p.approvedOn, p.amountFen, p.projectId, p.countyCode, p.townshipCode, p.villageCode, p.industry, p.model, p.partnerId ?? null],
        );
        return;
      }
      case ApplicationRejected.type: {
        const p = event.payload as ApplicationRejectedV1;
        await manager.query(
          `UPDATE reporting.applications SET rejected = true, rejection_reason = $2, rejection_cause = $3, township_code = COALESCE(township_code, $4) WHERE application_id = $1`,
          [p.applicationId, p.reason, p.cause, p.townshipCode],
        );
        return;
      }
      case ApplicationWithdrawn.type: {
        const p = event.payload as ApplicationWithdrawnV1;
        await manager.query(
          `UPDATE reporting.applications SET withdrawn = true, withdrawal_reason = $2, township_code = COALESCE(township_code, $3) WHERE application_id = $1`,
          [p.applicationId, p.reason, p.townshipCode],
        );
        return;
      }
      case ApplicationClosed.type: {
        const p = event.payload as ApplicationClosedV1;
        await manager.query(`UPDATE reporting.applications SET closed_on = GREATEST(closed_on, $2::date) WHERE application_id = $1`, [p.applicationId, p.closedOn]);
        return;
      }
    }
  }
}
