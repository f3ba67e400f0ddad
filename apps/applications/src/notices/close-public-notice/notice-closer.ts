import { Injectable } from '@nestjs/common';
import { AuthUser } from '@xingfu/auth';
import { PublicNoticeClosed } from '@xingfu/contracts';
import { Clock, DomainError } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { ApplicationEntity } from '../../shared/application.entity';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { eventContextOf, systemEventContext } from '../../shared/command-context';
import { closeRefusal } from '../domain/closing-rules';
import { blockingObjectionIds, NoticeRow } from '../notice.repository';

export type ClosedBy = 'job' | 'manual' | 'objection_resolved';

/** Who closes when no user does: the BullMQ job at the end of the last day. */
export const SYSTEM_ACTOR = { actor: 'system:public-notice-closer', role: 'system' };

export interface NoticeClosedResult {
  id: string;
  status: 'closed';
  closedBy: ClosedBy;
  closedOn: string;
  passedApplicationIds: string[];
}

/**
 * Ends a public notice that the caller's transaction has locked: the applications still on
 * it pass (notice_passed), the notice is closed, PublicNoticeClosed is appended. Shared by
 * the manual route, the job and the resolution of the last objection.
 */
@Injectable()
export class NoticeCloser {
  constructor(
    private readonly lifecycle: ApplicationLifecycle,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** Closes it or throws the 409 that says why not (not ended, objections open, closed). */
  async close(manager: EntityManager, notice: NoticeRow, user: AuthUser | null, closedBy: ClosedBy): Promise<NoticeClosedResult> {
    const refusal = await this.refusal(manager, notice);
    if (refusal) throw new DomainError('conflict', refusal.code, refusal.message, refusal.details);
    return this.closeNow(manager, notice, user, closedBy);
  }

  /** Closes it when it may close now; null (and nothing changed) otherwise. */
  async closeIfDue(manager: EntityManager, notice: NoticeRow, user: AuthUser | null, closedBy: ClosedBy): Promise<NoticeClosedResult | null> {
    if (await this.refusal(manager, notice)) return null;
    return this.closeNow(manager, notice, user, closedBy);
  }

  private async refusal(manager: EntityManager, notice: NoticeRow) {
    const blocking = notice.status === 'open' ? await blockingObjectionIds(manager, notice.id) : [];
    return closeRefusal({ id: notice.id, status: notice.status, endDate: notice.end_date }, this.clock.now(), this.clock.today(), blocking);
  }

  private async closeNow(manager: EntityManager, notice: NoticeRow, user: AuthUser | null, closedBy: ClosedBy): Promise<NoticeClosedResult> {
    const today = this.clock.today();
    // Ordered by id, as every other multi-application lock here, so two transactions never deadlock.
    const passing = await manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.id IN (SELECT application_id FROM applications.public_notice_items WHERE notice_id = :id)', { id: notice.id })
      .andWhere(`a.status = 'in_notice'`)
      .orderBy('a.id')
      .setLock('pessimistic_write')
      .getMany();
    const actor = user ?? SYSTEM_ACTOR;
    for (const application of passing) {
      await this.lifecycle.apply(manager, application, 'notice-closed', actor, { details: { noticeId: notice.id, closedBy } });
    }
    await manager.query(`UPDATE applications.public_notices SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1`, [notice.id, closedBy]);
    notice.status = 'closed';
    const passedApplicationIds = passing.map((a) => a.id);
    await this.outbox.append(manager, PublicNoticeClosed, {
      aggregateId: notice.id,
      payload: { noticeId: notice.id, townshipCode: notice.township_code, villageCode: notice.village_code, passedApplicationIds, closedOn: today, closedBy },
      context: user ? eventContextOf(user) : systemEventContext(SYSTEM_ACTOR.actor),
    });
    return { id: notice.id, status: 'closed', closedBy, closedOn: today, passedApplicationIds };
  }
}
