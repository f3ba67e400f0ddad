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
import { queryPipelined, SqlStatement } from '@xingfu/database';
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

  /**
   * The applications locked, each event's fact written in turn and the rows read back for their
   * refresh in one round trip (the statements run in order, as if sent one by one), then the
   * rows' new status and the cells' changes in another, whatever the batch's size.
   */
  async handleBatch(events: EventEnvelope<ApplicationPayload>[], manager: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((e) => e.payload.applicationId))].sort();
    const refresh = this.applications.refreshOf(ids);
    const written = [this.applications.lockStatement(ids), ...events.map((event) => this.record(event))];
    const results = await queryPipelined(manager, [...written, ...refresh.reads]);
    const changes = new CellChangeSet();
    refresh.settle(results.slice(written.length), changes);
    await changes.apply(manager);
  }

  private record(event: EventEnvelope<ApplicationPayload>): SqlStatement {
    switch (event.type) {
      case ApplicationSubmitted.type: {
        const p = event.payload as ApplicationSubmittedV1;
        return {
          sql: `UPDATE reporting.applications SET project_id = $2, county_code = $3, township_code = $4, village_code = $5, industry = $6,
             model = $7, partner_id = COALESCE($8, partner_id), submitted_on = $9, month = $10, requested_fen = $11
           WHERE application_id = $1`,
          params: [p.applicationId, p.projectId, p.countyCode, p.townshipCode, p.villageCode, p.industry, p.model, p.partnerId ?? null, p.submittedOn, monthOf(p.submittedOn), p.requestedAmountFen],
        };
      }
      case ApplicationScreened.type: {
        const p = event.payload as ApplicationScreenedV1;
        // The latest screening (by date, then policy version) is the one that counts.
        return {
          sql: `UPDATE reporting.applications SET screened_on = $2, screening_policy_version = $3, eligible = $4, failed_rules = $5,
             project_id = COALESCE(project_id, $6), township_code = COALESCE(township_code, $7)
           WHERE application_id = $1 AND (screened_on IS NULL OR (screened_on, screening_policy_version) <= ($2::date, $3::int))`,
          params: [p.applicationId, p.screenedOn, p.policyVersion, p.eligible, p.failedRules, p.projectId, p.townshipCode],
        };
      }
      case ApplicationApproved.type: {
        const p = event.payload as ApplicationApprovedV1;
        return {
          sql: `UPDATE reporting.applications SET approved_on = $2, amount_fen = $3,
             project_id = COALESCE(project_id, $4), county_code = COALESCE(county_code, $5), township_code = COALESCE(township_code, $6),
             village_code = COALESCE(village_code, $7), industry = COALESCE(industry, $8), model = COALESCE(model, $9),
             partner_id = COALESCE(partner_id, $10)
           WHERE application_id = $1`,
          params: [p.applicationId, p.approvedOn, p.amountFen, p.projectId, p.countyCode, p.townshipCode, p.villageCode, p.industry, p.model, p.partnerId ?? null],
        };
      }
      case ApplicationRejected.type: {
        const p = event.payload as ApplicationRejectedV1;
        return {
          sql: `UPDATE reporting.applications SET rejected = true, rejection_reason = $2, rejection_cause = $3, township_code = COALESCE(township_code, $4) WHERE application_id = $1`,
          params: [p.applicationId, p.reason, p.cause, p.townshipCode],
        };
      }
      case ApplicationWithdrawn.type: {
        const p = event.payload as ApplicationWithdrawnV1;
        return {
          sql: `UPDATE reporting.applications SET withdrawn = true, withdrawal_reason = $2, township_code = COALESCE(township_code, $3) WHERE application_id = $1`,
          params: [p.applicationId, p.reason, p.townshipCode],
        };
      }
      case ApplicationClosed.type: {
        const p = event.payload as ApplicationClosedV1;
        return {
          sql: `UPDATE reporting.applications SET closed_on = GREATEST(closed_on, $2::date) WHERE application_id = $1`,
          params: [p.applicationId, p.closedOn],
        };
      }
      default:
        throw new Error(`read-model-applications takes no ${event.type}`);
    }
  }
}
