import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { GuarantorReplaced } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { GuaranteeView } from '../../shared/guarantee-view';
import { ReplacePartyCommand } from './replace-party.command';

@CommandHandler(ReplacePartyCommand)
export class ReplacePartyHandler implements ICommandHandler<ReplacePartyCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly view: GuaranteeView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { guaranteeId, role, name }, context }: ReplacePartyCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee, parties } = loaded;
      this.lifecycle.next(loaded, 'replace', role);
      const today = this.clock.today();
      await this.lifecycle.updateParty(manager, parties[role], { current: false, replaced_on: today });
      await manager.query(`INSERT INTO guarantees.parties (id, guarantee_id, role, current, status, party_name, named_on) VALUES ($1, $2, $3, true, 'pending', $4, $5)`, [
        randomUUID(),
        guarantee.id,
        role,
        name.trim(),
        today,
      ]);
      await work.outbox.append(GuarantorReplaced, guarantee.id, { guaranteeId: guarantee.id, applicationId: guarantee.application_id, role, townshipCode: guarantee.township_code, replacedOn: today });
      return this.view.present(manager, guarantee);
    });
  }
}
