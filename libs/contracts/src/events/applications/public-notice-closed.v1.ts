import { IsArray, IsIn, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';
import { TOWNSHIP_CODE, VILLAGE_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class PublicNoticeClosedV1 {
  @IsUUID()
  noticeId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @Matches(VILLAGE_CODE)
  villageCode!: string;

  @IsArray()
  @IsUUID('all', { each: true })
  passedApplicationIds!: string[];

  @IsBusinessDate()
  closedOn!: string;

  @IsIn(['job', 'manual', 'objection_resolved'])
  closedBy!: 'job' | 'manual' | 'objection_resolved';
}

export const PublicNoticeClosed = defineEvent({
  type: 'PublicNoticeClosed',
  version: 1,
  producer: 'applications',
  payload: PublicNoticeClosedV1,
  description: 'A public notice ended; the applications still on it passed.',
});
