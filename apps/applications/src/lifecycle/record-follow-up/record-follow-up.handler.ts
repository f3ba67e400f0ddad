import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FollowUpRecorded } from '@xingfu/contracts';
import { Clock, validationFailed } from '@xingfu/common';
import { impossibleRecordDate } from '../../domain/date-rules';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { RecordFollowUpCommand } from './record-follow-up.command';

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { applicationId, ...input }, context }: RecordFollowUpCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      // 409 first when she is not approved: without an approval date there is no window to check.
      this.lifecycle.assertCan(application, 'follow-up');
      const approvedOn = application.approvedOn ?? application.surveyDate;
      const badDate = impossibleRecordDate(input.visitedOn, this.clock.today(), { date: approvedOn, what: 'the approval date' });
      if (badDate) throw validationFailed({ visitedOn: [badDate] });
      const id = randomUUID();
      await this.lifecycle.apply(work, application, 'follow-up', { details: { followUpId: id, visitedOn: input.visitedOn } });
      await manager.query(
        `INSERT INTO applications.follow_ups (id, application_id, visited_on, production_status, income_estimate_fen, problems, help_given, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, application.id, input.visitedOn, input.productionStatus, input.incomeEstimateFen, input.problems, input.helpGiven, user.id],
      );
      await work.outbox.append(FollowUpRecorded, application.id, { applicationId: application.id, townshipCode: application.townshipCode, ...input });
      return { id, applicationId: application.id, ...input };
    });
  }
}
