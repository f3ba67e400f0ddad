import { Injectable } from '@nestjs/common';
import { BuybackConfirmed, BuybackConfirmedV1, BuybackRecorded, BuybackRecordedV1, EventEnvelope, InputsDelivered, InputsDeliveredV1 } from '@xingfu/contracts';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForEnrolment } from '../shared/waiting-keys';

const CONSUMER = 'follow-buybacks';
type BuybackPayload = InputsDeliveredV1 | BuybackRecordedV1 | BuybackConfirmedV1;

/**
 * When a partner is expected to buy a mother's produce back (the first delivery plus the
 * programme's grow-out days, as partners computes it: the earliest heard is kept), until a
 * buyback is recorded or confirmed (the earliest date heard): the partner is reminded a week before.
 */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [InputsDelivered, BuybackRecorded, BuybackConfirmed] })
export class FollowBuybacks implements EventHandler<typeof InputsDelivered | typeof BuybackRecorded | typeof BuybackConfirmed> {
  constructor(private readonly waiting: WaitingEvents) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<BuybackPayload>, manager));
  }

  async handle(event: EventEnvelope<BuybackPayload>, manager: EntityManager): Promise<void> {
    if (event.type === InputsDelivered.type) {
      const d = event.payload as InputsDeliveredV1;
      await manager.query(
        `INSERT INTO reminders.expected_buybacks (enrolment_id, application_id, project_id, partner_id, township_code, expected_on) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (enrolment_id) DO UPDATE SET expected_on = LEAST(reminders.expected_buybacks.expected_on, EXCLUDED.expected_on)`,
        [d.enrolmentId, d.applicationId, d.projectId, d.partnerId, d.townshipCode, d.expectedBuybackDate],
      );
      await this.waiting.release(manager, waitingForEnrolment(d.enrolmentId));
      return;
    }
    const { enrolmentId, boughtOn } = event.payload as BuybackRecordedV1 | BuybackConfirmedV1;
    const known = async () => (await manager.query(`SELECT 1 FROM reminders.expected_buybacks WHERE enrolment_id = $1`, [enrolmentId])).length > 0;
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForEnrolment(enrolmentId), event, known))) return;
    await manager.query(`UPDATE reminders.expected_buybacks SET bought_on = LEAST(bought_on, $2::date) WHERE enrolment_id = $1`, [enrolmentId, boughtOn]);
  }
}
