import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApplicationApproved, ApplicationApprovedV1, EventEnvelope } from '@xingfu/contracts';
import { isUuid } from '@xingfu/kernel';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';

/**
 * An approval with a partner (company, lead farmer, park) enrols the mother in the partner's
 * programme for the project, pending the partner's acceptance. One enrolment per application
 * (a unique key), so the event handled twice, or re-emitted, enrols her once. An approval
 * naming a partner, or a programme, partners does not know is logged and left (the partner
 * and its programme are registered before the approvals that name them): never a dead letter.
 */
@Injectable()
@EventConsumer({ service: 'partners', name: 'enrol-when-application-approved', events: [ApplicationApproved] })
export class EnrolWhenApplicationApproved implements EventHandler<typeof ApplicationApproved> {
  private readonly logger = new Logger(EnrolWhenApplicationApproved.name);

  async handle(event: EventEnvelope<ApplicationApprovedV1>, manager: EntityManager): Promise<void> {
    const approved = event.payload;
    if (approved.model === 'self' || !approved.partnerId) return;
    const [programme]: { id: string }[] = isUuid(approved.partnerId)
      ? await manager.query(`SELECT id FROM partners.programmes WHERE partner_id = $1 AND project_id = $2`, [approved.partnerId, approved.projectId])
      : [];
    if (!programme) {
      this.logger.warn(`application ${approved.applicationId} names partner ${approved.partnerId}, which has no programme with project ${approved.projectId}: not enrolled`);
      return;
    }
    await manager.query(
      `INSERT INTO partners.enrolments (id, application_id, partner_id, programme_id, project_id, county_code, township_code, village_code, mother_name_masked, status, enrolled_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10) ON CONFLICT (application_id) DO NOTHING`,
      [randomUUID(), approved.applicationId, approved.partnerId, programme.id, approved.projectId, approved.countyCode, approved.townshipCode, approved.villageCode, approved.motherNameMasked, approved.approvedOn],
    );
  }
}
