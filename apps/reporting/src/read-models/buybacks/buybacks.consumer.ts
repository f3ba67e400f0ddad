import { countyOfTownship } from '@xingfu/kernel';
import { Injectable } from '@nestjs/common';
import { BuybackConfirmed, BuybackConfirmedV1, BuybackExcessReturned, BuybackExcessReturnedV1, EventEnvelope } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationFactsStore } from '../applications/application-facts.store';
import { CellChangeSet } from '../cells/cell-change-set';
import { monthOf } from '../domain/cell-dims';
import { LoanFactsStore } from '../loans/loan-facts.store';

/**
 * A buyback's final figures (the latest confirmation wins, a correction replaces them) and
 * what loans returned to the mother of what was withheld beyond her debt: net to her =
 * net paid + returned. They count in the cells of her loan (its dims and month), so the loan is
 * refreshed here.
 *
 * The application's row is locked first: LoanDisbursed (which makes the loan hers) locks it
 * too, so either that commits first and the loan is found here, or it waits and its refresh
 * reads this buyback — never both missing it. (Locking the application before the loan cannot
 * deadlock with it: until it commits, its loan is not hers for this query.)
 */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-buybacks', events: [BuybackConfirmed, BuybackExcessReturned] })
export class BuybacksConsumer implements EventHandler<typeof BuybackConfirmed | typeof BuybackExcessReturned> {
  constructor(
    private readonly applications: ApplicationFactsStore,
    private readonly loans: LoanFactsStore,
  ) {}

  async handle(event: EventEnvelope<BuybackConfirmedV1 | BuybackExcessReturnedV1>, manager: EntityManager): Promise<void> {
    const { applicationId } = event.payload;
    await this.applications.lock(manager, applicationId);
    await this.record(event, manager);
    const changes = new CellChangeSet();
    for (const loanId of await this.loans.lockOfApplication(manager, applicationId)) await this.loans.refresh(manager, loanId, changes);
    await changes.apply(manager);
  }

  private async record(event: EventEnvelope<BuybackConfirmedV1 | BuybackExcessReturnedV1>, manager: EntityManager): Promise<void> {
    if (event.type === BuybackExcessReturned.type) {
      const p = event.payload as BuybackExcessReturnedV1;
      await manager.query(
        `INSERT INTO reporting.buybacks AS b (buyback_id, application_id, project_id, returned_fen) VALUES ($1, $2, $3, $4)
         ON CONFLICT (buyback_id) DO UPDATE SET returned_fen = EXCLUDED.returned_fen`,
        [p.buybackId, p.applicationId, p.projectId, p.returnedFen],
      );
      return;
    }
    const p = event.payload as BuybackConfirmedV1;
    const f = p.figures;
    await manager.query(
      `INSERT INTO reporting.buybacks AS b (buyback_id, application_id, partner_id, project_id, county_code, township_code, confirmed_on, month,
         gross_fen, stock_cost_fen, withheld_fen, net_paid_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (buyback_id) DO UPDATE SET application_id = EXCLUDED.application_id, partner_id = EXCLUDED.partner_id,
         project_id = EXCLUDED.project_id, county_code = EXCLUDED.county_code, township_code = EXCLUDED.township_code,
         confirmed_on = EXCLUDED.confirmed_on, month = EXCLUDED.month, gross_fen = EXCLUDED.gross_fen, stock_cost_fen = EXCLUDED.stock_cost_fen,
         withheld_fen = EXCLUDED.withheld_fen, net_paid_fen = EXCLUDED.net_paid_fen
       WHERE b.confirmed_on IS NULL OR b.confirmed_on <= EXCLUDED.confirmed_on`,
      [p.buybackId, p.applicationId, p.partnerId, p.projectId, countyOfTownship(p.townshipCode), p.townshipCode, p.confirmedOn, monthOf(p.confirmedOn),
        f.grossFen, f.stockCostDeductionFen, f.loanWithheldFen, f.netPaidFen],
    );
  }
}
