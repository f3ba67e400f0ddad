import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationApproved } from '@xingfu/contracts';
import { Clock, DomainError, PiiCipher, assertNoProblems } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource } from 'typeorm';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { eventIdentityOf, presentApplication } from '../../shared/application-view';
import { eventContextOf } from '../../shared/command-context';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { approvalProblems } from '../domain/approval-rules';
import { ApproveApplicationCommand } from './approve-application.command';

@CommandHandler(ApproveApplicationCommand)
export class ApproveApplicationHandler implements ICommandHandler<ApproveApplicationCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
  ) {}

  execute({ applicationId, input, user }: ApproveApplicationCommand) {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lifecycle.loadForChange(manager, applicationId, user);
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
      await this.lifecycle.apply(manager, application, 'approval', user, {
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
      await this.outbox.append(manager, ApplicationApproved, {
        aggregateId: application.id,
        payload: {
          ...eventIdentityOf(application),
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
        },
        context: eventContextOf(user),
      });
      return presentApplication(application, user, this.pii);
    });
  }
}
