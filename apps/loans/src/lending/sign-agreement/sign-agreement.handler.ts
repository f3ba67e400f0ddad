import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { LoanAgreementSigned } from '@xingfu/contracts';
import { actorLabel, collectProblems, hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { LoanLifecycle } from '../../shared/loan-lifecycle';
import { LoanView } from '../../shared/loan-view';
import { SignAgreementCommand } from './sign-agreement.command';

/** No agreement before the three-party guarantee is in effect (the state machine refuses it, 409). */
@CommandHandler(SignAgreementCommand)
export class SignAgreementHandler implements ICommandHandler<SignAgreementCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: LoanLifecycle,
    private readonly view: LoanView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { loanId, signedOn }, context }: SignAgreementCommand) {
    return this.uow.run(context, async (work) => {
      const loan = await this.lifecycle.loadForChange(work, loanId);
      this.lifecycle.next(loan, 'agreement');
      const { problems, add } = collectProblems();
      if (signedOn > this.clock.today()) add('signedOn', 'signedOn must not be in the future');
      if (loan.guarantee_effective_on && signedOn < loan.guarantee_effective_on) add('signedOn', `signedOn must not be before the guarantee took effect (${loan.guarantee_effective_on})`);
      if (hasProblems(problems)) throw validationFailed(problems);

      await this.lifecycle.move(work, loan, 'agreement', { agreement_signed_on: signedOn, agreement_signed_by: actorLabel(context.actor) }, { signedOn });
      await work.outbox.append(LoanAgreementSigned, loan.id, { loanId: loan.id, applicationId: loan.application_id, projectId: loan.project_id, townshipCode: loan.township_code, signedOn });
      return this.view.present(work.manager, loan.id);
    });
  }
}
