import { IsBoolean, IsString, IsUUID, Matches, MinLength } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { defineEvent } from '../../event-contract';

export class ObjectionFiledV1 {
  @IsUUID()
  objectionId!: string;

  @IsUUID()
  noticeId!: string;

  @IsUUID()
  applicationId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBoolean()
  anonymous!: boolean;

  @IsString()
  @MinLength(1)
  reason!: string;
}

export const ObjectionFiled = defineEvent({
  type: 'ObjectionFiled',
  version: 1,
  producer: 'applications',
  payload: ObjectionFiledV1,
  description: 'Someone objected to an application on a public notice.',
});
