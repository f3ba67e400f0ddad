import { IsArray, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class PublicNoticeOpenedV1 {
  @IsUUID()
  noticeId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @Matches(VILLAGE_CODE)
  villageCode!: string;

  @IsArray()
  @IsUUID('all', { each: true })
  applicationIds!: string[];

  @IsBusinessDate()
  startDate!: string;

  @IsBusinessDate()
  endDate!: string;

  @IsInt()
  @Min(1)
  days!: number;
}

export const PublicNoticeOpened = defineEvent({
  type: 'PublicNoticeOpened',
  version: 1,
  producer: 'applications',
  payload: PublicNoticeOpenedV1,
  description: 'A village’s list of eligible applications was posted publicly (公示).',
});
