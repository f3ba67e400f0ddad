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

  handle(event: EventEnvelope<RepaymentPostedV1>, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  /** The postings in one statement, then each loan refreshed once and the cells changed once. */
  async handleBatch(events: EventEnvelope<RepaymentPostedV1>[], manager: EntityManager): Promise<void> {
    const loanIds = [...new Set(events.map((e) => e.payload.loanId))].sort();
    for (const id of loanIds) await this.loans.lock(manager, id);
    const posted = events.map((e) => e.payload);
    await manager.query(
      `INSERT INTO reporting.repayments (repayment_id, loan_id, project_id, posted_on, month, amount_fen, principal_fen, fee_fen, source)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::char(7)[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[])
       ON CONFLICT DO NOTHING`,
      [
        posted.map((p) => p.repaymentId),
        posted.map((p) => p.loanId),
        posted.map((p) => p.projectId),
        posted.map((p) => p.postedOn),
        posted.map((p) => monthOf(p.postedOn)),
        posted.map((p) => p.amountFen),
        posted.map((p) => p.principalFen),
        posted.map((p) => p.feeFen),
        posted.map((p) => p.source),
      ],
    );
    const changes = new CellChangeSet();
    for (const id of loanIds) await this.loans.refresh(manager, id, changes);
    await changes.apply(manager);
  }
}
