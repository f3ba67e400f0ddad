import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { DeliveryAcknowledged } from '@xingfu/contracts';
import { actorLabel, collectProblems, DomainError, hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { AcknowledgeDeliveryCommand } from './acknowledge-delivery.command';

@CommandHandler(AcknowledgeDeliveryCommand)
export class AcknowledgeDeliveryHandler implements ICommandHandler<AcknowledgeDeliveryCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { deliveryId, acknowledgedOn }, context }: AcknowledgeDeliveryCommand) {
    return this.uow.run(context, async (work) => {
      const { enrolment, delivery } = await this.lifecycle.loadDeliveryForChange(work, deliveryId);
      if (delivery.acknowledged_on) throw new DomainError('conflict', 'already_acknowledged', `delivery ${deliveryId} was acknowledged on ${delivery.acknowledged_on}`, { deliveryId, acknowledgedOn: delivery.acknowledged_on });
      const { problems, add } = collectProblems();
      if (acknowledgedOn > this.clock.today()) add('acknowledgedOn', 'acknowledgedOn must not be in the future');
      if (acknowledgedOn < delivery.delivered_on) add('acknowledgedOn', `acknowledgedOn must not be before the delivery (${delivery.delivered_on})`);
      if (hasProblems(problems)) throw validationFailed(problems);
      await work.manager.query(`UPDATE partners.deliveries SET acknowledged_on = $2, acknowledged_by = $3 WHERE id = $1`, [deliveryId, acknowledgedOn, actorLabel(context.actor)]);
      await work.outbox.append(DeliveryAcknowledged, enrolment.id, { ...enrolmentFields(enrolment), deliveryId, valueFen: Number(delivery.value_fen), acknowledgedOn });
      return this.view.present(work.manager, enrolment);
    });
  }
}
