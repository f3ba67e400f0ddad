import { Injectable, Logger } from '@nestjs/common';
import { EventEnvelope, GuaranteeEffective, GuaranteeEffectiveV1 } from '@xingfu/contracts';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { keepEarlyGuarantee, lockApplicationOpening } from './early-guarantee';

/**
 * The loan's guarantee took effect: the agreement may now be signed. GuaranteeEffective comes on
 * guarantees' topic, ApplicationApproved on applications', and the two are not ordered with one
 * another: when the loan is not there yet, the event is kept and applied as the loan is created
 * (a retry would park it after a few seconds, and a backlog on one topic can last longer).
 * The two consumers take one lock per application (lockApplicationOpening), so neither misses the other.
 * A loan past awaiting_guarantee with this guarantee: a redelivery, nothing changes.
 */
@Injectable()
@EventConsumer({ service: 'loans', name: 'await-agreement-when-guarantee-effective', events: [GuaranteeEffective] })
export class AwaitAgreementWhenGuaranteeEffective implements EventHandler<typeof GuaranteeEffective> {
  private readonly logger = new Logger(AwaitAgreementWhenGuaranteeEffective.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
  ) {}

  async handle(event: EventEnvelope<GuaranteeEffectiveV1>, manager: EntityManager): Promise<void> {
    const { applicationId, guaranteeId, effectiveOn } = event.payload;
    await lockApplicationOpening(manager, applicationId);
    const loan = await this.lifecycle.loadByApplicationForChange(manager, applicationId);
    if (!loan) {
      this.logger.log(`GuaranteeEffective ${event.eventId} came before the loan of application ${applicationId}; kept until ApplicationApproved creates it`);
      await keepEarlyGuarantee(manager, applicationId, guaranteeId, effectiveOn, event.eventId);
      return;
    }
    if (loan.status !== 'awaiting_guarantee' && loan.guarantee_id === guaranteeId) {
      this.logger.log(`loan ${loan.id} has guarantee ${guaranteeId} in effect already; GuaranteeEffective ${event.eventId} changes nothing`);
      return;
    }
    const work = this.uow.join(manager, contextFromEvent(event));
    await this.lifecycle.move(work, loan, 'guarantee-effective', { guarantee_id: guaranteeId, guarantee_effective_on: effectiveOn }, { guaranteeId, effectiveOn });
  }
}
