import { Injectable } from '@nestjs/common';
import { EventEnvelope, FollowUpRecorded, FollowUpRecordedV1, LoanDisbursed, LoanDisbursedV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForApplication } from '../shared/waiting-keys';
import { recordVisit } from './follow-up-dates';

const CONSUMER = 'follow-up-visits';
type VisitPayload = LoanDisbursedV1 | FollowUpRecordedV1;

/**
 * The officer's follow-up visits to a mother: the disbursement starts the count, each visit
 * recorded restarts it (follow-up-dates). A visit names no project: it is the mother's
 * (ApplicationApproved) or her loan's, and a visit heard before either waits for it.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [LoanDisbursed, FollowUpRecorded] })
export class FollowUpVisits implements EventHandler<typeof LoanDisbursed | typeof FollowUpRecorded> {
  constructor(private readonly waiting: WaitingEvents) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<VisitPayload>, manager));
  }

  async handle(event: EventEnvelope<VisitPayload>, manager: EntityManager): Promise<void> {
    if (event.type === LoanDisbursed.type) {
      const loan = event.payload as LoanDisbursedV1;
      await recordVisit(manager, { applicationId: loan.applicationId, projectId: loan.projectId, townshipCode: loan.townshipCode, on: loan.disbursedOn });
      await this.waiting.release(manager, waitingForApplication(loan.applicationId));
      return;
    }
    const visit = event.payload as FollowUpRecordedV1;
    const found: { projectId?: string } = {};
    const known = async () => {
      const [row]: { project_id: string }[] = await manager.query(
        `SELECT project_id FROM reminders.mothers WHERE application_id = $1 UNION ALL SELECT project_id FROM reminders.follow_ups WHERE application_id = $1 LIMIT 1`,
        [visit.applicationId],
      );
      found.projectId = row?.project_id;
      return found.projectId !== undefined;
    };
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForApplication(visit.applicationId), event, known)) || !found.projectId) return;
    await recordVisit(manager, { applicationId: visit.applicationId, projectId: found.projectId, townshipCode: visit.townshipCode, on: visit.visitedOn });
  }
}
