import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApplicationApproved, ApplicationApprovedV1, EventEnvelope, GuaranteeOpened } from '@xingfu/contracts';
import { addDays, contextFromEvent } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { openedState } from '../domain/guarantee-status';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_HOUSEHOLD_LIMIT } from '../domain/household-rules';

/** The parties the application names: its township government and its village committee. */
export const townshipPartyName = (townshipCode: string) => `乡镇人民政府 ${townshipCode}`;
export const villagePartyName = (villageCode: string) => `村民委员会 ${villageCode}`;

/**
 * An approved application gets its three-party guarantee: township and village named from the
 * application, the household still to be named. One guarantee per application (a unique key),
 * so the same event handled twice, or re-emitted under a new id, opens one. The project's
 * settings (household limit, deadline) are read now and kept with the guarantee.
 */
@Injectable()
@EventConsumer({ service: 'guarantees', name: 'open-guarantee-when-application-approved', events: [ApplicationApproved] })
export class OpenGuaranteeWhenApplicationApproved implements EventHandler<typeof ApplicationApproved> {
  private readonly logger = new Logger(OpenGuaranteeWhenApplicationApproved.name);

  constructor(private readonly uow: UnitOfWork) {}

  async handle(event: EventEnvelope<ApplicationApprovedV1>, manager: EntityManager): Promise<void> {
    const approved = event.payload;
    const [settings]: { household_limit: number; deadline_days: number }[] = await manager.query(
      `SELECT household_limit, deadline_days FROM guarantees.project_settings WHERE project_id = $1`,
      [approved.projectId],
    );
    const householdLimit = settings?.household_limit ?? DEFAULT_HOUSEHOLD_LIMIT;
    const deadlineDays = settings?.deadline_days ?? DEFAULT_DEADLINE_DAYS;
    const id = randomUUID();
    const openedOn = approved.approvedOn;
    const deadline = addDays(openedOn, deadlineDays);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO guarantees.guarantees (id, application_id, project_id, county_code, township_code, village_code, mother_name_masked, mother_id_masked, mother_id_hash,
                                          status, household_limit, deadline_days, opened_on, deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (application_id) DO NOTHING RETURNING id`,
      [id, approved.applicationId, approved.projectId, approved.countyCode, approved.townshipCode, approved.villageCode, approved.motherNameMasked, approved.idNumberMasked,
        approved.idNumberHash ?? null, openedState().status, householdLimit, deadlineDays, openedOn, deadline],
    );
    if (!inserted.length) {
      this.logger.log(`application ${approved.applicationId} has its guarantee already; ApplicationApproved ${event.eventId} changes nothing`);
      return;
    }
    const parties = openedState().parties;
    await manager.query(
      `INSERT INTO guarantees.parties (id, guarantee_id, role, current, status, party_name, named_on)
       VALUES ($1, $4, 'township', true, $5, $7, $10), ($2, $4, 'village', true, $6, $8, $10), ($3, $4, 'household', true, $9, '', NULL)`,
      [randomUUID(), randomUUID(), randomUUID(), id, parties.township, parties.village, townshipPartyName(approved.townshipCode), villagePartyName(approved.villageCode), parties.household, openedOn],
    );
    const work = this.uow.join(manager, contextFromEvent(event));
    await work.outbox.append(GuaranteeOpened, id, {
      guaranteeId: id,
      applicationId: approved.applicationId,
      projectId: approved.projectId,
      countyCode: approved.countyCode,
      townshipCode: approved.townshipCode,
      villageCode: approved.villageCode,
      openedOn,
      deadline,
    });
  }
}
