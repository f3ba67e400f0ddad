import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { GuaranteeEffective, GuarantorSigned } from '@xingfu/contracts';
import { collectProblems, hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { PARTY_ROLES } from '../../domain/guarantee-status';
import { GuaranteeLifecycle } from '../../shared/guarantee-lifecycle';
import { GuaranteeView } from '../../shared/guarantee-view';
import { SignPartyCommand } from './sign-party.command';

@CommandHandler(SignPartyCommand)
export class SignPartyHandler implements ICommandHandler<SignPartyCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: GuaranteeLifecycle,
    private readonly view: GuaranteeView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { guaranteeId, role, ...input }, context }: SignPartyCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const loaded = await this.lifecycle.loadForChange(work, guaranteeId);
      const { guarantee, parties } = loaded;
      const { problems, add } = collectProblems();
      if (role !== 'household' && !input.office) add('office', `the ${role}'s signer must give the office`);
      if (input.signedOn > this.clock.today()) add('signedOn', 'signedOn must not be in the future');
      if (input.signedOn < guarantee.opened_on) add('signedOn', `signedOn must not be before the guarantee opened (${guarantee.opened_on})`);
      if (hasProblems(problems)) throw validationFailed(problems);
      const { state, effective } = this.lifecycle.next(loaded, 'sign', role);

      await this.lifecycle.updateParty(manager, parties[role], { status: 'signed', signer_name: input.signerName.trim(), signer_office: input.office?.trim() ?? null, signed_on: input.signedOn });
      await work.outbox.append(GuarantorSigned, guarantee.id, { guaranteeId: guarantee.id, applicationId: guarantee.application_id, role, townshipCode: guarantee.township_code, signedOn: input.signedOn });
      if (effective) {
        // In effect from the day the last party's signature is dated.
        const effectiveOn = PARTY_ROLES.map((r) => parties[r].signed_on!).reduce((a, b) => (a > b ? a : b));
        await this.lifecycle.update(manager, guarantee, { status: state.status, effective_on: effectiveOn });
        await work.outbox.append(GuaranteeEffective, guarantee.id, {
          guaranteeId: guarantee.id,
          applicationId: guarantee.application_id,
          projectId: guarantee.project_id,
          townshipCode: guarantee.township_code,
          effectiveOn,
          // Sealed as stored: reminders opens it only to text the household.
          ...(parties.household.phone_sealed ? { householdPhoneSealed: parties.household.phone_sealed } : {}),
        });
      }
      return this.view.present(manager, guarantee);
    });
  }
}
