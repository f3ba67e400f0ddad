import { Injectable } from '@nestjs/common';
import { EventEnvelope, LoanDefaulted, LoanDefaultedV1, LoanRepaid, LoanRepaidV1, LoanWrittenOff, LoanWrittenOffV1, RepaymentPosted, RepaymentPostedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { EndGuaranteeWhenLoanEnds } from './end-guarantee-when-loan-ends.step';
import { InvokeGuaranteeWhenLoanDefaulted } from './invoke-guarantee-when-loan-defaulted.step';
import { RecordGuarantorPaymentWhenRepaymentPosted } from './record-guarantor-payment-when-repayment-posted.step';

type LoanEvent = typeof LoanDefaulted | typeof RepaymentPosted | typeof LoanRepaid | typeof LoanWrittenOff;

/**
 * One consumer for a loan's events, so the guarantee follows them in the loan's order (one key,
 * one consumer): a guarantor's payment before the release is counted in GuaranteeReleased, and
 * a default before the payments it demands.
 */
@Injectable()
@EventConsumer({ service: 'guarantees', name: 'follow-loan', events: [LoanDefaulted, RepaymentPosted, LoanRepaid, LoanWrittenOff] })
export class FollowLoan implements EventHandler<LoanEvent> {
  constructor(
    private readonly invoke: InvokeGuaranteeWhenLoanDefaulted,
    private readonly pay: RecordGuarantorPaymentWhenRepaymentPosted,
    private readonly end: EndGuaranteeWhenLoanEnds,
  ) {}

  handle(event: EventEnvelope<LoanDefaultedV1 | RepaymentPostedV1 | LoanRepaidV1 | LoanWrittenOffV1>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case LoanDefaulted.type:
        return this.invoke.handle(event as EventEnvelope<LoanDefaultedV1>, manager);
      case RepaymentPosted.type:
        return this.pay.handle(event as EventEnvelope<RepaymentPostedV1>, manager);
      default:
        return this.end.handle(event as EventEnvelope<LoanRepaidV1 | LoanWrittenOffV1>, manager);
    }
  }
}
