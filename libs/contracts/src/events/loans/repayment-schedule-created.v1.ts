import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';
import { InstalmentV1 } from './shared-types';

export class RepaymentScheduleCreatedV1 {
  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  /** 1 at disbursement; each reschedule makes the next version. */
  @IsInt()
  @Min(1)
  scheduleVersion!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => InstalmentV1)
  instalments!: InstalmentV1[];
}

export const RepaymentScheduleCreated = defineEvent({
  type: 'RepaymentScheduleCreated',
  version: 1,
  producer: 'loans',
  payload: RepaymentScheduleCreatedV1,
  description: 'A disbursed loan’s repayment schedule: every instalment with its due date and amounts (key = loan id).',
});
