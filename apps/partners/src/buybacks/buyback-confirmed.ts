import { BuybackConfirmed } from '@xingfu/contracts';
import { Work } from '@xingfu/kit';
import { enrolmentFields } from '../enrolment/enrolment-event';
import { figuresOf } from '../shared/enrolment-view';
import { BuybackRow, EnrolmentRow } from '../shared/partner.rows';

/** The one place BuybackConfirmed is appended: for a buyback that has just become confirmed (by the officer, or by a settlement). */
export async function appendBuybackConfirmed(work: Work, enrolment: EnrolmentRow, buyback: BuybackRow, confirmedOn: string): Promise<void> {
  if (buyback.status !== 'confirmed') throw new Error(`buyback ${buyback.id} is ${buyback.status}: only a confirmed buyback emits BuybackConfirmed`);
  await work.outbox.append(BuybackConfirmed, enrolment.id, { ...enrolmentFields(enrolment), buybackId: buyback.id, boughtOn: buyback.bought_on, confirmedOn, figures: figuresOf(buyback) });
}
