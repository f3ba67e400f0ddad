import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class EnrolmentRefusedV1 {
  @IsUUID()
  enrolmentId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  projectId!: string;

  @IsUUID()
  partnerId!: string;

  @Matches(TOWNSHIP_CODE)
  townshipCode!: string;

  @IsBusinessDate()
  refusedOn!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export const EnrolmentRefused = defineEvent({
  type: 'EnrolmentRefused',
  version: 1,
  producer: 'partners',
  payload: EnrolmentRefusedV1,
  description: 'The partner refused an approved mother, with its reason: the project office finds her another way (key = enrolment id).',
});
