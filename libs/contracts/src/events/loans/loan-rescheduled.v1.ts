import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';
import { InstalmentV1 } from './shared-types';

export class LoanRescheduledV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsBusinessDate()
  rescheduledOn!: string;

  /** The new schedule's version; the earlier ones stay in the loan's history. */
  @IsInt()
  @Min(2)
  scheduleVersion!: number;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  /** The new schedule, for what was outstanding. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => InstalmentV1)
  instalments!: InstalmentV1[];
}

export const LoanRescheduled = defineEvent({
  type: 'LoanRescheduled',
  version: 1,
  producer: 'loans',
  payload: LoanRescheduledV1,
  description: 'The project office replaced the unpaid schedule of a loan with a new one for what was outstanding (key = loan id).',
});
