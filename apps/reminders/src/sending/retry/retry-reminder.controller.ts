import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { Ctx, UnitOfWork } from '@xingfu/kit';
import { CommandContext, DomainError, NotFoundError } from '@xingfu/kernel';
import { JobQueues } from '@xingfu/jobs';
import { RemindersJob, RemindersQueue } from '../../reminders.jobs';
import { retryJobIdOf } from '../send-reminder/send-job-id';
import type { SendReminderJobData } from '../send-reminder/send-reminder.job';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RetryReminderController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly queues: JobQueues,
  ) {}

  @Post(':id/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Sends a failed reminder again (admin): back to scheduled and queued at once, with the same checks as any send.' })
  @ApiOkResponse({ description: '{ id, status: "scheduled", jobId }' })
  @ApiNotFoundResponse({ description: 'No such reminder.' })
  @ApiConflictResponse({ description: 'not_failed: only a failed reminder is retried; details.status says what it is.' })
  async retry(@Param('id') id: string, @Ctx() context: CommandContext) {
    // The answer is the unit of work's, so a replay under the same Idempotency-Key gives it again.
    const answer = await this.uow.run(context, async ({ manager }) => {
      const [row]: { status: string; attempts: number }[] = await manager.query(`SELECT status, attempts FROM reminders.reminders WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw new NotFoundError('reminder', id);
      if (row.status !== 'failed') throw new DomainError('conflict', 'not_failed', `reminder ${id} is ${row.status}, not failed`, { id, status: row.status });
      await manager.query(`UPDATE reminders.reminders SET status = 'scheduled', message_id = NULL, updated_at = now() WHERE id = $1`, [id]);
      return { id, status: 'scheduled', jobId: retryJobIdOf(id, row.attempts) };
    });
    // After the commit, so the job finds it scheduled. Lost here (Redis away), the requeue adds it under the same id.
    await this.queues.add<SendReminderJobData>(RemindersQueue.Sending, RemindersJob.SendReminder, { reminderId: id }, { jobId: answer.jobId });
    return answer;
  }
}
