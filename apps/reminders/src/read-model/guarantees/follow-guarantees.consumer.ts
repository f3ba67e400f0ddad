import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  GuaranteeEffective,
  GuaranteeEffectiveV1,
  GuaranteeInvoked,
  GuaranteeInvokedV1,
  GuaranteeLapsed,
  GuaranteeLapsedV1,
  GuaranteeOpened,
  GuaranteeOpenedV1,
  GuaranteeReleased,
  GuaranteeReleasedV1,
  GuaranteeReopened,
  GuaranteeReopenedV1,
} from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { GuaranteeStep, standingAfter } from '../domain/guarantee-standing';
import { SealedPhone } from '../shared/sealed-phone';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForGuarantee } from '../shared/waiting-keys';

const CONSUMER = 'follow-guarantees';
type GuaranteeEvent = typeof GuaranteeOpened | typeof GuaranteeLapsed | typeof GuaranteeReopened | typeof GuaranteeEffective | typeof GuaranteeInvoked | typeof GuaranteeReleased;
type GuaranteePayload = GuaranteeOpenedV1 | GuaranteeLapsedV1 | GuaranteeReopenedV1 | GuaranteeEffectiveV1 | GuaranteeInvokedV1 | GuaranteeReleasedV1;

/**
 * A guarantee as reminders needs it: its signing deadline while it is open (the officer is
 * reminded before it), whether it stands (effective: its household is texted when an instalment
 * is 15 days late, by the household's sealed phone), and its invocation with one demand per
 * party. Its status only moves forward (domain/guarantee-standing), so any order of its events
 * gives the same row; a step before GuaranteeOpened waits for it.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [GuaranteeOpened, GuaranteeLapsed, GuaranteeReopened, GuaranteeEffective, GuaranteeInvoked, GuaranteeReleased] })
export class FollowGuarantees implements EventHandler<GuaranteeEvent> {
  constructor(
    private readonly waiting: WaitingEvents,
    private readonly phone: SealedPhone,
  ) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<GuaranteePayload>, manager));
  }

  async handle(event: EventEnvelope<GuaranteePayload>, manager: EntityManager): Promise<void> {
    if (event.type === GuaranteeOpened.type) return this.opened(event.payload as GuaranteeOpenedV1, manager);
    const { guaranteeId } = event.payload;
    const [row] = await this.known(manager, guaranteeId, event);
    if (!row) return;
    switch (event.type) {
      case GuaranteeLapsed.type: {
        const { deadline } = event.payload as GuaranteeLapsedV1;
        return this.step(manager, guaranteeId, row.opened_deadline, { step: 'lapsed', deadline }, deadline);
      }
      case GuaranteeReopened.type:
        return this.step(manager, guaranteeId, row.opened_deadline, { step: 'reopened' }, (event.payload as GuaranteeReopenedV1).deadline);
      case GuaranteeEffective.type: {
        const { householdPhoneSealed } = event.payload as GuaranteeEffectiveV1;
        if (householdPhoneSealed) {
          await manager.query(`UPDATE reminders.guarantees SET household_phone_sealed = $2, household_phone_hash = $3 WHERE guarantee_id = $1 AND household_phone_sealed IS NULL`, [
            guaranteeId,
            householdPhoneSealed,
            this.phone.lookupHash(householdPhoneSealed),
          ]);
        }
        return this.step(manager, guaranteeId, row.opened_deadline, { step: 'effective' });
      }
      case GuaranteeInvoked.type:
        await this.demands(manager, event.payload as GuaranteeInvokedV1);
        return this.step(manager, guaranteeId, row.opened_deadline, { step: 'invoked' });
      default:
        // Released when the loan was repaid, or closed as a loss when it was written off: either way it no longer stands.
        return this.step(manager, guaranteeId, row.opened_deadline, { step: 'released' });
    }
  }

  private async opened(g: GuaranteeOpenedV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO reminders.guarantees (guarantee_id, application_id, project_id, county_code, township_code, village_code, deadline, opened_deadline, status, status_rank)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'open', $8) ON CONFLICT (guarantee_id) DO NOTHING`,
      [g.guaranteeId, g.applicationId, g.projectId, g.countyCode, g.townshipCode, g.villageCode, g.deadline, standingAfter({ step: 'opened' }, g.deadline).rank],
    );
    await this.waiting.release(manager, waitingForGuarantee(g.guaranteeId));
  }

  /**
   * Applies the step's status only over a lower rank. A deadline only moves later (a reopening
   * gives a new one, once), so the latest heard is the one, whatever the status.
   */
  private async step(manager: EntityManager, guaranteeId: string, openedDeadline: string, step: GuaranteeStep, deadline?: string): Promise<void> {
    const { status, rank } = standingAfter(step, openedDeadline);
    if (deadline) await manager.query(`UPDATE reminders.guarantees SET deadline = GREATEST(deadline, $2::date) WHERE guarantee_id = $1`, [guaranteeId, deadline]);
    await manager.query(`UPDATE reminders.guarantees SET status = $2, status_rank = $3 WHERE guarantee_id = $1 AND status_rank < $3`, [guaranteeId, status, rank]);
  }

  private async demands(manager: EntityManager, invoked: GuaranteeInvokedV1): Promise<void> {
    for (const party of invoked.parties) {
      await manager.query(
        `INSERT INTO reminders.guarantee_demands (demand_id, guarantee_id, loan_id, role, party_name, liability_fen, demanded_on, channel, phone_sealed, phone_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (demand_id) DO NOTHING`,
        [
          party.demandId,
          invoked.guaranteeId,
          invoked.loanId,
          party.role,
          party.partyName,
          party.liabilityFen,
          party.demandedOn,
          party.channel,
          party.phoneSealed ?? null,
          party.phoneSealed ? this.phone.lookupHash(party.phoneSealed) : null,
        ],
      );
    }
  }

  private async known(manager: EntityManager, guaranteeId: string, event: EventEnvelope<GuaranteePayload>): Promise<{ opened_deadline: string }[]> {
    let rows: { opened_deadline: string }[] = [];
    const ready = await this.waiting.ready(manager, CONSUMER, waitingForGuarantee(guaranteeId), event, async () => {
      rows = await manager.query(`SELECT opened_deadline FROM reminders.guarantees WHERE guarantee_id = $1`, [guaranteeId]);
      return rows.length > 0;
    });
    return ready ? rows : [];
  }
}
