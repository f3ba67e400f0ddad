import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class ObjectionResolvedV1 {
  @IsUUID()
  objectionId!: string;

  @IsUUID()
  noticeId!: string;

  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';

  @IsString()
  note!: string;
}

export const ObjectionResolved = defineEvent({
  type: 'ObjectionResolved',
  version: 1,
  producer: 'applications',
  payload: ObjectionResolvedV1,
  description: 'An objection was upheld (the application is rejected) or dismissed.',
});
