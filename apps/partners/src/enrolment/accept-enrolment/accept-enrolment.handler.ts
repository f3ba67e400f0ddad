import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { EnrolmentAccepted } from '@xingfu/contracts';
import { UnitOfWork } from '@xingfu/kit';
import { EnrolmentLifecycle } from '../../shared/enrolment-lifecycle';
import { EnrolmentView } from '../../shared/enrolment-view';
import { enrolmentFields } from '../enrolment-event';
import { AcceptEnrolmentCommand } from './accept-enrolment.command';

@CommandHandler(AcceptEnrolmentCommand)
export class AcceptEnrolmentHandler implements ICommandHandler<AcceptEnrolmentCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: EnrolmentLifecycle,
    private readonly view: EnrolmentView,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { enrolmentId }, context }: AcceptEnrolmentCommand) {
    return this.uow.run(context, async (work) => {
      const enrolment = await this.lifecycle.loadForChange(work, enrolmentId);
      const acceptedOn = this.clock.today();
      await this.lifecycle.update(work.manager, enrolment, { status: this.lifecycle.next(enrolment, 'accept'), accepted_on: acceptedOn });
      await work.outbox.append(EnrolmentAccepted, enrolment.id, { ...enrolmentFields(enrolment), programmeId: enrolment.programme_id, acceptedOn });
      return this.view.present(work.manager, enrolment);
    });
  }
}
