import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, scopedWhere, ScopedRecord } from '@xingfu/auth';
import { Clock } from '@xingfu/common';
import { Ctx, UnitOfWork } from '@xingfu/kit';
import { CommandContext, DomainError } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { namedQuery } from '../named-query';
import { TaskScope } from './task-scope';
import { ListTasksFilter } from './tasks.dto';

const TASK_COLUMNS = `id, reminder_id, recipient_role, county_code, township_code, partner_id, title, body, due_on::text AS due_on, status, done_by, done_at, created_at`;

interface TaskRow {
  id: string;
  reminder_id: string;
  recipient_role: string;
  county_code: string | null;
  township_code: string | null;
  partner_id: string | null;
  title: string;
  body: string;
  due_on: string;
  status: string;
  done_by: string | null;
  done_at: Date | null;
  created_at: Date;
}

const view = (t: TaskRow) => ({
  id: t.id,
  reminderId: t.reminder_id,
  recipient: t.recipient_role,
  countyCode: t.county_code,
  townshipCode: t.township_code,
  partnerId: t.partner_id,
  title: t.title,
  body: t.body,
  dueOn: t.due_on,
  status: t.status,
  doneBy: t.done_by,
  doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
});

/** The in-app task list (officers, the project office, partners), each in its scope. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Tasks in your scope, oldest due first; filter by status (open, done).' })
  @ApiOkResponse({ description: '{ items, limit, offset, total }' })
  async list(@Query() filter: ListTasksFilter, @CurrentUser() user: AuthUser): Promise<{ items: ReturnType<typeof view>[]; limit: number; offset: number; total: number }> {
    const scope = scopedWhere(user, { township: 't.township_code', county: 't.county_code', partner: 't.partner_id' });
    const limit = filter.limit ?? 50;
    const offset = filter.offset ?? 0;
    const where = [scope.sql, ...(filter.status ? ['t.status = :status'] : [])];
    const rows = await namedQuery<TaskRow & { total: number }>(
      this.dataSource,
      `SELECT ${TASK_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')}, count(*) OVER ()::int AS total
         FROM reminders.tasks t WHERE ${where.map((w) => `(${w})`).join(' AND ')}
        ORDER BY t.due_on, t.id LIMIT :limit OFFSET :offset`,
      { ...scope.params, status: filter.status, limit, offset },
    );
    // The window count rides on the rows; only a page past the end needs asking again.
    const total = rows[0]?.total ?? (offset ? (await this.list({ ...filter, offset: 0, limit: 1 }, user)).total : 0);
    return { items: rows.map(view), limit, offset, total };
  }

  @Post(':id/done')
  @HttpCode(200)
  @ScopedRecord('task', TaskScope)
  @ApiOperation({ summary: 'Marks a task in your scope done.' })
  @ApiOkResponse({ description: 'The task, done, with who and when.' })
  @ApiNotFoundResponse({ description: 'No such task in your scope.' })
  @ApiConflictResponse({ description: 'task_done: it was already done.' })
  done(@Param('id') id: string, @Ctx() context: CommandContext, @CurrentUser() user: AuthUser) {
    return this.uow.run(context, async ({ manager }) => {
      const [task]: TaskRow[] = await manager.query(`SELECT ${TASK_COLUMNS} FROM reminders.tasks WHERE id = $1 FOR UPDATE`, [id]);
      if (task.status === 'done') throw new DomainError('conflict', 'task_done', `task ${id} is already done`, { id, doneAt: task.done_at });
      // An UPDATE through TypeORM's pg driver answers [rows, rowCount].
      const [[done]]: [TaskRow[], number] = await manager.query(`UPDATE reminders.tasks SET status = 'done', done_by = $2, done_at = $3 WHERE id = $1 RETURNING ${TASK_COLUMNS}`, [id, user.id, this.clock.now()]);
      return view(done);
    });
  }
}
