import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GuaranteeLapsed } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { isPastDeadline } from '../../domain/guarantee-status';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { LapseGuaranteeCommand } from './lapse-guarantee.command';

/** Lapses the guarantee if it is still open past its deadline on the business date; otherwise (signed meanwhile, reopened) nothing. */
@CommandHandler(LapseGuaranteeCommand)
export class LapseGuaranteeHandler implements ICommandHandler<LapseGuaranteeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
  ) {}

  execute({ fields: { guaranteeId, businessDate }, context }: LapseGuaranteeCommand): Promise<boolean> {
    return this.uow.run(context, async (work) => {
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee } = loaded;
      if (!isPastDeadline(this.lifecycle.stateOf(loaded), guarantee.deadline, businessDate)) return false;
      const { state } = this.lifecycle.next(loaded, 'lapse');
      await this.lifecycle.update(work.manager, guarantee, { status: state.status, lapsed_on: businessDate });
      await work.outbox.append(GuaranteeLapsed, guarantee.id, {
        guaranteeId: guarantee.id,
        applicationId: guarantee.application_id,
        townshipCode: guarantee.township_code,
        deadline: guarantee.deadline,
        lapsedOn: businessDate,
      });
      return true;
    });
  }
}
