import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, GuaranteeInvoked, GuaranteeInvokedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { LoanLifecycle } from '../../shared/loan-lifecycle';

/**
 * The guarantee of a defaulted loan was invoked: the date its demands went out is what the
 * write-off waits 30 days from. Found by application id (the guarantee's key), as guarantees
 * found the loan. A loan not ours: logged, ignored. Redelivered: the first date stays.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'record-guarantee-invoked', events: [GuaranteeInvoked] })
export class RecordGuaranteeInvoked implements EventHandler<typeof GuaranteeInvoked> {
  private readonly logger = new Logger(RecordGuaranteeInvoked.name);

  constructor(private readonly lifecycle: LoanLifecycle) {}

  async handle(event: EventEnvelope<GuaranteeInvokedV1>, manager: EntityManager): Promise<void> {
    const { applicationId, invokedOn, guaranteeId } = event.payload;
    const loan = await this.lifecycle.loadByApplicationForChange(manager, applicationId);
    if (!loan) {
      this.logger.warn(`GuaranteeInvoked ${event.eventId} names application ${applicationId}, which has no loan here; ignored`);
      return;
    }
    if (loan.guarantee_invoked_on) return;
    await this.lifecycle.update(manager, loan, { guarantee_invoked_on: invokedOn, guarantee_id: loan.guarantee_id ?? guaranteeId });
  }
}
