import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, RepaymentPostedV1 } from '@xingfu/contracts';
import { EntityManager } from 'typeorm';
import { GuaranteeLifecycle } from '../shared/guarantee-lifecycle';

/**
 * A guarantor pays through loans (a repayment with source guarantor and the party's role); the
 * guarantee shows it beside that party's demands. The mother's and buyback repayments are not
 * the guarantee's business. One payment per repayment id, however often it is reported.
 */
@Injectable()
export class RecordGuarantorPaymentWhenRepaymentPosted {
  private readonly logger = new Logger(RecordGuarantorPaymentWhenRepaymentPosted.name);

  constructor(private readonly lifecycle: GuaranteeLifecycle) {}

  async handle(event: EventEnvelope<RepaymentPostedV1>, manager: EntityManager): Promise<void> {
    const posted = event.payload;
    if (posted.source !== 'guarantor' || !posted.guarantorRole) return;
    const loaded = await this.lifecycle.loadByApplicationForChange(manager, posted.applicationId);
    if (!loaded) {
      this.logger.warn(`RepaymentPosted ${event.eventId}: a guarantor paid on application ${posted.applicationId}, which has no guarantee here; ignored`);
      return;
    }
    const inserted: unknown[] = await manager.query(
      `INSERT INTO guarantees.payments (id, guarantee_id, role, repayment_id, loan_id, paid_on, amount_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (repayment_id) DO NOTHING RETURNING id`,
      [randomUUID(), loaded.guarantee.id, posted.guarantorRole, posted.repaymentId, posted.loanId, posted.postedOn, posted.amountFen],
    );
    if (!inserted.length) this.logger.log(`repayment ${posted.repaymentId} is on record already; RepaymentPosted ${event.eventId} changes nothing`);
  }
}
