import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ObjectionFiled } from '@xingfu/contracts';
import { DomainError } from '@xingfu/common';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { loadNotice } from '../notice.repository';
import { FileObjectionCommand } from './file-objection.command';

/**
 * Anyone may object while the notice runs; an officer records it. The application stays
 * in_notice (the step is written to its history) until the objection is resolved.
 */
@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  execute({ fields: { noticeId, ...input }, context }: FileObjectionCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      // Locked, so the notice cannot close between this check and the objection's insert.
      const notice = await loadNotice(manager, noticeId, user, true);
      if (notice.status !== 'open') {
        throw new DomainError('conflict', 'notice_closed', 'Objections are taken only while the notice is open.', { noticeId, status: notice.status });
      }
      const [item] = await manager.query(`SELECT 1 FROM applications.public_notice_items WHERE notice_id = $1 AND application_id = $2`, [noticeId, input.applicationId]);
      if (!item) {
        throw new DomainError('conflict', 'not_on_notice', `Application ${input.applicationId} is not on this notice.`, { noticeId, applicationId: input.applicationId });
      }
      const application = await this.lifecycle.loadForChange(work, input.applicationId);
      const id = randomUUID();
      const objector = input.objector?.trim() || null;
      const reason = input.reason.trim();
      // 409 illegal_step when she is no longer in_notice (withdrawn, rejected).
      await this.lifecycle.apply(work, application, 'objection', { details: { objectionId: id, noticeId, anonymous: !objector } });
      await manager.query(
        `INSERT INTO applications.objections (id, notice_id, application_id, objector, reason, status, filed_by) VALUES ($1, $2, $3, $4, $5, 'open', $6)`,
        [id, noticeId, application.id, objector, reason, user.id],
      );
      await work.outbox.append(ObjectionFiled, application.id, { objectionId: id, noticeId, applicationId: application.id, townshipCode: application.townshipCode, anonymous: !objector, reason });
      return { id, noticeId, applicationId: application.id, objector, anonymous: !objector, reason, status: 'open' as const };
    });
  }
}
