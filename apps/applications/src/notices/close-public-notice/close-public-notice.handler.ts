import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadNotice } from '../notice.repository';
import { ClosePublicNoticeCommand } from './close-public-notice.command';
import { NoticeCloser } from './notice-closer';

/** Closes a public notice by hand or from the job; the notice's row lock keeps them from both closing it. */
@CommandHandler(ClosePublicNoticeCommand)
export class ClosePublicNoticeHandler implements ICommandHandler<ClosePublicNoticeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly closer: NoticeCloser,
  ) {}

  execute({ fields: { noticeId, closedBy }, context }: ClosePublicNoticeCommand) {
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      const notice = await loadNotice(manager, noticeId, work.user, true);
      return this.closer.close(work, notice, closedBy);
    });
  }
}
