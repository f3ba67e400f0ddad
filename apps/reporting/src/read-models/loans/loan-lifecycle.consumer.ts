import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  LoanDefaulted,
  LoanDefaultedV1,
  LoanDisbursed,
  LoanDisbursedV1,
  LoanRepaid,
  LoanRepaidV1,
  LoanWrittenOff,
  LoanWrittenOffV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationFactsStore } from '../applications/application-facts.store';
import { CellChangeSet } from '../cells/cell-change-set';
import { monthOf } from '../domain/cell-dims';
import { LoanFactsStore } from './loan-facts.store';

type LoanEvent = typeof LoanDisbursed | typeof LoanDefaulted | typeof LoanWrittenOff | typeof LoanRepaid;
type LoanPayload = LoanDisbursedV1 | LoanDefaultedV1 | LoanWrittenOffV1 | LoanRepaidV1;

/**
 * A loan's life: paid out (its dims and round, which its application's cell takes too),
 * defaulted, written off, repaid. Each is a date on the loan (the first one stays), so a replay
 * or a late event changes nothing; the status is derived from the dates.
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-loans', events: [LoanDisbursed, LoanDefaulted, LoanWrittenOff, LoanRepaid] })
export class LoanLifecycleConsumer implements EventHandler<LoanEvent> {
  constructor(
    private readonly loans: LoanFactsStore,
    private readonly applications: ApplicationFactsStore,
  ) {}

  handle(event: EventEnvelope<LoanPayload>, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  /**
   * Each event's dates written in turn, then each loan (and each disbursed loan's application)
   * refreshed once and the cells changed once. Loans are locked before applications, each in id
   * order, as every consumer does.
   */
  async handleBatch(events: EventEnvelope<LoanPayload>[], manager: EntityManager): Promise<void> {
    const loanIds = [...new Set(events.map((e) => e.payload.loanId))].sort();
    const applicationIds = [...new Set(events.filter((e) => e.type === LoanDisbursed.type).map((e) => e.payload.applicationId))].sort();
    for (const id of loanIds) await this.loans.lock(manager, id);
    await this.applications.lockMany(manager, applicationIds);
    for (const event of events) await this.record(event, manager);
    const changes = new CellChangeSet();
    await this.applications.refreshMany(manager, applicationIds, changes);
    for (const id of loanIds) await this.loans.refresh(manager, id, changes);
    await changes.apply(manager);
  }

  private async record(event: EventEnvelope<LoanPayload>, manager: EntityManager): Promise<void> {
    const { loanId, applicationId } = event.payload;
    switch (event.type) {
      case LoanDisbursed.type: {
        const p = event.payload as LoanDisbursedV1;
        await manager.query(
          `UPDATE reporting.loans SET application_id = $2, project_id = $3, county_code = $4, township_code = $5, village_code = $6,
             industry = $7, model = $8, partner_id = $9, round = $10, disbursed_on = $11, disbursed_month = $12, principal_fen = $13
           WHERE loan_id = $1`,
          [loanId, applicationId, p.projectId, p.countyCode, p.townshipCode, p.villageCode, p.industry, p.model, p.partnerId ?? null, p.round, p.disbursedOn, monthOf(p.disbursedOn), p.principalFen],
        );
        // Her application is counted in the round her loan went out in.
        await manager.query(`UPDATE reporting.applications SET round = $2 WHERE application_id = $1`, [applicationId, p.round]);
        return;
      }
      case LoanDefaulted.type: {
        const p = event.payload as LoanDefaultedV1;
        // LEAST ignores a null: the first default date, whichever event came first.
        await manager.query(`UPDATE reporting.loans SET defaulted_on = LEAST(defaulted_on, $2::date), application_id = COALESCE(application_id, $3) WHERE loan_id = $1`, [loanId, p.defaultedOn, applicationId]);
        return;
      }
      case LoanWrittenOff.type: {
        const p = event.payload as LoanWrittenOffV1;
        await manager.query(`UPDATE reporting.loans SET written_off_on = $2, written_off_fen = $3, application_id = COALESCE(application_id, $4) WHERE loan_id = $1`, [
          loanId,
          p.writtenOffOn,
          p.lossFen,
          applicationId,
        ]);
        return;
      }
      case LoanRepaid.type: {
        const p = event.payload as LoanRepaidV1;
        await manager.query(`UPDATE reporting.loans SET repaid_on = $2, application_id = COALESCE(application_id, $3) WHERE loan_id = $1`, [loanId, p.repaidOn, applicationId]);
        return;
      }
    }
  }
}
