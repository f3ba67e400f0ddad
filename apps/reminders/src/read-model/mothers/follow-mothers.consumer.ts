import { Injectable } from '@nestjs/common';
import { ApplicationApproved, ApplicationApprovedV1, EventEnvelope } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { SealedPhone } from '../shared/sealed-phone';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForApplication } from '../shared/waiting-keys';

const CONSUMER = 'follow-mothers';

/**
 * An approved mother: who she is to a reminder (masked name, village, her phone sealed and its
 * lookup hash, never the number) and her project, whose settings row (county, follow-up
 * interval, templates) is seeded with the defaults the first time the project is heard of.
 * The first record of an application: follow-up visits recorded before it are applied now.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [ApplicationApproved] })
export class FollowMothers implements EventHandler<typeof ApplicationApproved> {
  constructor(
    private readonly phone: SealedPhone,
    private readonly waiting: WaitingEvents,
  ) {}

  async handle(event: EventEnvelope<ApplicationApprovedV1>, manager: EntityManager): Promise<void> {
    const a = event.payload;
    await manager.query(
      `INSERT INTO reminders.project_settings (project_id, county_code) VALUES ($1, $2) ON CONFLICT (project_id) DO NOTHING`,
      [a.projectId, a.countyCode],
    );
    await manager.query(
      `INSERT INTO reminders.mothers (application_id, project_id, county_code, township_code, village_code, name_masked, phone_masked, phone_sealed, phone_hash, partner_id, approved_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (application_id) DO NOTHING`,
      [a.applicationId, a.projectId, a.countyCode, a.townshipCode, a.villageCode, a.motherNameMasked, a.phoneMasked, a.phoneSealed, this.phone.lookupHash(a.phoneSealed), a.partnerId ?? null, a.approvedOn],
    );
    await this.waiting.release(manager, waitingForApplication(a.applicationId));
  }
}
