import { actingUser } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApplicationRejected, ObjectionResolved } from '@xingfu/contracts';
import { DomainError } from '@xingfu/common';
import { EntityManager } from 'typeorm';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { NoticeCloser } from '../close-public-notice/notice-closer';
import { loadNotice } from '../notice.repository';
import { ResolveObjectionCommand } from './resolve-objection.command';

interface ObjectionRow {
  id: string;
  notice_id: string;
  application_id: string;
  reason: string;
  status: 'open' | 'upheld' | 'dismissed';
}

/**
 * Upheld: the application is rejected with the objection's reason. Dismissed: it stays on the
 * notice. When the notice's last day has passed and nothing else holds it, it closes in the
 * same transaction (the job found it blocked and left it to this moment).
 */
@CommandHandler(ResolveObjectionCommand)
export class ResolveObjectionHandler implements ICommandHandler<ResolveObjectionCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly closer: NoticeCloser,
  ) {}

  execute({ fields: { objectionId, ...input }, context }: ResolveObjectionCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const found = await objectionById(manager, objectionId, false);
      if (!found) throw new DomainError('not_found', 'not_found', `objection ${objectionId} was not found`, { id: objectionId });
      // Locks in the order every notice command takes them: notice, objection, application.
      const notice = await loadNotice(manager, found.notice_id, user, true).catch((error: unknown) => {
        throw error instanceof DomainError && error.kind === 'not_found' ? new DomainError('not_found', 'not_found', `objection ${objectionId} was not found`, { id: objectionId }) : error;
      });
      const objection = (await objectionById(manager, objectionId, true))!;
      if (objection.status !== 'open') {
        throw new DomainError('conflict', 'objection_resolved', `The objection was already ${objection.status}.`, { objectionId, status: objection.status });
      }
      const application = await this.lifecycle.loadForChange(work, objection.application_id);
      if (input.outcome === 'upheld') {
        // 409 illegal_step if she left the notice meanwhile (withdrawn, rejected): dismiss it then.
        const { from } = await this.lifecycle.apply(work, application, 'objection-upheld', {
          details: { objectionId, noticeId: notice.id, note: input.note },
          changes: { decisionReason: objection.reason },
        });
        await work.outbox.append(ApplicationRejected, application.id, { applicationId: application.id, townshipCode: application.townshipCode, fromStatus: from, reason: objection.reason, cause: 'objection_upheld' });
      }
      await manager.query(`UPDATE applications.objections SET status = $2, note = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
        objectionId,
        input.outcome,
        input.note,
        user.id,
      ]);
      await work.outbox.append(ObjectionResolved, application.id, { objectionId, noticeId: notice.id, applicationId: application.id, townshipCode: application.townshipCode, outcome: input.outcome, note: input.note });
      const closed = notice.status === 'open' ? await this.closer.closeIfDue(work, notice, 'objection_resolved') : null;
      return {
        id: objectionId,
        noticeId: notice.id,
        applicationId: application.id,
        outcome: input.outcome,
        note: input.note,
        applicationStatus: application.status,
        noticeClosed: closed !== null,
        passedApplicationIds: closed?.passedApplicationIds ?? [],
      };
    });
  }
}

async function objectionById(manager: EntityManager, id: string, forUpdate: boolean): Promise<ObjectionRow | undefined> {
  const [row]: ObjectionRow[] = await manager.query(
    `SELECT id, notice_id, application_id, reason, status FROM applications.objections WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return row;
}
