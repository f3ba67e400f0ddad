import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { BuybackDisputed } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { DisputeBuybackCommand } from './dispute-buyback.command';

@CommandHandler(DisputeBuybackCommand)
export class DisputeBuybackHandler implements ICommandHandler<DisputeBuybackCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { buybackId, reason }, context }: DisputeBuybackCommand) {
    return this.uow.run(context, async (work) => {
      const { enrolment, buyback } = await this.lifecycle.loadBuybackForChange(work, buybackId);
      const disputedOn = this.clock.today();
      await this.lifecycle.updateBuyback(work.manager, buyback, { status: this.lifecycle.nextBuyback(buyback, 'dispute'), disputed_on: disputedOn, dispute_reason: reason.trim() });
      await work.outbox.append(BuybackDisputed, enrolment.id, { ...enrolmentFields(enrolment), buybackId, disputedOn, reason: reason.trim() });
      return this.view.present(work.manager, enrolment);
    });
  }
}
