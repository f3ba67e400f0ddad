import { Injectable } from '@nestjs/common';
import { PublicNoticeClosed } from '@xingfu/contracts';
import { Clock, DomainError } from '@xingfu/kernel';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { ApplicationEntity } from '../../shared/application.entity';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { closeRefusal } from '../domain/closing-rules';
import { blockingObjectionIds, NoticeRow } from '../notice.repository';

export type ClosedBy = 'job' | 'manual' | 'objection_resolved';

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
    private readonly clock: Clock,
  ) {}

  /** Closes it or throws the 409 that says why not (not ended, objections open, closed). */
  async close(work: Work, notice: NoticeRow, closedBy: ClosedBy): Promise<NoticeClosedResult> {
    const refusal = await this.refusal(work.manager, notice);
    if (refusal) throw new DomainError('conflict', refusal.code, refusal.message, refusal.details);
    return this.closeNow(work, notice, closedBy);
  }

  /** Closes it when it may close now; null (and nothing changed) otherwise. */
  async closeIfDue(work: Work, notice: NoticeRow, closedBy: ClosedBy): Promise<NoticeClosedResult | null> {
    if (await this.refusal(work.manager, notice)) return null;
    return this.closeNow(work, notice, closedBy);
  }

  private async refusal(manager: EntityManager, notice: NoticeRow) {
    const blocking = notice.status === 'open' ? await blockingObjectionIds(manager, notice.id) : [];
    return closeRefusal({ id: notice.id, status: notice.status, endDate: notice.end_date }, this.clock.now(), this.clock.today(), blocking);
  }

  private async closeNow(work: Work, notice: NoticeRow, closedBy: ClosedBy): Promise<NoticeClosedResult> {
    const { manager } = work;
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
    for (const application of passing) {
      await this.lifecycle.apply(work, application, 'notice-closed', { details: { noticeId: notice.id, closedBy } });
    }
    await manager.query(`UPDATE applications.public_notices SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1`, [notice.id, closedBy]);
    notice.status = 'closed';
    const passedApplicationIds = passing.map((a) => a.id);
    await work.outbox.append(PublicNoticeClosed, notice.id, {
      noticeId: notice.id,
      townshipCode: notice.township_code,
      villageCode: notice.village_code,
      passedApplicationIds,
      closedOn: today,
      closedBy,
    });
    return { id: notice.id, status: 'closed', closedBy, closedOn: today, passedApplicationIds };
  }
}
