import { actingUser } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationRejected, ApplicationWithdrawn } from '@xingfu/contracts';
import { PiiCipher } from '@xingfu/common';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { presentApplication } from '../../shared/application-view';
import { EndApplicationCommand } from './end-application.command';

/** Ends an open application by a decision (rejection) or by the mother (withdrawal). */
@CommandHandler(EndApplicationCommand)
export class EndApplicationHandler implements ICommandHandler<EndApplicationCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly pii: PiiCipher,
  ) {}

  execute({ fields: { applicationId, step, reason }, context }: EndApplicationCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const application = await this.lifecycle.loadForChange(work, applicationId);
      const { from } = await this.lifecycle.apply(work, application, step, { details: { reason }, changes: { decisionReason: reason } });
      const common = { applicationId: application.id, townshipCode: application.townshipCode, fromStatus: from, reason };
      if (step === 'rejection') {
        await work.outbox.append(ApplicationRejected, application.id, { ...common, cause: 'decision' });
      } else {
        await work.outbox.append(ApplicationWithdrawn, application.id, common);
      }
      return presentApplication(application, user, this.pii);
    });
  }
}
