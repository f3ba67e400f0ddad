import { IsIn, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { OVERDUE_BUCKETS, OverdueBucket } from './shared-types';

export class InstalmentOverdueV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsInt()
  @Min(1)
  scheduleVersion!: number;

  @IsInt()
  @Min(1)
  seq!: number;

  @IsBusinessDate()
  dueDate!: string;

  /** The business date the sweep aged it on. */
  @IsBusinessDate()
  asOf!: string;

  /** Days past due on that date, not counting days the loan's arrears were paused. */
  @IsInt()
  @Min(1)
  daysPastDue!: number;

  /** The bucket it entered on that date. */
  @IsIn(OVERDUE_BUCKETS)
  bucket!: OverdueBucket;

  /** What is unpaid on the instalment (fee and principal), in fen. */
  @IsInt()
  @Min(1)
  unpaidFen!: number;
}

export const InstalmentOverdue = defineEvent({
  type: 'InstalmentOverdue',
  version: 1,
  producer: 'loans',
  payload: InstalmentOverdueV1,
  description: 'An unpaid instalment entered an arrears bucket (1–30, 31–60, 61–90, 90+) on a business date (key = loan id).',
});
