import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { GuarantorDeclined } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { GuaranteeView } from '../../shared/guarantee-view';
import { DeclinePartyCommand } from './decline-party.command';

@CommandHandler(DeclinePartyCommand)
export class DeclinePartyHandler implements ICommandHandler<DeclinePartyCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly view: GuaranteeView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { guaranteeId, role, reason }, context }: DeclinePartyCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee, parties } = loaded;
      this.lifecycle.next(loaded, 'decline', role);
      const today = this.clock.today();
      await this.lifecycle.updateParty(manager, parties[role], { status: 'declined', declined_on: today, decline_reason: reason.trim() });
      await work.outbox.append(GuarantorDeclined, guarantee.id, {
        guaranteeId: guarantee.id,
        applicationId: guarantee.application_id,
        role,
        townshipCode: guarantee.township_code,
        declinedOn: today,
        reason: reason.trim(),
      });
      return this.view.present(manager, guarantee);
    });
  }
}
