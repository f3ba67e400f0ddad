import { actingUser, personNameKey } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationApproved } from '@xingfu/contracts';
import { Clock, DomainError, PiiCipher, assertNoProblems } from '@xingfu/common';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { eventIdentityOf, presentApplication } from '../../shared/application-view';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { approvalProblems } from '../domain/approval-rules';
import { ApproveApplicationCommand } from './approve-application.command';

@CommandHandler(ApproveApplicationCommand)
export class ApproveApplicationHandler implements ICommandHandler<ApproveApplicationCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
  ) {}

  execute({ fields: { applicationId, ...input }, context }: ApproveApplicationCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      // Maker-checker: whoever recorded the survey cannot approve it.
      if (application.submittedBy === user.id) {
        throw new DomainError('forbidden', 'maker_checker', 'The user who submitted an application cannot approve it.', { submittedBy: user.id });
      }
      this.lifecycle.assertCan(application, 'approval');
      const policy = await this.policies.current(manager, application.projectId);
      const approvedOn = this.clock.today();
      const partnerId = input.partnerId ?? application.partnerId;
      assertNoProblems(
        approvalProblems(
          { ...input, partnerId },
          { policy: policy.loanPolicy, creditCeilingFen: application.creditCeilingFen ?? 0, model: application.model, approvedOn, surveyPartnerId: application.partnerId },
        ),
        'The approval does not fit the project’s policy.',
      );

      const repaymentPlan = { kind: input.repaymentPlan.kind, ...(input.repaymentPlan.instalments ? { instalments: input.repaymentPlan.instalments } : {}) };
      await this.lifecycle.apply(work, application, 'approval', {
        details: { amountFen: input.amountFen, termMonths: input.termMonths, plan: repaymentPlan.kind, policyVersion: policy.version },
        changes: {
          approvedAmountFen: input.amountFen,
          termMonths: input.termMonths,
          repaymentPlan,
          disbursementMode: input.disbursementMode,
          partnerId,
          approvedBy: user.id,
          approvedOn,
        },
      });
      await work.outbox.append(ApplicationApproved, application.id, {
          ...eventIdentityOf(application),
          idNumberHash: application.idNumberHash,
          motherNameHash: this.pii.lookupHash(personNameKey(application.motherName)),
          phoneMasked: application.phoneMasked,
          phoneSealed: application.phoneSealed,
          industry: application.industry,
          model: application.model,
          ...(partnerId ? { partnerId } : {}),
          amountFen: input.amountFen,
          termMonths: input.termMonths,
          repaymentPlan,
          chargeKind: policy.loanPolicy.chargeKind,
          rateBasisPoints: policy.loanPolicy.rateBasisPoints,
          graceDays: policy.loanPolicy.defaultGraceDays,
          disbursementMode: input.disbursementMode,
          creditGrade: application.creditGrade ?? '',
          approvedOn,
        });
      return presentApplication(application, user, this.pii);
    });
  }
}
