import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BuybackOverdue } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { isBuybackOverdue } from '../../domain/enrolment-status';
import { enrolmentFields } from '../../enrolment/enrolment-event';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { FlagBuybackOverdueCommand } from './flag-buyback-overdue.command';

/** Flags the enrolment if, under its lock, it is still waiting for a buyback past the grace; a buyback recorded meanwhile leaves it. */
@CommandHandler(FlagBuybackOverdueCommand)
export class FlagBuybackOverdueHandler implements ICommandHandler<FlagBuybackOverdueCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
  ) {}

  execute({ fields: { enrolmentId, businessDate }, context }: FlagBuybackOverdueCommand): Promise<boolean> {
    return this.uow.run(context, async (work) => {
      const enrolment = await this.lifecycle.loadForChange(work, enrolmentId);
      if (!isBuybackOverdue(enrolment.status, enrolment.expected_buyback_date, enrolment.overdue_from, businessDate)) return false;
      await this.lifecycle.update(work.manager, enrolment, { status: this.lifecycle.next(enrolment, 'flag-overdue'), flagged_overdue_on: businessDate });
      await work.outbox.append(BuybackOverdue, enrolment.id, { ...enrolmentFields(enrolment), expectedBuybackDate: enrolment.expected_buyback_date!, flaggedOn: businessDate });
      return true;
    });
  }
}
