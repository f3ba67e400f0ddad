import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HomeVisitRecorded } from '@xingfu/contracts';
import { Clock, validationFailed } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource } from 'typeorm';
import { impossibleRecordDate } from '../../domain/date-rules';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { eventContextOf } from '../../shared/command-context';
import { RecordHomeVisitCommand } from './record-home-visit.command';

@CommandHandler(RecordHomeVisitCommand)
export class RecordHomeVisitHandler implements ICommandHandler<RecordHomeVisitCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  execute({ applicationId, input, user }: RecordHomeVisitCommand) {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lifecycle.loadForChange(manager, applicationId, user);
      const badDate = impossibleRecordDate(input.visitedOn, this.clock.today(), { date: application.surveyDate, what: 'the survey date' });
      if (badDate) throw validationFailed({ visitedOn: [badDate] });
      const outcome = input.verified ? 'verified' : 'unverified';
      const id = randomUUID();
      await this.lifecycle.apply(manager, application, 'home-visit', user, { outcome, details: { homeVisitId: id, visitedOn: input.visitedOn, verified: input.verified } });
      await manager.query(
        `INSERT INTO applications.home_visits (id, application_id, visited_on, findings, verified, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, application.id, input.visitedOn, input.findings, input.verified, user.id],
      );
      await this.outbox.append(manager, HomeVisitRecorded, {
        aggregateId: application.id,
        payload: { applicationId: application.id, townshipCode: application.townshipCode, visitedOn: input.visitedOn, verified: input.verified },
        context: eventContextOf(user),
      });
      return { id, applicationId: application.id, status: application.status, verified: input.verified };
    });
  }
}
