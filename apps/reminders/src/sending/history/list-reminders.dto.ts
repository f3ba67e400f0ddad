import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsSaneDate } from '@xingfu/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitOffsetQuery } from '../limit-offset.query';

export const REMINDER_STATUSES = ['scheduled', 'sending', 'sent', 'skipped_stale', 'skipped_paid', 'skipped_paused', 'skipped_closed', 'failed'] as const;
export const RECIPIENT_ROLES = ['mother', 'guarantor', 'officer', 'project_manager', 'partner'] as const;

/** The history's filters: by loan, recipient role, status and due dates (from/to inclusive), paged by limit/offset. */
export class ListRemindersFilter extends LimitOffsetQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  loanId?: string;

  @ApiPropertyOptional({ enum: RECIPIENT_ROLES })
  @IsOptional()
  @IsIn(RECIPIENT_ROLES)
  recipient?: (typeof RECIPIENT_ROLES)[number];

  @ApiPropertyOptional({ enum: REMINDER_STATUSES })
  @IsOptional()
  @IsIn(REMINDER_STATUSES)
  status?: (typeof REMINDER_STATUSES)[number];

  @ApiPropertyOptional({ example: '2026-03-01', description: 'due on or after' })
  @IsOptional()
  @IsSaneDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'due on or before' })
  @IsOptional()
  @IsSaneDate()
  to?: string;
}
