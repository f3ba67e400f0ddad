import { Injectable, Logger } from '@nestjs/common';
import { ApplicationClosed, EventEnvelope, LoanRepaid, LoanRepaidV1 } from '@xingfu/contracts';
import { contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationEntity } from '../shared/application.entity';
import { ApplicationLifecycle } from '../shared/application-lifecycle';

/**
 * Intake learns that a loan was repaid only from the loans service: this closes the approved
 * application (approved → closed, step loan-repaid), which ends the mother's case, so the
 * duplicate check and screening's "no unpaid loan" rule let her apply again.
 *
 * Runs through the inbox, so a redelivery of the same event does nothing. Beyond that:
 * - already closed (another LoanRepaid for it, e.g. the loans service re-emitted): logged and
 *   ignored, nothing changes — closing is idempotent, and retrying could never make it "more closed";
 * - unknown application, or one in any other status, or a project that does not match: thrown.
 *   A loan exists only after ApplicationApproved was committed here, so each of these means the
 *   event or our data is wrong; retrying will not fix it, and the inbox then parks it as a dead
 *   letter (counted, listed, replayable once the cause is fixed) instead of silently dropping it.
 *
 * It emits ApplicationClosed, so reporting and the other services learn that the case ended.
 */
@Injectable()
@EventConsumer({ service: 'applications', name: 'close-application-when-loan-repaid', events: [LoanRepaid] })
export class CloseApplicationWhenLoanRepaid implements EventHandler<typeof LoanRepaid> {
  private readonly logger = new Logger(CloseApplicationWhenLoanRepaid.name);

  constructor(
    private readonly lifecycle: ApplicationLifecycle,
    private readonly uow: UnitOfWork,
  ) {}

  async handle(event: EventEnvelope<LoanRepaidV1>, manager: EntityManager): Promise<void> {
    const repaid = event.payload;
    // Locked as every state change is; loaded without a user's scope, because the system acts here.
    const application = await manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: repaid.applicationId })
      .getOne();
    if (!application) throw new Error(`LoanRepaid ${event.eventId} (loan ${repaid.loanId}) names an unknown application ${repaid.applicationId}`);
    if (application.projectId !== repaid.projectId) {
      throw new Error(`LoanRepaid ${event.eventId}: application ${application.id} is in project ${application.projectId}, not ${repaid.projectId}`);
    }
    if (application.status === 'closed') {
      this.logger.log(`application ${application.id} is already closed; LoanRepaid ${event.eventId} (loan ${repaid.loanId}) changes nothing`);
      return;
    }
    // Any status but approved: the state machine refuses (illegal_step), and the inbox parks the event.
    // The work is the event's: its history row names LoanRepaid, and what it emits carries the
    // event's correlation id with LoanRepaid as the cause.
    const work = this.uow.join(manager, contextFromEvent(event));
    const { from } = await this.lifecycle.apply(work, application, 'loan-repaid', {
      details: { loanId: repaid.loanId, repaidOn: repaid.repaidOn, principalFen: repaid.principalFen, eventId: event.eventId, reportedBy: event.actor },
    });
    await work.outbox.append(ApplicationClosed, application.id, {
      applicationId: application.id,
      townshipCode: application.townshipCode,
      fromStatus: from,
      cause: 'loan_repaid',
      loanId: repaid.loanId,
      closedOn: repaid.repaidOn,
    });
  }
}
