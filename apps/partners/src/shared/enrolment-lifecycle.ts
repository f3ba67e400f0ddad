import { updateColumns } from '@xingfu/database';
import { Injectable } from '@nestjs/common';
import { assertInScope } from '@xingfu/auth';
import { AuthUser, DomainError } from '@xingfu/kernel';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { BuybackStep, BuybackStepError, nextBuybackStatus, SettlementOutcome } from '../domain/buyback-status';
import { EnrolmentStep, EnrolmentStepError, nextEnrolmentStatus } from '../domain/enrolment-status';
import { BuybackRow, DeliveryRow, EnrolmentRow, ProgrammeRow } from './partner.rows';

/** Where an enrolment lives: its township and county (officers, managers) and its partner (partner users). */
export const enrolmentTarget = (e: EnrolmentRow) => ({ townshipCode: e.township_code, countyCode: e.county_code, partnerId: e.partner_id });

/**
 * The one way an enrolment, its deliveries and its buybacks change: load locked (and in the
 * acting user's scope, 404 outside it), ask the state machine (409 illegal_step), update.
 * Everything of one enrolment is serialised on the enrolment's row lock.
 */
@Injectable()
export class EnrolmentLifecycle {
  async loadForChange({ manager, user }: Work, id: string): Promise<EnrolmentRow> {
    const [enrolment]: EnrolmentRow[] = await manager.query(`SELECT * FROM partners.enrolments WHERE id = $1 FOR UPDATE`, [id]);
    assertVisible(enrolment, user, 'enrolment', id);
    return enrolment;
  }

  /** The delivery and its enrolment, the enrolment locked. */
  async loadDeliveryForChange(work: Work, id: string): Promise<{ enrolment: EnrolmentRow; delivery: DeliveryRow }> {
    const [row]: { enrolment_id: string }[] = await work.manager.query(`SELECT enrolment_id FROM partners.deliveries WHERE id = $1`, [id]);
    if (!row) throw new DomainError('not_found', 'not_found', `delivery ${id} was not found`, { id });
    const enrolment = await this.loadForChange(work, row.enrolment_id);
    const [delivery]: DeliveryRow[] = await work.manager.query(`SELECT * FROM partners.deliveries WHERE id = $1`, [id]);
    return { enrolment, delivery };
  }

  async loadBuybackForChange(work: Work, id: string): Promise<{ enrolment: EnrolmentRow; buyback: BuybackRow }> {
    const [row]: { enrolment_id: string }[] = await work.manager.query(`SELECT enrolment_id FROM partners.buybacks WHERE id = $1`, [id]);
    if (!row) throw new DomainError('not_found', 'not_found', `buyback ${id} was not found`, { id });
    const enrolment = await this.loadForChange(work, row.enrolment_id);
    const [buyback]: BuybackRow[] = await work.manager.query(`SELECT * FROM partners.buybacks WHERE id = $1`, [id]);
    return { enrolment, buyback };
  }

  async programmeOf(manager: EntityManager, enrolment: EnrolmentRow): Promise<ProgrammeRow> {
    const [programme]: ProgrammeRow[] = await manager.query(`SELECT * FROM partners.programmes WHERE id = $1`, [enrolment.programme_id]);
    return programme;
  }

  next(enrolment: EnrolmentRow, step: EnrolmentStep): EnrolmentRow['status'] {
    try {
      return nextEnrolmentStatus(enrolment.status, step);
    } catch (error) {
      if (error instanceof EnrolmentStepError) {
        throw new DomainError('conflict', 'illegal_step', error.message, { enrolmentId: enrolment.id, currentState: error.current, step, allowedSteps: error.allowed });
      }
      throw error;
    }
  }

  nextBuyback(buyback: BuybackRow, step: BuybackStep, outcome?: SettlementOutcome): BuybackRow['status'] {
    try {
      return nextBuybackStatus(buyback.status, step, outcome);
    } catch (error) {
      if (error instanceof BuybackStepError) {
        throw new DomainError('conflict', 'illegal_step', error.message, { buybackId: buyback.id, currentState: error.current, step, allowedSteps: error.allowed });
      }
      throw error;
    }
  }

  async update(manager: EntityManager, enrolment: EnrolmentRow, changes: Partial<EnrolmentRow>): Promise<void> {
    await updateColumns(manager, 'partners.enrolments', enrolment.id, changes, { touch: true });
    Object.assign(enrolment, changes);
  }

  async updateBuyback(manager: EntityManager, buyback: BuybackRow, changes: Partial<BuybackRow>): Promise<void> {
    await updateColumns(manager, 'partners.buybacks', buyback.id, changes, { touch: false });
    Object.assign(buyback, changes);
  }
}

/** The system and events act without a scope; a user only within hers. */
function assertVisible(enrolment: EnrolmentRow | undefined, user: AuthUser | null, what: string, id: string): asserts enrolment is EnrolmentRow {
  if (!enrolment) throw new DomainError('not_found', 'not_found', `${what} ${id} was not found`, { id });
  if (user) assertInScope(user, enrolmentTarget(enrolment), what, id);
}
