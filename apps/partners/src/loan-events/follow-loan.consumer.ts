import { Injectable } from '@nestjs/common';
import {
  BuybackExcessReturned,
  BuybackExcessReturnedV1,
  EventEnvelope,
  LoanDisbursed,
  LoanDisbursedV1,
  LoanRepaid,
  LoanRepaidV1,
  LoanWrittenOff,
  LoanWrittenOffV1,
  RepaymentPosted,
  RepaymentPostedV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';

type LoanEvent = typeof LoanDisbursed | typeof RepaymentPosted | typeof BuybackExcessReturned | typeof LoanRepaid | typeof LoanWrittenOff;
type LoanPayload = LoanDisbursedV1 | RepaymentPostedV1 | BuybackExcessReturnedV1 | LoanRepaidV1 | LoanWrittenOffV1;

/**
 * What partners knows of a partner-model loan, from its events in the loan's order (one key,
 * one consumer): its in-kind value (beside the acknowledged deliveries) and its outstanding
 * principal (what a buyback may withhold). Principal only goes down, so the lowest figure
 * heard is the latest: a replayed or late event never raises it. A buyback's withholding is
 * marked answered when loans posts it (RepaymentPosted, reference = the buyback id) or
 * returns it (BuybackExcessReturned).
 */
@Injectable()
@EventConsumer({ service: 'partners', name: 'follow-loan', events: [LoanDisbursed, RepaymentPosted, BuybackExcessReturned, LoanRepaid, LoanWrittenOff] })
export class FollowLoan implements EventHandler<LoanEvent> {
  async handle(event: EventEnvelope<LoanPayload>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case LoanDisbursed.type: {
        const loan = event.payload as LoanDisbursedV1;
        if (!loan.partnerId) return;
        await manager.query(
          `INSERT INTO partners.loans (application_id, loan_id, principal_fen, in_kind_fen, outstanding_principal_fen, disbursed_on) VALUES ($1, $2, $3, $4, $3, $5)
           ON CONFLICT (application_id) DO NOTHING`,
          [loan.applicationId, loan.loanId, loan.principalFen, loan.inKindFen, loan.disbursedOn],
        );
        return;
      }
      case RepaymentPosted.type: {
        const posted = event.payload as RepaymentPostedV1;
        await this.lower(manager, posted.loanId, posted.outstandingPrincipalFen);
        if (posted.source === 'buyback' && posted.reference) await this.answered(manager, posted.reference, posted.amountFen);
        return;
      }
      case BuybackExcessReturned.type: {
        const returned = event.payload as BuybackExcessReturnedV1;
        await this.answered(manager, returned.buybackId, returned.postedFen);
        return;
      }
      default:
        await this.lower(manager, (event.payload as LoanRepaidV1 | LoanWrittenOffV1).loanId, 0);
    }
  }

  private lower(manager: EntityManager, loanId: string, outstandingFen: number) {
    return manager.query(`UPDATE partners.loans SET outstanding_principal_fen = LEAST(outstanding_principal_fen, $2), updated_at = now() WHERE loan_id = $1`, [loanId, outstandingFen]);
  }

  /** The reference is the buyback's id when partners caused the posting; anything else matches nothing. */
  private answered(manager: EntityManager, buybackId: string, postedFen: number) {
    if (!/^[0-9a-f-]{36}$/i.test(buybackId)) return;
    return manager.query(`UPDATE partners.buybacks SET posted_to_loan_fen = $2 WHERE id = $1 AND posted_to_loan_fen IS NULL`, [buybackId, postedFen]);
  }
}
