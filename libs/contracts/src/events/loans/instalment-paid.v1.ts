import { IsInt, IsUUID, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class InstalmentPaidV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsInt()
  @Min(1)
  scheduleVersion!: number;

  @IsInt()
  @Min(1)
  seq!: number;

  @IsBusinessDate()
  dueDate!: string;

  /** The date of the payment that completed it. */
  @IsBusinessDate()
  paidOn!: string;
}

export const InstalmentPaid = defineEvent({
  type: 'InstalmentPaid',
  version: 1,
  producer: 'loans',
  payload: InstalmentPaidV1,
  description: 'An instalment is paid in full: no more reminders for it (key = loan id).',
});
