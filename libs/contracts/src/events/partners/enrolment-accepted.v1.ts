import { IsUUID, Matches } from 'class-validator';
import { TOWNSHIP_CODE } from '@xingfu/kernel';
import { IsBusinessDate } from '../../business-date.decorator';
import { defineEvent } from '../../event-contract';

export class EnrolmentAcceptedV1 {
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

  @IsUUID()
  programmeId!: string;

  @IsBusinessDate()
  acceptedOn!: string;
}

export const EnrolmentAccepted = defineEvent({
  type: 'EnrolmentAccepted',
  version: 1,
  producer: 'partners',
  payload: EnrolmentAcceptedV1,
  description: 'The partner accepted an approved mother into its programme (key = enrolment id).',
});
