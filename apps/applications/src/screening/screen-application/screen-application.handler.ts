import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationScreened } from '@xingfu/contracts';
import { Clock } from '@xingfu/common';
import { UNREPAID_LOAN_STATUSES } from '../../domain/application-status';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { screen } from '../domain/screening-rules';
import { ScreenApplicationCommand } from './screen-application.command';

/**
 * Screening (审核): the project's aid standard in force now, applied to the surveyed and verified
 * facts. The screening row, the state change, its history row and ApplicationScreened are one
 * transaction, so a crash leaves either all of them or none, and a retry finds the step done (409).
 */
@CommandHandler(ScreenApplicationCommand)
export class ScreenApplicationHandler implements ICommandHandler<ScreenApplicationCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { applicationId }, context }: ScreenApplicationCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      this.lifecycle.assertCan(application, 'screening', 'eligible');
      // The policy in force NOW; the screening row keeps its version, so a later change never rewrites it.
      const policy = await this.policies.current(manager, application.projectId);
      const [unpaid] = await manager.query(
        `SELECT 1 FROM applications.applications WHERE id_number_hash = $1 AND id <> $2 AND status = ANY($3) LIMIT 1`,
        [application.idNumberHash, application.id, UNREPAID_LOAN_STATUSES],
      );
      const today = this.clock.today();
      const result = screen({ ...application, hasUnpaidLoan: !!unpaid }, policy.aidStandard, today);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO applications.screenings (id, application_id, project_id, policy_version, eligible, checks, screened_on, screened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, application.id, application.projectId, policy.version, result.eligible, JSON.stringify(result.checks), today, user.id],
      );
      const failedRules = result.checks.filter((c) => c.outcome === 'fail').map((c) => c.rule);
      await this.lifecycle.apply(work, application, 'screening', {
        outcome: result.eligible ? 'eligible' : 'ineligible',
        details: { screeningId: id, policyVersion: policy.version, failedRules },
        changes: { screenedPolicyVersion: policy.version },
      });
      await work.outbox.append(ApplicationScreened, application.id, {
          applicationId: application.id,
          projectId: application.projectId,
          townshipCode: application.townshipCode,
          policyVersion: policy.version,
          eligible: result.eligible,
          failedRules,
          checks: result.checks,
          screenedOn: today,
        });
      return { id, applicationId: application.id, status: application.status, eligible: result.eligible, policyVersion: policy.version, checks: result.checks };
    });
  }
}
