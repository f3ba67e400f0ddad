import { IsInt, IsString, IsUUID, Matches, Min, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class FollowUpRecordedV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  visitedOn!: string;

  @IsString()
  @MinLength(1)
  productionStatus!: string;

  @IsInt()
  @Min(0)
  incomeEstimateFen!: number;

  @IsString()
  problems!: string;

  @IsString()
  helpGiven!: string;
}

export const FollowUpRecorded = defineEvent({
  type: 'FollowUpRecorded',
  version: 1,
  producer: 'applications',
  payload: FollowUpRecordedV1,
  description: 'An officer visited an approved mother and recorded production and living conditions.',
});
