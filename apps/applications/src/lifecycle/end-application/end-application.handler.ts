import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationRejected, ApplicationWithdrawn } from '@xingfu/contracts';
import { PiiCipher } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource } from 'typeorm';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { presentApplication } from '../../shared/application-view';
import { eventContextOf } from '../../shared/command-context';
import { EndApplicationCommand } from './end-application.command';

/** Ends an open application by a decision (rejection) or by the mother (withdrawal). */
@CommandHandler(EndApplicationCommand)
export class EndApplicationHandler implements ICommandHandler<EndApplicationCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly pii: PiiCipher,
  ) {}

  execute({ applicationId, step, reason, user }: EndApplicationCommand) {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lifecycle.loadForChange(manager, applicationId, user);
      const { from } = await this.lifecycle.apply(manager, application, step, user, { details: { reason }, changes: { decisionReason: reason } });
      const common = { applicationId: application.id, townshipCode: application.townshipCode, fromStatus: from, reason };
      const context = eventContextOf(user);
      if (step === 'rejection') {
        await this.outbox.append(manager, ApplicationRejected, { aggregateId: application.id, payload: { ...common, cause: 'decision' }, context });
      } else {
        await this.outbox.append(manager, ApplicationWithdrawn, { aggregateId: application.id, payload: common, context });
      }
      return presentApplication(application, user, this.pii);
    });
  }
}
