import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class ArrearsPausedV1 {
  @IsUUID()
  pauseId!: string;

  @IsUUID()
  loanId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  /** First and last business date of the pause, both included. */
  @IsBusinessDate()
  from!: string;

  @IsBusinessDate()
  to!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export const ArrearsPaused = defineEvent({
  type: 'ArrearsPaused',
  version: 1,
  producer: 'loans',
  payload: ArrearsPausedV1,
  description: 'A loan’s arrears are paused (e.g. swine fever, a flood): it does not age, is not reminded, and keeps its subsidy (key = loan id).',
});
