import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthUser } from '@xingfu/auth';
import { FollowUpRecorded } from '@xingfu/contracts';
import { Clock, DomainError } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource } from 'typeorm';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { eventContextOf } from '../../shared/command-context';
import { RecordFollowUpDto } from './record-follow-up.dto';

export class RecordFollowUpCommand {
  constructor(
    readonly applicationId: string,
    readonly input: RecordFollowUpDto,
    readonly user: AuthUser,
  ) {}
}

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  execute({ applicationId, input, user }: RecordFollowUpCommand) {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lifecycle.loadForChange(manager, applicationId, user);
      if (input.visitedOn > this.clock.today()) {
        throw new DomainError('invalid', 'validation_failed', 'The visit date is in the future.', { visitedOn: ['must not be after today'] });
      }
      const id = randomUUID();
      await this.lifecycle.apply(manager, application, 'follow-up', user, { details: { followUpId: id, visitedOn: input.visitedOn } });
      await manager.query(
        `INSERT INTO applications.follow_ups (id, application_id, visited_on, production_status, income_estimate_fen, problems, help_given, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, application.id, input.visitedOn, input.productionStatus, input.incomeEstimateFen, input.problems, input.helpGiven, user.id],
      );
      await this.outbox.append(manager, FollowUpRecorded, {
        aggregateId: application.id,
        payload: { applicationId: application.id, townshipCode: application.townshipCode, ...input },
        context: eventContextOf(user),
      });
      return { id, applicationId: application.id, ...input };
    });
  }
}
