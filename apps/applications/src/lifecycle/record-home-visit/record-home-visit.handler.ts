import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HomeVisitRecorded } from '@xingfu/contracts';
import { Clock, validationFailed } from '@xingfu/common';
import { impossibleRecordDate } from '../../domain/date-rules';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { RecordHomeVisitCommand } from './record-home-visit.command';

@CommandHandler(RecordHomeVisitCommand)
export class RecordHomeVisitHandler implements ICommandHandler<RecordHomeVisitCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { applicationId, ...input }, context }: RecordHomeVisitCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      const badDate = impossibleRecordDate(input.visitedOn, this.clock.today(), { date: application.surveyDate, what: 'the survey date' });
      if (badDate) throw validationFailed({ visitedOn: [badDate] });
      const outcome = input.verified ? 'verified' : 'unverified';
      const id = randomUUID();
      await this.lifecycle.apply(work, application, 'home-visit', { outcome, details: { homeVisitId: id, visitedOn: input.visitedOn, verified: input.verified } });
      await manager.query(
        `INSERT INTO applications.home_visits (id, application_id, visited_on, findings, verified, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, application.id, input.visitedOn, input.findings, input.verified, user.id],
      );
      await work.outbox.append(HomeVisitRecorded, application.id, { applicationId: application.id, townshipCode: application.townshipCode, visitedOn: input.visitedOn, verified: input.verified });
      return { id, applicationId: application.id, status: application.status, verified: input.verified };
    });
  }
}
