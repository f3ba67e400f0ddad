import { Injectable } from '@nestjs/common';
import { EventEnvelope, RepaymentPosted, RepaymentPostedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { CellChangeSet } from '../cells/cell-change-set';
import { monthOf } from '../domain/cell-dims';
import { LoanFactsStore } from './loan-facts.store';

/** Every posting once, keyed by its id; the loan's repaid figures are their sums. */
@Injectable()
@EventConsumer({ service: 'reporting', name: 'read-model-repayments', events: [RepaymentPosted] })
export class LoanRepaymentsConsumer implements EventHandler<typeof RepaymentPosted> {
  constructor(private readonly loans: LoanFactsStore) {}

  async handle(event: EventEnvelope<RepaymentPostedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await this.loans.lock(manager, p.loanId);
    await manager.query(
      `INSERT INTO reporting.repayments (repayment_id, loan_id, project_id, posted_on, month, amount_fen, principal_fen, fee_fen, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [p.repaymentId, p.loanId, p.projectId, p.postedOn, monthOf(p.postedOn), p.amountFen, p.principalFen, p.feeFen, p.source],
    );
    const changes = new CellChangeSet();
    await this.loans.refresh(manager, p.loanId, changes);
    await changes.apply(manager);
  }
}
