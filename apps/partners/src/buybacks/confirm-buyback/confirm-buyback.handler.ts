import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { actorLabel } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { appendBuybackConfirmed } from '../buyback-confirmed';
import { ConfirmBuybackCommand } from './confirm-buyback.command';

@CommandHandler(ConfirmBuybackCommand)
export class ConfirmBuybackHandler implements ICommandHandler<ConfirmBuybackCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { buybackId }, context }: ConfirmBuybackCommand) {
    return this.uow.run(context, async (work) => {
      const { enrolment, buyback } = await this.lifecycle.loadBuybackForChange(work, buybackId);
      const confirmedOn = this.clock.today();
      await this.lifecycle.updateBuyback(work.manager, buyback, { status: this.lifecycle.nextBuyback(buyback, 'confirm'), confirmed_on: confirmedOn, confirmed_by: actorLabel(context.actor) });
      await appendBuybackConfirmed(work, enrolment, buyback, confirmedOn);
      return this.view.present(work.manager, enrolment);
    });
  }
}
