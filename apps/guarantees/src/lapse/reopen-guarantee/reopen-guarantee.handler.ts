import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { GuaranteeReopened } from '@xingfu/contracts';
import { addDays } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { GuaranteeView } from '../../shared/guarantee-view';
import { ReopenGuaranteeCommand } from './reopen-guarantee.command';

@CommandHandler(ReopenGuaranteeCommand)
export class ReopenGuaranteeHandler implements ICommandHandler<ReopenGuaranteeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly view: GuaranteeView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { guaranteeId }, context }: ReopenGuaranteeCommand) {
    return this.uow.run(context, async (work) => {
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee } = loaded;
      const { state } = this.lifecycle.next(loaded, 'reopen');
      const today = this.clock.today();
      const deadline = addDays(today, guarantee.deadline_days);
      await this.lifecycle.update(work.manager, guarantee, { status: state.status, reopened: true, reopened_on: today, deadline });
      await work.outbox.append(GuaranteeReopened, guarantee.id, { guaranteeId: guarantee.id, applicationId: guarantee.application_id, townshipCode: guarantee.township_code, reopenedOn: today, deadline });
      return this.view.present(work.manager, guarantee);
    });
  }
}
