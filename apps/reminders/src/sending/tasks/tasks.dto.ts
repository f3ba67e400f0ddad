import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LimitOffsetQuery } from '../limit-offset.query';

export const TASK_STATUSES = ['open', 'done'] as const;

/** The tasks list's filter: by status, paged by limit/offset. */
export class ListTasksFilter extends LimitOffsetQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: (typeof TASK_STATUSES)[number];
}
