import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { BuybackConfirmed, BuybackConfirmedV1, BuybackExcessReturned, EventEnvelope } from '@xingfu/contracts';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { LoanLifecycle } from '../shared/loan-lifecycle';
import { LoanRow } from '../shared/loan.rows';
import { RepaymentPosting } from '../shared/repayment-posting';
import { splitWithholding } from './buyback-withholding';

/** A loan in these takes repayments; any other owes nothing a buyback could pay. */
const TAKING_REPAYMENTS: readonly LoanRow['status'][] = ['active', 'defaulted'];

/**
 * A confirmed buyback's withholding is the mother's repayment, posted through the one posting
 * path with source buyback, the buyback as its reference and the event's id as its key (the
 * inbox sees a redelivery; the unique source_event_id would refuse a second posting). If the
 * loan owes less by now (she paid in between, or it is repaid), it takes what it owes and
 * BuybackExcessReturned names the rest for the project office to pay back: the event is never
 * refused and no fen is lost.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'post-buyback-when-buyback-confirmed', events: [BuybackConfirmed] })
export class PostBuybackWhenBuybackConfirmed implements EventHandler<typeof BuybackConfirmed> {
  private readonly logger = new Logger(PostBuybackWhenBuybackConfirmed.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly posting: RepaymentPosting,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<BuybackConfirmedV1>, manager: EntityManager): Promise<void> {
    const buyback = event.payload;
    const withheldFen = buyback.figures.loanWithheldFen;
    if (withheldFen === 0) return;
    const loan = await this.lifecycle.loadByApplicationForChange(manager, buyback.applicationId);
    // partners lets a buyback withhold only for a loan it heard disbursed: no loan here is a fault to retry, not money to drop.
    if (!loan) throw new Error(`BuybackConfirmed ${event.eventId} withholds ${withheldFen} fen for application ${buyback.applicationId}, which has no loan`);
    // The inbox sees a redelivery; past it (its row gone), the posting keyed by this event is there already.
    const [posted]: unknown[] = await manager.query(`SELECT 1 FROM loans.repayments WHERE source_event_id = $1`, [event.eventId]);
    if (posted) {
      this.logger.log(`BuybackConfirmed ${event.eventId} was posted already; nothing more`);
      return;
    }
    const work = this.uow.join(manager, contextFromEvent(event));
    const owedFen = TAKING_REPAYMENTS.includes(loan.status) ? await this.posting.owedFen(manager, loan) : 0;
    const { postedFen, returnedFen } = splitWithholding(withheldFen, owedFen);
    if (postedFen > 0) {
      // Paid on the buyback date (the money changed hands then), never before the loan went out.
      const paidOn = loan.disbursed_on && loan.disbursed_on > buyback.boughtOn ? loan.disbursed_on : buyback.boughtOn;
      await this.posting.post(work, loan, { amountFen: postedFen, paidOn, source: 'buyback', reference: buyback.buybackId, sourceEventId: event.eventId });
    }
    if (returnedFen > 0) {
      this.logger.log(`buyback ${buyback.buybackId} withheld ${withheldFen} fen; loan ${loan.id} owed ${owedFen}: ${returnedFen} fen go back to the mother`);
      await work.outbox.append(BuybackExcessReturned, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        buybackId: buyback.buybackId,
        buybackEventId: event.eventId,
        withheldFen,
        postedFen,
        returnedFen,
        returnedOn: this.clock.today(),
      });
    }
  }
}
