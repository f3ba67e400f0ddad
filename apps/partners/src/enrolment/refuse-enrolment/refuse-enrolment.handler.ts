import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { EnrolmentRefused } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { enrolmentFields } from '../enrolment-event';
import { RefuseEnrolmentCommand } from './refuse-enrolment.command';

@CommandHandler(RefuseEnrolmentCommand)
export class RefuseEnrolmentHandler implements ICommandHandler<RefuseEnrolmentCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { enrolmentId, reason }, context }: RefuseEnrolmentCommand) {
    return this.uow.run(context, async (work) => {
      const enrolment = await this.lifecycle.loadForChange(work, enrolmentId);
      const refusedOn = this.clock.today();
      await this.lifecycle.update(work.manager, enrolment, { status: this.lifecycle.next(enrolment, 'refuse'), refused_on: refusedOn, refusal_reason: reason.trim() });
      await work.outbox.append(EnrolmentRefused, enrolment.id, { ...enrolmentFields(enrolment), refusedOn, reason: reason.trim() });
      return this.view.present(work.manager, enrolment);
    });
  }
}
