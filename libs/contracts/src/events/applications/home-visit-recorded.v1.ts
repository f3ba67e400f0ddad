import { IsBoolean, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class HomeVisitRecordedV1 {
  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  visitedOn!: string;

  @IsBoolean()
  verified!: boolean;
}

export const HomeVisitRecorded = defineEvent({
  type: 'HomeVisitRecorded',
  version: 1,
  producer: 'applications',
  payload: HomeVisitRecordedV1,
  description: 'An officer visited the mother at home and recorded whether the survey was verified.',
});
