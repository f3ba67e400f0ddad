import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { loadNotice } from '../notice.repository';
import { ClosePublicNoticeCommand } from './close-public-notice.command';
import { NoticeCloser } from './notice-closer';

/** Closes a public notice by hand or from the job; the notice's row lock keeps them from both closing it. */
@CommandHandler(ClosePublicNoticeCommand)
export class ClosePublicNoticeHandler implements ICommandHandler<ClosePublicNoticeCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly closer: NoticeCloser,
  ) {}

  execute({ noticeId, user, closedBy }: ClosePublicNoticeCommand) {
    return this.dataSource.transaction(async (manager) => {
      const notice = await loadNotice(manager, noticeId, user, true);
      return this.closer.close(manager, notice, user, closedBy);
    });
  }
}
