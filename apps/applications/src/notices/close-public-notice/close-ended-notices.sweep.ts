import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, systemContext } from '@xingfu/common';
import { DailySweep } from '@xingfu/jobs';
import { DataSource } from 'typeorm';
import { ApplicationsSweep } from '../../applications.jobs';
import { ClosePublicNoticeCommand } from './close-public-notice.command';

/** Refusals that leave a notice for later, as the delayed job does: objections still open, or another close came first. */
const LEFT_OPEN = new Set(['unresolved_objections', 'notice_closed', 'notice_not_ended']);

/**
 * The daily public-notice sweep: on a business date, closes every open notice whose last day
 * came before it, with the same command as the job and the close route. It follows the
 * business date, not the wall clock, so a date moved ahead (or a process down for days) closes
 * what is due; the delayed job is only the fast path. Notices with open objections stay open.
 */
@Injectable()
export class CloseEndedNoticesSweep {
  private readonly logger = new Logger('CloseEndedNoticesSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @DailySweep(ApplicationsSweep.PublicNotices)
  async sweep(businessDate: string): Promise<{ closed: string[] }> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM applications.public_notices WHERE status = 'open' AND end_date < $1 ORDER BY end_date, id`,
      [businessDate],
    );
    const closed: string[] = [];
    for (const { id } of due) {
      try {
        await this.commands.execute(new ClosePublicNoticeCommand({ noticeId: id, closedBy: 'job' }, systemContext('public-notice-sweep', randomUUID())));
        closed.push(id);
      } catch (error) {
        if (!(error instanceof DomainError && LEFT_OPEN.has(error.code))) throw error;
      }
    }
    if (due.length) this.logger.log(`${businessDate}: ${closed.length} of ${due.length} ended notice(s) closed`);
    return { closed };
  }
}
